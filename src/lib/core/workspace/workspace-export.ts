// The workspace file of a workspace: its sources and mappings read from the catalog, its manual
// decisions from the identity tables, and the settings the page keeps (IndexedDB) passed in.
// The same function runs in the app's worker and in the tests. Decisions are written by source
// and record key: a record id is '<source id>:<key>', and a source id may itself hold ':'.
import type { Db } from '../db';
import type { EventKind } from '../customer360/event-kinds';
import { listDecisions } from '../identity/decisions';
import type { IdentitySettings } from '../identity/types';
import type { IndicatorSettings } from '../indicators/settings';
import type { SegmentDefinition } from '../segments/definition';
import { listSources, loadMapping, loadReadOptions } from './catalog';
import {
	formatOfFileName,
	WORKSPACE_FILE_KIND,
	WORKSPACE_FILE_VERSION,
	type WorkspaceDecision,
	type WorkspaceFile,
	type WorkspaceSourceSpec
} from './workspace-file';

/** What the page keeps of the workspace's settings, outside the database. */
export interface PageSettings {
	phoneCountry: string;
	identity: IdentitySettings;
	customers360: { asOf: string | null; kinds: Readonly<Record<string, EventKind>> };
	indicators: IndicatorSettings;
	segments: readonly SegmentDefinition[];
}

function keyOf(
	recordId: string,
	sourceIds: readonly string[]
): { source: string; key: string } | null {
	// The longest matching source id wins: 'file:a' must not claim 'file:a:b:…' records of 'file:a:b'.
	const source = [...sourceIds]
		.sort((x, y) => y.length - x.length)
		.find((id) => recordId.startsWith(`${id}:`));
	return source ? { source, key: recordId.slice(source.length + 1) } : null;
}

export async function workspaceFileOf(
	db: Db,
	settings: PageSettings,
	now = new Date()
): Promise<WorkspaceFile> {
	const sources: WorkspaceSourceSpec[] = [];
	for (const source of await listSources(db)) {
		const chosen = settings.customers360.kinds[source.sourceId];
		sources.push({
			id: source.sourceId,
			name: source.name,
			fileName: source.fileName,
			kind: source.kind,
			format: formatOfFileName(source.fileName),
			read: await loadReadOptions(db, source.sourceId),
			mapping: await loadMapping(db, source.sourceId),
			...(source.kind === 'event' && chosen ? { eventKind: chosen } : {})
		});
	}
	const ids = sources.map((s) => s.id);
	const decisions: WorkspaceDecision[] = [];
	for (const decision of await listDecisions(db)) {
		const a = keyOf(decision.recordA, ids);
		const b = keyOf(decision.recordB, ids);
		// A decision on a record of a removed source no longer applies to anything.
		if (a && b) decisions.push({ a, b, same: decision.same, origin: decision.origin });
	}
	return {
		concord: WORKSPACE_FILE_KIND,
		version: WORKSPACE_FILE_VERSION,
		savedAt: now.toISOString(),
		phoneCountry: settings.phoneCountry,
		sources,
		identity: structuredClone(settings.identity),
		decisions,
		customers360: { asOf: settings.customers360.asOf },
		indicators: structuredClone(settings.indicators),
		segments: structuredClone([...settings.segments])
	};
}
