// The sources of an imported workspace file whose files were not in the workspace yet, kept in
// IndexedDB under a versioned key until a file of that name is dropped: its saved name, kind and
// mapping are then used. Only file names, column names and roles: never data.
import { del, get, set } from 'idb-keyval';
import type { WorkspaceSourceSpec } from '$lib/core/workspace/workspace-file';
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
