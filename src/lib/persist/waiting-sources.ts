// The sources of an imported workspace file whose files were not in the workspace yet, kept in
// IndexedDB under a versioned key until a file of that name is dropped: its saved name, kind and
// mapping are then used; and the file's decisions on those sources' records, saved once their
// files are here. File names, column names, roles and record keys only: never a record's values.
import { del, get, set } from 'idb-keyval';
import type { WorkspaceDecision, WorkspaceSourceSpec } from '$lib/core/workspace/workspace-file';
import { plainCopy } from './plain-copy';

export const WAITING_SOURCES_KEY = 'concord:waiting-sources:v1';

const isSpec = (value: unknown): value is WorkspaceSourceSpec => {
	const s = value as Partial<WorkspaceSourceSpec> | null;
	return (
		typeof s === 'object' &&
		s !== null &&
		typeof s.fileName === 'string' &&
		typeof s.name === 'string' &&
		(s.kind === 'profile' || s.kind === 'event') &&
		Array.isArray(s.mapping)
	);
};

export async function loadWaitingSources(): Promise<WorkspaceSourceSpec[]> {
	try {
		const saved = await get<unknown[]>(WAITING_SOURCES_KEY);
		return Array.isArray(saved) ? saved.filter(isSpec) : [];
	} catch {
		return [];
	}
}

export async function saveWaitingSources(specs: readonly WorkspaceSourceSpec[]): Promise<void> {
	if (specs.length === 0) await del(WAITING_SOURCES_KEY);
	else await set(WAITING_SOURCES_KEY, plainCopy(specs));
}

/** Takes the waiting source of this file name out of the list; null when there is none. */
export async function takeWaitingSource(fileName: string): Promise<WorkspaceSourceSpec | null> {
	const specs = await loadWaitingSources();
	const found = specs.find((s) => s.fileName === fileName) ?? null;
	if (found) await saveWaitingSources(specs.filter((s) => s !== found));
	return found;
}

/**
 * The decisions of an imported workspace file that name a source still waiting for its file,
 * and the file's source ids as they are here (those waiting added as their files arrive).
 */
export interface WaitingDecisions {
	ids: [string, string][];
	decisions: WorkspaceDecision[];
}

export const WAITING_DECISIONS_KEY = 'concord:waiting-decisions:v1';

export async function loadWaitingDecisions(): Promise<WaitingDecisions> {
	try {
		const saved = await get<Partial<WaitingDecisions>>(WAITING_DECISIONS_KEY);
		return {
			ids: Array.isArray(saved?.ids) ? saved.ids : [],
			decisions: Array.isArray(saved?.decisions) ? saved.decisions : []
		};
	} catch {
		return { ids: [], decisions: [] };
	}
}

export async function saveWaitingDecisions(waiting: WaitingDecisions): Promise<void> {
	if (waiting.decisions.length === 0) await del(WAITING_DECISIONS_KEY);
	else await set(WAITING_DECISIONS_KEY, plainCopy(waiting));
}
