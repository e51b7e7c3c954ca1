// A workspace file's settings made to fit the workspace it is applied to: everything the file
// names by its own source ids (golden-record source priorities, event kinds, decisions) renamed
// to the ids those sources have here. A source of the file that is not here yet is left out of
// the event kinds and decisions; in source priorities it is kept, since it is harmless there.
import type { Db } from '../db';
import type { EventKind } from '../customer360/event-kinds';
import { saveDecision } from '../identity/decisions';
import type { GoldenSettings } from '../identity/golden-settings';
import type { IdentitySettings } from '../identity/types';
import type { WorkspaceDecision, WorkspaceFile } from './workspace-file';

/** The file's source id → this workspace's source id. */
export type SourceIds = ReadonlyMap<string, string>;

/** The id map of [file source id, source id here] pairs. */
export function sourceIdsOf(pairs: readonly (readonly [string, string])[]): SourceIds {
	return new Map(pairs);
}

function renamedGolden(golden: GoldenSettings, ids: SourceIds): GoldenSettings {
	const fields = Object.fromEntries(
		Object.entries(golden.fields).map(([name, field]) => [
			name,
			field.sources ? { ...field, sources: field.sources.map((s) => ids.get(s) ?? s) } : field
		])
	) as GoldenSettings['fields'];
	return { ...golden, fields };
}

/** Identity settings whose source priorities name the sources by `ids` (others kept). */
export function withSourceIds(settings: IdentitySettings, ids: SourceIds): IdentitySettings {
	const { golden, ...rest } = settings;
	return golden ? { ...rest, golden: renamedGolden(golden, ids) } : { ...rest };
}

/** The file's identity settings with their source priorities named as here. */
export function identitySettingsHere(file: WorkspaceFile, ids: SourceIds): IdentitySettings {
	return withSourceIds(file.identity, ids);
}

/** The event kinds the user chose, by this workspace's source ids. */
export function eventKindsHere(file: WorkspaceFile, ids: SourceIds): Record<string, EventKind> {
	const kinds: Record<string, EventKind> = {};
	for (const source of file.sources) {
		const here = ids.get(source.id);
		if (here && source.eventKind) kinds[here] = source.eventKind;
	}
	return kinds;
}

/** Saves the file's decisions on records of sources that are here; returns how many. */
export function applyDecisions(db: Db, file: WorkspaceFile, ids: SourceIds): Promise<number> {
	return applyDecisionList(db, file.decisions, ids);
}

/** Saves the decisions whose two sources are here (by `ids`); returns how many. */
export async function applyDecisionList(
	db: Db,
	decisions: readonly WorkspaceDecision[],
	ids: SourceIds
): Promise<number> {
	let applied = 0;
	for (const decision of decisions) {
		const a = ids.get(decision.a.source);
		const b = ids.get(decision.b.source);
		if (!a || !b) continue;
		await saveDecision(
			db,
			`${a}:${decision.a.key}`,
			`${b}:${decision.b.key}`,
			decision.same,
			decision.origin
		);
		applied += 1;
	}
	return applied;
}

/** The decisions naming a source that is not here yet: they wait for its file. */
export function waitingDecisions(
	decisions: readonly WorkspaceDecision[],
	ids: SourceIds
): WorkspaceDecision[] {
	return decisions.filter((d) => !ids.has(d.a.source) || !ids.has(d.b.source));
}
