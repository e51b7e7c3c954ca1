// The suggested source kind and column roles for a sample table, from its columns' names and
// values (src/lib/core/roles), and how its date and number columns read (src/lib/core/mapped).
// Shared by every format's inspection. The tricky point: reading a column costs a few queries,
// so only the columns that can take a date or number role are read — those suggested one, and
// those whose values mostly look like dates or amounts — and at most MAX_READ_COLUMNS of them.
import type { Db } from '../db';
import { detectReadings, readingKindOf, type ReadingDecision, type ReadingKind } from '../mapped';
import {
	columnsOf,
	profileValues,
	suggestKind,
	suggestMapping,
	type ColumnSuggestion,
	type KindSuggestion,
	type ValueProfile
} from '../roles';

/** A very wide file has its dates and numbers read on import rather than here. */
const MAX_READ_COLUMNS = 50;
/** Share of values that must look like dates or amounts for a column to be read. */
const READ_SHARE = 0.5;

export interface SampleSuggestions {
	columns: string[];
	kind: KindSuggestion;
	mapping: ColumnSuggestion[];
	/** How the date and number columns read in the sample, with the reason. */
	readings: ReadingDecision[];
}

function readingKind(
	suggestion: ColumnSuggestion | undefined,
	profile: ValueProfile
): ReadingKind | null {
	const suggested = suggestion ? readingKindOf(suggestion.role) : null;
	if (suggested) return suggested;
	if (profile.shares.date >= READ_SHARE) return 'date';
	if (profile.shares.decimal >= READ_SHARE) return 'number';
	return null;
}

export async function suggestFromSample(db: Db, tableName: string): Promise<SampleSuggestions> {
	const columns = await columnsOf(db, tableName);
	const values = await profileValues(db, tableName, { columns });
	const inputs = values.map((v) => ({ name: v.column, values: v.profile }));
	const kind = suggestKind(inputs);
	const mapping = suggestMapping({ kind: kind.kind, columns: inputs });
	const byColumn = new Map(mapping.map((m) => [m.column, m]));
	const toRead = values
		.flatMap((v) => {
			const readAs = readingKind(byColumn.get(v.column), v.profile);
			return readAs ? [{ column: v.column, kind: readAs }] : [];
		})
		.slice(0, MAX_READ_COLUMNS);
	const readings = await detectReadings(db, tableName, toRead);
	return { columns, kind, mapping, readings };
}
