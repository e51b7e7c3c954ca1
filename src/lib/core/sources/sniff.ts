// Detecting how a delimited text file is written (delimiter, quote, escape, header, rows to skip)
// with DuckDB's own sniffer, on the encoding found from the first bytes. The tricky point:
// sniff_csv reports "(empty)" for a missing quote or escape, which read_csv wants as ''.
import type { Db } from '../db';
import { rowsOf } from '../sql/rows';
import { sql } from '../sql/sql';
import type { CsvEncoding, CsvOptions } from './csv-options';

const SNIFF_SAMPLE_ROWS = 20_480;

function character(value: unknown): string {
	const text = value === null || value === undefined ? '' : String(value);
	return text === '(empty)' ? '' : text;
}

export async function sniffCsv(
	db: Db,
	fileName: string,
	encoding: CsvEncoding,
	compression: CsvOptions['compression']
): Promise<CsvOptions> {
	const compressionName = compression === 'gzip' ? 'gzip' : 'none';
	const [found] = rowsOf(
		await db.query(sql`SELECT Delimiter AS delimiter, Quote AS quote, Escape AS escape,
			HasHeader AS header, SkipRows AS skip_rows
		FROM sniff_csv(${fileName}, encoding = ${encoding}, compression = ${compressionName},
			sample_size = ${SNIFF_SAMPLE_ROWS}, all_varchar = true)`)
	);
	if (!found) throw new Error('The file could not be read as delimited text.');
	return {
		delimiter: character(found.delimiter) || ',',
		quote: character(found.quote),
		escape: character(found.escape),
		header: found.header === true,
		skipRows: Number(found.skip_rows ?? 0),
		encoding,
		compression
	};
}
