// Importing a CSV file into a raw table: every column as text, the header as column names, so
// the import never fails or loses a value on a type guess (typing happens later, in the mapped
// view). The tricky point: the file name is a value (escaped), the table name an identifier
// (quoted) — in the browser the file is one registered with the engine, natively a path.
import { ident, sql, type Sql } from '../sql/sql';

export interface CsvImport {
	/** The file as DuckDB knows it: a name registered in the worker, or a path on disk. */
	fileName: string;
	/** The raw table to create (replaced if it exists). */
	tableName: string;
}

export function csvImportStatement({ fileName, tableName }: CsvImport): Sql {
	return sql`CREATE OR REPLACE TABLE ${ident(tableName)} AS
		SELECT * FROM read_csv(${fileName}, all_varchar = true, header = true)`;
}
