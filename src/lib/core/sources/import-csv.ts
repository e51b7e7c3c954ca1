// Importing a delimited text file into a raw source table, every value as text. The tricky
// points: a file with a header and no rows, or with blank or repeated column names, is named in
// a message rather than imported silently; the caller runs the import in a transaction, so a
// failure leaves the workspace as it was. A host that can cut the file into pieces (csv-pieces.ts)
// has it read piece by piece, to tell how far it is; any piece DuckDB refuses sends it back to
// reading the file whole, whose success or message (with its line numbers) is the file's own.
import type { Db } from '../db';
import { rowsOf, scalarOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';
import { readCsv, validateCsvOptions, type CsvOptions } from './csv-options';
import { explainReadError } from './import-errors';

export interface CsvImportRequest {
	/** The file as DuckDB knows it: a name registered in the worker, or a path. */
	fileName: string;
	/** The file's name as the user knows it, for messages. */
	displayName: string;
	tableName: string;
	options: CsvOptions;
	/** The file in pieces that each begin at a record, in order; without them it is read whole. */
	pieces?: AsyncIterable<CsvPiece>;
	/** Told the bytes of the file read, after each piece. */
	onRead?: (bytesRead: number) => void;
}

/** One piece of a file, readable by DuckDB under `fileName`, ending `end` bytes into the file. */
export interface CsvPiece {
	fileName: string;
	end: number;
}

export interface ImportedTable {
	tableName: string;
	rowCount: number;
	columns: string[];
	warnings: string[];
}

/** Names DuckDB gave to blank or repeated headers, said plainly. */
function headerWarnings(displayName: string, columns: string[], options: CsvOptions): string[] {
	if (!options.header)
		return [`'${displayName}' has no header row: its columns are named column0, column1, …`];
	const warnings: string[] = [];
	const generated = columns.filter((name) => /^column\d+$/.test(name));
	if (generated.length > 0) {
		warnings.push(
			`'${displayName}' has ${generated.length} column(s) without a name in its header: they are called ${generated.slice(0, 3).join(', ')}${generated.length > 3 ? '…' : ''}.`
		);
	}
	const renamed = columns.filter(
		(name) => /_\d+$/.test(name) && columns.includes(name.replace(/_\d+$/, ''))
	);
	if (renamed.length > 0) {
		warnings.push(
			`'${displayName}' repeats column names in its header: the repeats are called ${renamed.slice(0, 3).join(', ')}${renamed.length > 3 ? '…' : ''}.`
		);
	}
	return warnings;
}

async function createTable(db: Db, request: CsvImportRequest): Promise<void> {
	const table = ident(request.tableName);
	const whole = sql`CREATE TABLE ${table} AS SELECT * FROM ${readCsv(request.fileName, request.options)}`;
	if (!request.pieces) return db.exec(whole);
	try {
		await createFromPieces(db, request, request.pieces);
	} catch {
		// After a cancel these statements throw too, so a cancelled import stops here.
		await db.exec(sql`DROP TABLE IF EXISTS ${table}`);
		await db.exec(whole);
	}
}

async function createFromPieces(
	db: Db,
	request: CsvImportRequest,
	pieces: AsyncIterable<CsvPiece>
): Promise<void> {
	const table = ident(request.tableName);
	// Only the first piece has the skipped rows and the header; the others are rows only.
	const rest: CsvOptions = { ...request.options, header: false, skipRows: 0 };
	let first = true;
	for await (const piece of pieces) {
		await db.exec(
			first
				? sql`CREATE TABLE ${table} AS SELECT * FROM ${readCsv(piece.fileName, request.options)}`
				: sql`INSERT INTO ${table} SELECT * FROM ${readCsv(piece.fileName, rest)}`
		);
		first = false;
		request.onRead?.(piece.end);
	}
	if (first) throw new Error('The file gave no piece to read.');
}

export async function importCsv(db: Db, request: CsvImportRequest): Promise<ImportedTable> {
	const { displayName, tableName, options } = request;
	const invalid = validateCsvOptions(options);
	if (invalid.length > 0) throw new Error(`'${displayName}': ${invalid.join(' ')}`);
	const table = ident(tableName);
	try {
		await createTable(db, request);
	} catch (error) {
		// A cancel (the worker's CancelledError) is not a reading error: it goes up as it is.
		if (error instanceof Error && error.name === 'CancelledError') throw error;
		throw new Error(explainReadError(displayName, error));
	}
	const rowCount = Number(scalarOf(await db.query(sql`SELECT count(*) FROM ${table}`)));
	const columns = rowsOf(
		await db.query(sql`SELECT column_name FROM duckdb_columns()
			WHERE table_name = ${tableName} AND schema_name = 'main' ORDER BY column_index`)
	).map((row) => String(row.column_name));
	if (rowCount === 0) {
		throw new Error(
			options.header
				? `'${displayName}' has a header but no rows: there is nothing to import.`
				: `'${displayName}' has no rows: there is nothing to import.`
		);
	}
	return { tableName, rowCount, columns, warnings: headerWarnings(displayName, columns, options) };
}
