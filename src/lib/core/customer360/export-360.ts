// Exports cc_customer_360 — one row per customer — with the columns a marketer chose, as a CSV
// file for spreadsheets or a Parquet file for data tools, in the order customer_id sorts. The
// same code runs in the browser's worker (duckdb-wasm, no Parquet extension) and on native
// DuckDB, since both files are written in JavaScript (see core/export). The tricky point: the
// column names come from the page, so they are checked against the table's own columns before
// they reach SQL, and the refusal names them in words rather than failing in the engine.
import type { Db } from '../db';
import { writeCsv } from '../export/csv-file';
import { exportColumn, type ExportColumn } from '../export/export-columns';
import type { ExportProgress, KeyedTable } from '../export/key-pages';
import { writeParquet } from '../export/parquet-file';
import { customerColumns } from './customer-list';
import { C360_TABLES } from './tables';

export type Export360Format = 'csv' | 'parquet';

export interface Export360Options {
	/** The day the file name carries (default: today, local time). */
	now?: Date;
	/** Called after each page of rows, and once at the start with 0. */
	onProgress?: ExportProgress;
}

export interface ExportedFile {
	bytes: Uint8Array;
	/** A suggested file name: 'customers-360-2024-03-05.csv'. */
	fileName: string;
	mimeType: string;
}

const CUSTOMERS: KeyedTable = {
	table: C360_TABLES.customer,
	key: 'customer_id',
	rowsAre: 'customers'
};

const MIME_TYPES: Readonly<Record<Export360Format, string>> = {
	csv: 'text/csv;charset=utf-8',
	parquet: 'application/vnd.apache.parquet'
};

function localDay(date: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The chosen columns, in the order chosen (each once), with their types; refuses unknown ones. */
export async function exportColumns(db: Db, names: readonly string[]): Promise<ExportColumn[]> {
	if (names.length === 0) throw new Error('Choose at least one column to export.');
	const known = await customerColumns(db);
	if (known.length === 0) {
		throw new Error('There are no customers to export yet: build the 360° view first.');
	}
	const types = new Map(known.map((c) => [c.name, c.type]));
	const unknown = [...new Set(names)].filter((name) => !types.has(name));
	if (unknown.length > 0) {
		const list = unknown.map((name) => `'${name}'`).join(', ');
		const plural = unknown.length > 1;
		throw new Error(
			`The customer table has no column${plural ? 's' : ''} ${list}: ` +
				`${plural ? 'they were' : 'it was'} perhaps renamed or removed since the list was ` +
				`shown. Choose the columns again.`
		);
	}
	return [...new Set(names)].map((name) => exportColumn(name, types.get(name) ?? 'VARCHAR'));
}

export async function exportCustomer360(
	db: Db,
	columns: readonly string[],
	format: Export360Format,
	options: Export360Options = {}
): Promise<ExportedFile> {
	if (!Object.hasOwn(MIME_TYPES, format)) {
		throw new Error(`Concord exports CSV or Parquet files, not '${String(format)}'.`);
	}
	const chosen = await exportColumns(db, columns);
	const write = format === 'csv' ? writeCsv : writeParquet;
	const bytes = await write(db, CUSTOMERS, chosen, options.onProgress);
	return {
		bytes,
		fileName: `customers-360-${localDay(options.now ?? new Date())}.${format}`,
		mimeType: MIME_TYPES[format]
	};
}
