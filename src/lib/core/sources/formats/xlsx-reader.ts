// Excel workbooks (.xlsx) read in JavaScript with read-excel-file (its universal build: no Node
// or DOM APIs, so it runs in the engine worker and in Node alike). The first sheet that holds
// data is imported, its first non-empty row as the header; the sheet names are reported. The
// tricky point: an .xlsx is a zip of XML that must be unpacked whole, so it is held in memory —
// hence the size limit — and numbers are taken as the text Excel stored, not as JS doubles.
import readXlsxFile, { type Sheet } from 'read-excel-file/universal';
import { cellText } from './cell-text';
import { ColumnNames } from './column-names';
import { batchRowsFor, type CellText, type RecordReader, type RowBatch } from './record-batch';

export const MAX_XLSX_BYTES = 128 * 1024 * 1024;

type Cell = string | boolean | Date | null | undefined;

/** Excel's stored number text (1.0000000000000001E-3) in plain notation where that is exact. */
function numberText(stored: string): string {
	if (!/e/i.test(stored)) return stored;
	const plain = String(Number(stored));
	return /e/i.test(plain) || plain === 'NaN' ? stored : plain;
}

function text(cell: Cell): CellText {
	if (cell === '') return null;
	return cellText(cell);
}

const isEmptyRow = (row: readonly Cell[]) =>
	row.every((cell) => cell === null || cell === undefined || cell === '');

/**
 * read-excel-file 9.3 parses a sheet in chunks sized from how long the last chunk took
 * (Date.now), recursing once per chunk and re-concatenating every row read so far after each.
 * A slow start shrinks the chunks and the growing concatenation slows them further: measured here,
 * a 100,000-row sheet overflowed the stack and a 50,000-row one took 18 s. With Date.now frozen
 * while it parses, every chunk looks instant and the chunk size doubles each time: a handful of
 * chunks, linear time. The engine worker runs one call at a time, so nothing else reads the clock
 * meanwhile; the clock is restored whatever happens.
 */
async function withSteadyChunks<T>(work: () => Promise<T>): Promise<T> {
	const now = Date.now;
	const frozen = now();
	Date.now = () => frozen;
	try {
		return await work();
	} finally {
		Date.now = now;
	}
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

export async function xlsxReader(blob: Blob, displayName: string): Promise<RecordReader> {
	if (blob.size > MAX_XLSX_BYTES) {
		throw new Error(
			`'${displayName}' is an Excel workbook of ${Math.round(blob.size / 2 ** 20)} MB: above 128 MB, save the sheet as CSV, which is read as a stream.`
		);
	}
	let sheets: Sheet<string>[];
	try {
		sheets = await withSteadyChunks(() =>
			readXlsxFile<string>(blob, { parseNumber: numberText, trim: false })
		);
	} catch (error) {
		// A sheet's XML longer than a JavaScript string can hold (about 500 MB) fails this way.
		if (error instanceof RangeError) {
			throw new Error(
				`'${displayName}' holds a sheet too large to read as a workbook here: save the sheet as CSV, which is read as a stream.`
			);
		}
		throw new Error(
			`'${displayName}' cannot be read as an Excel workbook (it may be damaged or password-protected): ${describe(error)}.`
		);
	}
	const names = sheets.map((s) => s.sheet);
	const chosen = sheets.find((s) => (s.data as Cell[][]).some((row) => !isEmptyRow(row)));
	if (!chosen) {
		throw new Error(
			`'${displayName}' has no data in its sheet${names.length === 1 ? '' : 's'} (${names.join(', ')}): there is nothing to import.`
		);
	}
	const data = chosen.data as Cell[][];
	const headerAt = data.findIndex((row) => !isEmptyRow(row));
	const header = new ColumnNames();
	const width = data.reduce((widest, row) => Math.max(widest, row.length), 0);
	for (let c = 0; c < width; c++) header.add(text(data[headerAt]?.[c]));
	const body = data.slice(headerAt + 1).filter((row) => !isEmptyRow(row));
	if (body.length === 0) {
		throw new Error(
			`'${displayName}' has a header but no rows in sheet '${chosen.sheet}': there is nothing to import.`
		);
	}
	const others = names.filter((name) => name !== chosen.sheet);
	return {
		format: 'xlsx',
		note:
			others.length === 0
				? `Sheet '${chosen.sheet}'.`
				: `Sheet '${chosen.sheet}' (the workbook also has ${others.map((n) => `'${n}'`).join(', ')}; only the first sheet with data is imported).`,
		warnings: () => header.warnings(displayName),
		async *batches(limit = Infinity): AsyncGenerator<RowBatch> {
			const size = batchRowsFor(width);
			const end = Math.min(body.length, limit);
			for (let at = 0; at < end; at += size) {
				const last = Math.min(end, at + size);
				const rows = body.slice(at, last).map((row) => row.map(text));
				yield {
					columns: header.names,
					rows,
					bytesRead: Math.round((blob.size * last) / Math.max(1, body.length))
				};
			}
		}
	};
}
