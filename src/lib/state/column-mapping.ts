// A mapping as the page edits it — a role per column and the reading choices the user made —
// turned into what the engine saves, and back. The tricky point: a choice stays in the editor
// when its column's role changes (the user may change it back), but only a choice that fits
// the role (a date order for a date, a separator for a number) is saved.
import { readingKindOf, type ReadingChoice } from '$lib/core/mapped';
import type { ColumnMapping } from '$lib/engine/api';

export function columnMapping(
	columns: readonly string[],
	roles: Readonly<Record<string, string>>,
	choices: ReadonlyMap<string, ReadingChoice>
): ColumnMapping[] {
	return columns.map((column) => {
		const role = roles[column] ?? 'custom';
		const entry: ColumnMapping = { column, role };
		const kind = readingKindOf(role);
		const choice = choices.get(column);
		if (kind === 'date' && choice?.dateOrder) entry.dateOrder = choice.dateOrder;
		if (kind === 'number' && choice?.decimalSeparator) {
			entry.decimalSeparator = choice.decimalSeparator;
		}
		return entry;
	});
}

/** The reading choices of a saved mapping, by column; values it does not know are left out. */
export function choicesOf(
	mapping: readonly (ReadingChoice & { column: string })[]
): [column: string, choice: ReadingChoice][] {
	return mapping.flatMap(({ column, dateOrder, decimalSeparator }) => {
		const choice: ReadingChoice = {};
		if (dateOrder === 'day-first' || dateOrder === 'month-first') choice.dateOrder = dateOrder;
		if (decimalSeparator === '.' || decimalSeparator === ',') {
			choice.decimalSeparator = decimalSeparator;
		}
		return choice.dateOrder || choice.decimalSeparator ? [[column, choice]] : [];
	});
}
