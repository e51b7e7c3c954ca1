// Applying a workspace file's sources to the workspace the app has open: each source of the
// file whose file is already here (the same file name) takes the file's name, kind and mapping,
// and the file's decisions on those sources are saved; the others wait for their file. The
// tricky point: a column the file does not map keeps the role it has here, so a newer export
// with an extra column loses nothing; a mapped column the source lacks is simply not applied.
import type { Db } from '../db';
import { listSources, loadMapping, type ColumnRole } from './catalog';
import { changeSource } from './source-settings';
import type { WorkspaceFile, WorkspaceSourceSpec } from './workspace-file';
import { applyDecisions } from './workspace-file-apply';

export interface AppliedSources {
	/** [the file's source id, this workspace's source id] of each source applied. */
	ids: [string, string][];
	/** The file's sources whose files are not in the workspace yet. */
	waiting: WorkspaceSourceSpec[];
	/** Decisions saved (those on records of applied sources). */
	decisions: number;
}

function mergedMapping(here: readonly ColumnRole[], saved: readonly ColumnRole[]): ColumnRole[] {
	const byColumn = new Map(saved.map((entry) => [entry.column, entry]));
	return here.map((entry) => byColumn.get(entry.column) ?? entry);
}

/** `phoneCountry`: the country the rebuilt mapped views read national phone numbers as. */
export async function applyWorkspaceSources(
	db: Db,
	file: WorkspaceFile,
	phoneCountry?: string
): Promise<AppliedSources> {
	const here = await listSources(db);
	const used = new Set<string>();
	const ids: [string, string][] = [];
	const waiting: WorkspaceSourceSpec[] = [];
	for (const spec of file.sources) {
		const match = here.find((s) => s.fileName === spec.fileName && !used.has(s.sourceId));
		if (!match) {
			waiting.push(spec);
			continue;
		}
		used.add(match.sourceId);
		const mapping = mergedMapping(await loadMapping(db, match.sourceId), spec.mapping);
		await changeSource(
			db,
			match.sourceId,
			{ name: spec.name, kind: spec.kind, mapping },
			phoneCountry
		);
		ids.push([spec.id, match.sourceId]);
	}
	const decisions = await applyDecisions(db, file, new Map(ids));
	return { ids, waiting, decisions };
}
