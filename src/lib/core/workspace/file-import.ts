// Adding an imported file to the workspace as a source: its raw table, its catalog entry, its
// confirmed mapping with the reading choices and its mapped view — or a newer export replacing a
// source's data. Delimited text is read by DuckDB (`options`); Parquet, JSON and Excel are read
// in JavaScript (`records`). The tricky point: the caller wraps this in one transaction, so all
// of them appear together or not at all.
import type { Db } from '../db';
import type { CsvOptions } from '../sources/csv-options';
import { importCsv, type CsvImportRequest, type ImportedTable } from '../sources/import-csv';
import { importRecords, type RecordImportRequest } from '../sources/import-records';
import { sourceTableName } from '../sources/source-names';
import { rowsOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';
import {
	findSource,
	registerSource,
	saveMapping,
	saveReadOptions,
	type ColumnRole,
	type SourceKind
} from './catalog';
import { refreshMappedView } from './mapped-views';

export interface FileImportRequest {
	/** The file as DuckDB knows it (registered name or path). */
	fileName: string;
	/** The file's own name, as the user chose it. */
	displayName: string;
	/** The source's title in the workspace. */
	name: string;
	kind: SourceKind;
	/** How DuckDB reads the delimited text file; null when the file is read in JavaScript. */
	options: CsvOptions | null;
	/** The pieces (and progress hook) of a delimited text file read piece by piece. */
	csv?: Pick<CsvImportRequest, 'pieces' | 'onRead'>;
	/** The reader (and progress hook) of a file read in JavaScript. */
	records?: Pick<RecordImportRequest, 'reader' | 'onBatch'>;
	mapping: readonly ColumnRole[];
	/** The source this file is a newer export of: its data is replaced, its id kept. */
	replaces?: string;
	/** The country national phone numbers are read as (ISO code); the phone lookup's by default. */
	phoneCountry?: string;
	/** The sheet of an Excel workbook read, kept with the source for a rerun. */
	sheet?: string;
}

export async function importFileAsSource(
	db: Db,
	request: FileImportRequest
): Promise<ImportedTable & { sourceId: string }> {
	const previous = request.replaces ? await findSource(db, request.replaces) : null;
	if (request.replaces && !previous) {
		throw new Error('The source to replace is no longer in the workspace.');
	}
	const taken = rowsOf(await db.query(sql`SELECT table_name FROM duckdb_tables()`)).map((row) =>
		String(row.table_name)
	);
	const tableName = sourceTableName(request.displayName, taken);
	const { displayName, options, records } = request;
	let imported: ImportedTable;
	if (records) {
		imported = await importRecords(db, { ...records, displayName, tableName });
	} else if (options) {
		imported = await importCsv(db, {
			fileName: request.fileName,
			displayName,
			tableName,
			options,
			...request.csv
		});
	} else {
		throw new Error(`'${displayName}': choose how to read the file before importing it.`);
	}
	// A replaced source keeps its id (and so everything that refers to it); its old rows go.
	const sourceId = previous?.sourceId ?? `file:${tableName}`;
	if (previous) await db.exec(sql`DROP TABLE IF EXISTS ${ident(previous.tableName)}`);
	await registerSource(db, {
		sourceId,
		name: request.name.trim() || request.displayName,
		kind: request.kind,
		tableName,
		fileName: request.displayName,
		origin: previous?.origin ?? 'file'
	});
	await saveReadOptions(db, sourceId, {
		...(options
			? {
					csv: {
						delimiter: options.delimiter,
						quote: options.quote,
						escape: options.escape,
						header: options.header,
						skipRows: options.skipRows
					}
				}
			: {}),
		...(request.sheet ? { sheet: request.sheet } : {})
	});
	const chosen = new Map(request.mapping.map((entry) => [entry.column, entry]));
	await saveMapping(
		db,
		sourceId,
		imported.columns.map((column) => ({ role: 'custom', ...chosen.get(column), column }))
	);
	await refreshMappedView(db, sourceId, request.phoneCountry);
	return { ...imported, sourceId };
}
