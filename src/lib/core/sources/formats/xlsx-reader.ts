// Excel workbooks (.xlsx) read in JavaScript, in the engine worker and in Node alike: the zip
// archive through Blob.slice, each part's XML scanned as it is inflated (zip-archive.ts,
// xml-scanner.ts, xlsx-workbook.ts, xlsx-sheet.ts). One worksheet is imported — the one the user
// chose, else the first that holds data — its first non-empty row as the header; the sheet names
// are reported so the user can choose another. Numbers are taken as the text Excel stored, not
// as JavaScript doubles. The tricky point: the shared strings are held in memory for the whole
// read, hence the size limit; the rows themselves are streamed.
import { ColumnNames } from './column-names';
import {
	batchRowsFor,
	type CellText,
	type RecordReader,
	type RowBatch,
	type WorkbookSheets
} from './record-batch';
import { worksheetRows } from './xlsx-sheet';
import { openWorkbook, type Workbook, type WorksheetPart } from './xlsx-workbook';
import { ZipArchive } from './zip-archive';

export const MAX_XLSX_BYTES = 128 * 1024 * 1024;

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function unreadable(displayName: string, error: unknown): Error {
	if (error instanceof RangeError) {
		// A part longer than a JavaScript string can hold (about 500 MB) fails this way.
		return new Error(
			`'${displayName}' holds a sheet too large to read as a workbook here: save the sheet as CSV, which is read as a stream.`
		);
	}
	return new Error(
		`'${displayName}' cannot be read as an Excel workbook (it may be damaged or password-protected): ${describe(error)}.`
	);
}

const quoted = (names: string[]) => names.map((name) => `'${name}'`).join(', ');

async function holdsData(workbook: Workbook, sheet: WorksheetPart): Promise<boolean> {
	// Stops at the first non-empty row: the rest of the sheet is not inflated.
	for await (const rows of worksheetRows(workbook, sheet)) if (rows.length > 0) return true;
	return false;
}

async function chooseSheet(
	workbook: Workbook,
	displayName: string,
	wanted: string | undefined
): Promise<WorksheetPart> {
	const names = workbook.worksheets.map((sheet) => sheet.name);
	if (wanted !== undefined) {
		const found = workbook.worksheets.find((sheet) => sheet.name === wanted);
		if (!found)
			throw new Error(`'${displayName}' has no sheet '${wanted}' (its sheets: ${quoted(names)}).`);
		return found;
	}
	for (const sheet of workbook.worksheets) if (await holdsData(workbook, sheet)) return sheet;
	throw new Error(
		names.length === 0
			? `'${displayName}' has no worksheet: there is nothing to import.`
			: `'${displayName}' has no data in its sheet${names.length === 1 ? '' : 's'} (${names.join(', ')}): there is nothing to import.`
	);
}

/** `sheet` names the worksheet to read; without it, the first that holds data is read. */
export async function xlsxReader(
	blob: Blob,
	displayName: string,
	sheet?: string
): Promise<RecordReader> {
	if (blob.size > MAX_XLSX_BYTES) {
		throw new Error(
			`'${displayName}' is an Excel workbook of ${Math.round(blob.size / 2 ** 20)} MB: above 128 MB, save the sheet as CSV, which is read as a stream.`
		);
	}
	let workbook: Workbook;
	try {
		workbook = await openWorkbook(await ZipArchive.open(blob));
	} catch (error) {
		throw unreadable(displayName, error);
	}
	const chosen = await chooseSheet(workbook, displayName, sheet).catch((error: unknown) => {
		throw error instanceof Error && error.message.startsWith(`'`)
			? error
			: unreadable(displayName, error);
	});
	const names = workbook.worksheets.map((s) => s.name);
	const others = names.filter((name) => name !== chosen.name);
	const sheets: WorkbookSheets = { names, chosen: chosen.name };
	let header = new ColumnNames();
	return {
		format: 'xlsx',
		note:
			others.length === 0
				? `Sheet '${chosen.name}'.`
				: `Sheet '${chosen.name}' (the workbook also has ${quoted(others)}).`,
		sheets,
		warnings: () => header.warnings(displayName),
		async *batches(limit = Infinity): AsyncGenerator<RowBatch> {
			header = new ColumnNames();
			let headerRead = false;
			let written = 0;
			let bytesRead = 0;
			let pending: CellText[][] = [];
			const batch = (): RowBatch => {
				const rows = pending;
				pending = [];
				written += rows.length;
				return { columns: [...header.names], rows, bytesRead };
			};
			const reading = worksheetRows(workbook, chosen, (read) => {
				bytesRead = read;
			});
			try {
				for await (const rows of reading) {
					for (const row of rows) {
						if (!headerRead) {
							for (const cell of row) header.add(cell);
							headerRead = true;
							continue;
						}
						// A row wider than the header brings unnamed columns (column7, …).
						while (header.names.length < row.length) header.add(null);
						while (row.length < header.names.length) row.push(null);
						pending.push(row);
						if (written + pending.length >= limit) {
							yield batch();
							return;
						}
						if (pending.length >= batchRowsFor(header.names.length)) yield batch();
					}
				}
			} catch (error) {
				throw unreadable(displayName, error);
			}
			if (!headerRead) {
				throw new Error(
					`'${displayName}' has no data in sheet '${chosen.name}': there is nothing to import.`
				);
			}
			if (written + pending.length === 0) {
				throw new Error(
					`'${displayName}' has a header but no rows in sheet '${chosen.name}': there is nothing to import.`
				);
			}
			bytesRead = blob.size;
			if (pending.length > 0) yield batch();
		}
	};
}
