// Mappings the user confirmed, remembered per header signature so that the next export with the
// same header is mapped the same way. Versioned keys; never data, only column names and roles.
import { get, set } from 'idb-keyval';
import type { SavedMapping } from '$lib/core/roles';
import { plainCopy } from './plain-copy';

const key = (signature: string) => `concord:mapping:v1:${signature}`;

export async function loadSavedMapping(signature: string): Promise<SavedMapping | null> {
	try {
		return (await get<SavedMapping>(key(signature))) ?? null;
	} catch {
		return null;
	}
}

export async function saveSavedMapping(mapping: SavedMapping): Promise<void> {
	await set(key(mapping.signature), plainCopy(mapping));
}
