// Reading Arrow results as plain rows. Values are normalised the same way on every host:
// bigints become numbers when they are safe integers, Arrow dates become epoch milliseconds.
import type { Table } from 'apache-arrow';

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

function normalise(value: unknown): Cell {
	if (value === null || value === undefined) return null;
	if (typeof value === 'bigint') {
		const n = Number(value);
		return Number.isSafeInteger(n) ? n : value.toString();
	}
	if (value instanceof Date) return value.getTime();
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
		return value;
	}
	return String(value);
}

export function rowsOf(table: Table): Row[] {
	const names = table.schema.fields.map((f) => f.name);
	const columns = names.map((name) => table.getChild(name));
	const rows: Row[] = [];
	for (let i = 0; i < table.numRows; i++) {
		const row: Row = {};
		names.forEach((name, c) => {
			row[name] = normalise(columns[c]?.get(i));
		});
		rows.push(row);
	}
	return rows;
}

/** The first row's first value: for `SELECT count(*) …` style queries. */
export function scalarOf(table: Table): Cell {
	const first = table.schema.fields[0];
	if (!first || table.numRows === 0) return null;
	return normalise(table.getChild(first.name)?.get(0));
}
