// The suggested source kind and column roles for a sample table, from its columns' names and
// values (src/lib/core/roles). Shared by every format's inspection.
import type { Db } from '../db';
import {
	columnsOf,
	profileValues,
	suggestKind,
	suggestMapping,
	type ColumnSuggestion,
	type KindSuggestion
} from '../roles';

export interface SampleSuggestions {
	columns: string[];
	kind: KindSuggestion;
	mapping: ColumnSuggestion[];
}

export async function suggestFromSample(db: Db, tableName: string): Promise<SampleSuggestions> {
	const columns = await columnsOf(db, tableName);
	const values = await profileValues(db, tableName, { columns });
	const inputs = values.map((v) => ({ name: v.column, values: v.profile }));
	const kind = suggestKind(inputs);
	return { columns, kind, mapping: suggestMapping({ kind: kind.kind, columns: inputs }) };
}
