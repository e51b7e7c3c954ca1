// The Customers area's settings, kept in IndexedDB under a versioned key: the as-of date of the
// KPIs (null: the day of the latest event), the kind chosen for event sources, and the columns
// shown in the customers table. Read back defensively: a value from an older release or typed
// by hand falls back to the defaults.
import { get, set } from 'idb-keyval';
import { isEventKind, type EventKind } from '$lib/core/customer360/event-kinds';
import { plainCopy } from './plain-copy';

export const CUSTOMERS_360_KEY = 'concord:customers360:v1';

export interface Customers360Settings {
	asOf: string | null;
	kinds: Record<string, EventKind>;
	columns: string[] | null;
}

export const DEFAULT_CUSTOMERS_360: Customers360Settings = { asOf: null, kinds: {}, columns: null };

export async function loadCustomers360(): Promise<Customers360Settings> {
	try {
		const saved = await get<Partial<Customers360Settings>>(CUSTOMERS_360_KEY);
		const asOf =
			typeof saved?.asOf === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(saved.asOf) ? saved.asOf : null;
		const kinds = Object.fromEntries(
			Object.entries(saved?.kinds ?? {}).filter(
				(entry): entry is [string, EventKind] =>
					typeof entry[1] === 'string' && isEventKind(entry[1])
			)
		);
		const columns =
			Array.isArray(saved?.columns) && saved.columns.every((c) => typeof c === 'string')
				? saved.columns
				: null;
		return { asOf, kinds, columns };
	} catch {
		return { ...DEFAULT_CUSTOMERS_360 };
	}
}

export async function saveCustomers360(settings: Customers360Settings): Promise<void> {
	await set(CUSTOMERS_360_KEY, plainCopy(settings));
}
