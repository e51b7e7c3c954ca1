// Importing a delimited text file into a raw source table, every value as text. The tricky
// points: a file with a header and no rows, or with blank or repeated column names, is named in
// a message rather than imported silently; the caller runs the import in a transaction, so a
// failure leaves the workspace as it was.
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

export async function importCsv(db: Db, request: CsvImportRequest): Promise<ImportedTable> {
	const { displayName, tableName, options } = request;
	const invalid = validateCsvOptions(options);
	if (invalid.length > 0) throw new Error(`'${displayName}': ${invalid.join(' ')}`);
	const table = ident(tableName);
	try {
		await db.exec(
			sql`CREATE TABLE ${table} AS SELECT * FROM ${readCsv(request.fileName, options)}`
		);
	} catch (error) {
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
