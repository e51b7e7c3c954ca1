// What every non-CSV reader hands to the engine: rows of text in batches, read lazily from a Blob.
// The tricky point: a batch's columns are every column found so far, so a later batch may add
// columns at the end (NDJSON records with new keys) and its rows may be shorter than its columns.

/** The file formats Concord imports. CSV is read by DuckDB itself; the others in JavaScript. */
export type FileFormat = 'csv' | 'parquet' | 'json' | 'ndjson' | 'xlsx';

export const FORMAT_LABELS: Record<FileFormat, string> = {
	csv: 'Delimited text (CSV)',
	parquet: 'Parquet',
	json: 'JSON (a list of records)',
	ndjson: 'NDJSON (one JSON record per line)',
	xlsx: 'Excel workbook (.xlsx)'
};

/** One cell as it is stored in a raw table: text, or NULL for a missing value. */
export type CellText = string | null;

export interface RowBatch {
	/** Every column found so far, in order of first appearance. */
	columns: string[];
	/** Rows aligned with `columns`; a missing value at the end of a row is NULL. */
	rows: CellText[][];
	/** Bytes of the file read so far (an estimate for formats parsed whole), for progress. */
	bytesRead: number;
}

/** The worksheets of a workbook, in order, and the one read. */
export interface WorkbookSheets {
	names: string[];
	chosen: string;
}

export interface RecordReader {
	format: FileFormat;
	/** How the file is read, in words ("Sheet 'Customers' (the workbook also has 'Orders')."). */
	note: string | null;
	/** A workbook's sheets, so that the user can choose another; absent for other formats. */
	sheets?: WorkbookSheets;
	/** The rows in batches of about `BATCH_ROWS`; at most `limit` rows when it is given. */
	batches(limit?: number): AsyncGenerator<RowBatch>;
	/** Remarks found while reading (renamed columns, records with differing fields). */
	warnings(): string[];
}

/** Rows per batch, and a cap on cells so that a very wide file makes smaller batches. */
export const BATCH_ROWS = 10_000;
const BATCH_CELLS = 200_000;

export function batchRowsFor(columnCount: number): number {
	return Math.max(1, Math.min(BATCH_ROWS, Math.floor(BATCH_CELLS / Math.max(1, columnCount))));
}
