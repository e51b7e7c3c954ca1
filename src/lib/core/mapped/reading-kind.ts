// Which roles have a reading to decide: dates (the day/month order) and numbers (the decimal
// separator). Pure, so the page can ask it for a column without loading any SQL.
import type { DecimalSeparator } from './types';

export type ReadingKind = 'date' | 'number';

const KINDS = new Map<string, ReadingKind>([
	['birth_date', 'date'],
	['created_at', 'date'],
	['updated_at', 'date'],
	['event_time', 'date'],
	['amount', 'number'],
	['quantity', 'number']
]);

/** 'date' or 'number' for the roles read that way, null for the others. */
export function readingKindOf(role: string): ReadingKind | null {
	return KINDS.get(role) ?? null;
}

export const SEPARATOR_LABELS: Readonly<Record<DecimalSeparator, string>> = {
	'.': 'decimal point',
	',': 'decimal comma'
};
