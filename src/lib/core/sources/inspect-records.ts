// Looking at a file read in JavaScript before importing it: its first rows go into a temporary
// table, which gives the preview and the suggested source kind and roles exactly as for CSV.
// The tricky point: the temporary table is dropped whatever happens, after the caller has taken
// what it needs from it (`withSample`, e.g. the preview rows).
import type { Db } from '../db';
import { ident, sql } from '../sql/sql';
import type { FileFormat, RecordReader } from './formats/record-batch';
import { INSPECTION_SAMPLE_ROWS } from './inspect-csv';
import { suggestFromSample, type SampleSuggestions } from './sample-suggestions';
import { TextTableWriter } from './text-table';

const SAMPLE_TABLE = 'cc_tmp_records';

export interface RecordInspection extends SampleSuggestions {
	format: FileFormat;
	note: string | null;
	warnings: string[];
}

export async function inspectRecords(
	db: Db,
	reader: RecordReader,
	displayName: string,
	withSample?: (tableName: string) => Promise<void>
): Promise<RecordInspection> {
	await db.exec(sql`DROP TABLE IF EXISTS ${ident(SAMPLE_TABLE)}`);
	const writer = new TextTableWriter(db, SAMPLE_TABLE, true);
	try {
		for await (const batch of reader.batches(INSPECTION_SAMPLE_ROWS)) await writer.write(batch);
		if (writer.columns.length === 0) {
			throw new Error(`'${displayName}' holds no records: there is nothing to import.`);
		}
		const suggestions = await suggestFromSample(db, SAMPLE_TABLE);
		await withSample?.(SAMPLE_TABLE);
		return {
			...suggestions,
			format: reader.format,
			note: reader.note,
			warnings: reader.warnings()
		};
	} finally {
		await db.exec(sql`DROP TABLE IF EXISTS ${ident(SAMPLE_TABLE)}`);
	}
}
