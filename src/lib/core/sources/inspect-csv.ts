// Looking at a delimited text file before importing it: the reading options, the first rows,
// and the suggested source kind, column roles and date and number readings from a sample of
// its values. The tricky point: the sample lives in a temporary table that is dropped whatever
// happens, so an inspection never leaves anything in the workspace.
import type { Db } from '../db';
import { scalarOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';
import { readCsv, type CsvOptions } from './csv-options';
import { explainReadError } from './import-errors';
import { suggestFromSample, type SampleSuggestions } from './sample-suggestions';

export const INSPECTION_SAMPLE_ROWS = 5000;
const SAMPLE_TABLE = 'cc_tmp_inspection';

export interface CsvInspection extends SampleSuggestions {
	options: CsvOptions;
}

export async function inspectCsv(
	db: Db,
	fileName: string,
	displayName: string,
	options: CsvOptions
): Promise<CsvInspection> {
	const sample = ident(SAMPLE_TABLE);
	try {
		await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${sample} AS
			SELECT * FROM ${readCsv(fileName, options)} LIMIT ${INSPECTION_SAMPLE_ROWS}`);
	} catch (error) {
		throw new Error(explainReadError(displayName, error));
	}
	try {
		const rows = Number(scalarOf(await db.query(sql`SELECT count(*) FROM ${sample}`)));
		if (rows === 0) {
			throw new Error(
				options.header
					? `'${displayName}' has a header but no rows: there is nothing to import.`
					: `'${displayName}' has no rows: there is nothing to import.`
			);
		}
		return { options, ...(await suggestFromSample(db, SAMPLE_TABLE)) };
	} finally {
		await db.exec(sql`DROP TABLE IF EXISTS ${sample}`);
	}
}

/** The first rows of the file as it will be imported, every value as text. */
export function previewRowsQuery(fileName: string, options: CsvOptions, rows = 20) {
	return sql`SELECT * FROM ${readCsv(fileName, options)} LIMIT ${rows}`;
}
