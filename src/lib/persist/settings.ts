// Small state kept in IndexedDB (never bulk data): versioned keys so a later release can
// migrate them. Everything here can be wiped by "Clear all local data".
import { clear, get, set } from 'idb-keyval';
import { DEFAULT_PHONE_COUNTRY } from '$lib/core/mapped/phone-default';
import { plainCopy } from './plain-copy';

export const SETTINGS_KEY = 'concord:settings:v1';

export type ThemeChoice = 'system' | 'light' | 'dark';

export interface Settings {
	theme: ThemeChoice;
	demoPersons: number;
	/** The country (ISO code) phone numbers written without an international prefix belong to. */
	phoneCountry: string;
}

export const DEFAULT_SETTINGS: Settings = {
	theme: 'system',
	demoPersons: 10_000,
	phoneCountry: DEFAULT_PHONE_COUNTRY
};

export async function loadSettings(): Promise<Settings> {
	try {
		const stored = await get<Partial<Settings>>(SETTINGS_KEY);
		return { ...DEFAULT_SETTINGS, ...(stored ?? {}) };
	} catch {
		return { ...DEFAULT_SETTINGS };
	}
}

export async function saveSettings(settings: Settings): Promise<void> {
	await set(SETTINGS_KEY, plainCopy(settings));
}

/** Wipes every small-state key of the app. */
export async function clearSmallState(): Promise<void> {
	await clear();
}
