// The reader for a file read in JavaScript, by format. Opening reads what a format needs up
// front (Parquet's footer, a whole JSON document, a workbook's parts), so a file that cannot be
// read is refused at once with its message, before anything is written.
import { jsonReader } from './json-reader';
import { ndjsonReader } from './ndjson-reader';
import { parquetReader } from './parquet-reader';
import type { FileFormat, RecordReader } from './record-batch';
import { xlsxReader } from './xlsx-reader';

export type RecordFormat = Exclude<FileFormat, 'csv'>;

export const isRecordFormat = (format: FileFormat | null): format is RecordFormat =>
	format !== null && format !== 'csv';

/** How to read a file beyond its format: the sheet of a workbook (else its first with data). */
export interface RecordChoice {
	sheet?: string;
}

export async function openReader(
	format: RecordFormat,
	blob: Blob,
	displayName: string,
	choice: RecordChoice = {}
): Promise<RecordReader> {
	switch (format) {
		case 'parquet':
			return parquetReader(blob, displayName);
		case 'json':
			return jsonReader(blob, displayName);
		case 'ndjson':
			return ndjsonReader(blob, displayName);
		case 'xlsx':
			return xlsxReader(blob, displayName, choice.sheet);
	}
}
