// Writing columns of numbers computed in JavaScript into a table, fast on every host. A
// `VALUES` list of a few hundred thousand rows spends seconds in DuckDB's parser; here each
// column of a chunk travels as one escaped text literal that DuckDB splits, so the parser sees a
// handful of literals whatever the row count. Non-finite numbers are written as NULL.
import type { Db } from '../db';
import { empty, ident, join, sql } from './sql';

/** Rows per statement: a chunk's text stays around a few MB per column. */
const CHUNK_ROWS = 200_000;

export type NumberColumn = ArrayLike<number>;

function packed(column: NumberColumn, from: number, to: number): string {
	const parts = new Array<string>(to - from);
	for (let i = from; i < to; i += 1) {
		const value = column[i] ?? NaN;
		parts[i - from] = Number.isFinite(value) ? String(value) : '';
	}
	return parts.join(',');
}

/**
 * Creates (or replaces) `table` with one DOUBLE column per entry of `columns`, all of the same
 * length, rows in the order of the arrays.
 */
export async function writeNumberColumns(
	db: Db,
	table: string,
	columns: Record<string, NumberColumn>,
	options: { temporary?: boolean } = {}
): Promise<void> {
	const names = Object.keys(columns);
	const lengths = new Set(names.map((name) => columns[name]?.length ?? 0));
	if (names.length === 0 || lengths.size !== 1) {
		throw new Error('Number columns must be given, all of the same length.');
	}
	const rows = [...lengths][0] ?? 0;
	const definition = join(names.map((name) => sql`${ident(name)} DOUBLE`));
	await db.exec(sql`CREATE OR REPLACE ${options.temporary ? sql`TEMP ` : empty}TABLE ${ident(table)}
		(${definition})`);
	for (let from = 0; from < rows; from += CHUNK_ROWS) {
		const to = Math.min(rows, from + CHUNK_ROWS);
		// Lists of one length: unnest in one SELECT pairs their i-th items.
		const lists = names.map(
			(name, i) =>
				sql`unnest(string_split(${packed(columns[name] ?? [], from, to)}, ',')) AS ${ident(`c${i}`)}`
		);
		const casts = names.map((_, i) => sql`TRY_CAST(${ident(`c${i}`)} AS DOUBLE)`);
		await db.exec(
			sql`INSERT INTO ${ident(table)} SELECT ${join(casts)} FROM (SELECT ${join(lists)})`
		);
	}
}
