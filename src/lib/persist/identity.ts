// Identity resolution's settings and the truth columns chosen to measure it, kept in IndexedDB
// under a versioned key. What is read back is checked by the state's normaliser, so a value
// saved by an older release gets the defaults of what it lacks.
import { get, set } from 'idb-keyval';
import type { TruthColumn } from '$lib/core/identity/accuracy';
import type { IdentitySettings } from '$lib/core/identity/types';
import { plainCopy } from './plain-copy';

export const IDENTITY_KEY = 'concord:identity:v1';

export interface SavedIdentity {
	settings: Partial<IdentitySettings>;
	truths: TruthColumn[];
}

export async function loadIdentity(): Promise<SavedIdentity | null> {
	try {
		return (await get<SavedIdentity>(IDENTITY_KEY)) ?? null;
	} catch {
		return null;
	}
}

export async function saveIdentity(saved: SavedIdentity): Promise<void> {
	await set(IDENTITY_KEY, plainCopy(saved));
}
