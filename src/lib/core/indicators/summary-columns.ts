// Reading query results into the number columns the models work on.
import type { Table } from 'apache-arrow';

/** A numeric column of a result as doubles (NULL read as 0); an empty column when absent. */
export function numbers(table: Table, name: string): Float64Array {
	const column = table.getChild(name);
	const out = new Float64Array(table.numRows);
	if (!column) return out;
	let i = 0;
	for (const value of column) out[i++] = Number(value ?? 0);
	return out;
}
