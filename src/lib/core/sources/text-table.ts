// Writing rows of text read in JavaScript into a raw table, on any engine, with plain SQL built by
// the `sql` template. The tricky point is speed: INSERT … VALUES with a million tuples spends its
// time in DuckDB's parser (about 20,000 rows/s). Instead each chunk of rows travels as ONE
// escaped text literal — fields joined by U+001F, rows by U+001E, NULL written as U+001C — that
// DuckDB splits back with string_split (twenty times faster). A row holding one of those three
// control characters is written with VALUES instead, in its place, so nothing is ever mangled.
// A statement stays under MAX_STATEMENT_CHARS; a later batch may bring new columns (NDJSON), which
// are added to the table before its rows.
import type { Db } from '../db';
import { ident, join, lit, sql, trusted, type Sql } from '../sql/sql';
import type { CellText, RowBatch } from './formats/record-batch';

export const MAX_STATEMENT_CHARS = 8 * 1024 * 1024;

const FIELD = '\u001f';
const ROW = '\u001e';
const NULL_MARK = '\u001c';
const holdsSeparator = (value: string) =>
	value.includes(FIELD) || value.includes(ROW) || value.includes(NULL_MARK);

export async function createTextTable(
	db: Db,
	tableName: string,
	columns: readonly string[],
	temporary = false
): Promise<void> {
	const definitions = join(columns.map((column) => sql`${ident(column)} VARCHAR`));
	const kind = trusted(temporary ? 'TEMP TABLE' : 'TABLE');
	await db.exec(sql`CREATE ${kind} ${ident(tableName)} (${definitions})`);
}

/** A row as one line of the packed text, or null when a value holds a separator character. */
function packRow(row: readonly CellText[], width: number): string | null {
	let line = '';
	for (let c = 0; c < width; c++) {
		const value = row[c] ?? null;
		if (value !== null && holdsSeparator(value)) return null;
		line += (c === 0 ? '' : FIELD) + (value ?? NULL_MARK);
	}
	return line;
}

function packedInsert(tableName: string, columns: readonly string[], lines: string[]): Sql {
	const names = join(columns.map((column) => ident(column)));
	const fields = join(columns.map((_, c) => sql`nullif(p[${c + 1}], chr(28))`));
	return sql`INSERT INTO ${ident(tableName)} (${names})
		SELECT ${fields} FROM (SELECT string_split(line, chr(31)) AS p
			FROM (SELECT unnest(string_split(${lines.join(ROW)}, chr(30))) AS line))`;
}

function valuesInsert(
	tableName: string,
	columns: readonly string[],
	row: readonly CellText[]
): Sql {
	const names = join(columns.map((column) => ident(column)));
	const cells = join(columns.map((_, c) => lit(row[c] ?? null)));
	return sql`INSERT INTO ${ident(tableName)} (${names}) VALUES (${cells})`;
}

/**
 * Inserts rows aligned with `columns` (a short row ends in NULLs), in file order, in statements
 * of bounded size.
 */
export async function insertTextRows(
	db: Db,
	tableName: string,
	columns: readonly string[],
	rows: readonly (readonly CellText[])[]
): Promise<void> {
	if (columns.length === 0) return;
	let lines: string[] = [];
	let size = 0;
	const flush = async () => {
		if (lines.length > 0) await db.exec(packedInsert(tableName, columns, lines));
		lines = [];
		size = 0;
	};
	for (const row of rows) {
		const line = packRow(row, columns.length);
		if (line === null) {
			await flush();
			await db.exec(valuesInsert(tableName, columns, row));
			continue;
		}
		if (size + line.length > MAX_STATEMENT_CHARS) await flush();
		lines.push(line);
		size += line.length + 1;
	}
	await flush();
}

/** Creates the table on the first batch and grows it when a batch brings new columns. */
export class TextTableWriter {
	private created: string[] | null = null;
	/** Records without any field seen before the first column: written once the table exists. */
	private fieldless = 0;
	rowCount = 0;

	constructor(
		private readonly db: Db,
		readonly tableName: string,
		private readonly temporary = false
	) {}

	get columns(): string[] {
		return this.created ?? [];
	}

	async write(batch: RowBatch): Promise<void> {
		const { columns, rows } = batch;
		if (columns.length === 0) {
			this.fieldless += rows.length;
			return;
		}
		if (this.created === null) {
			await createTextTable(this.db, this.tableName, columns, this.temporary);
			this.created = [...columns];
			if (this.fieldless > 0) {
				await insertTextRows(this.db, this.tableName, columns, new Array(this.fieldless).fill([]));
				this.rowCount += this.fieldless;
			}
		} else if (columns.length > this.created.length) {
			for (const column of columns.slice(this.created.length)) {
				await this.db.exec(
					sql`ALTER TABLE ${ident(this.tableName)} ADD COLUMN ${ident(column)} VARCHAR`
				);
			}
			this.created = [...columns];
		}
		await insertTextRows(this.db, this.tableName, columns, rows);
		this.rowCount += rows.length;
	}
}
