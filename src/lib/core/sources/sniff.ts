// Detecting how a delimited text file is written (delimiter, quote, escape, header, rows to skip)
// with DuckDB's own sniffer, on the encoding found from the first bytes. The tricky point:
// sniff_csv reports "(empty)" for a missing quote or escape, which read_csv wants as ''.
import type { Db } from '../db';
import { rowsOf } from '../sql/rows';
import { sql } from '../sql/sql';
import { WHITESPACE, type CsvEncoding, type CsvOptions } from './csv-options';

const SNIFF_SAMPLE_ROWS = 20_480;

function character(value: unknown): string {
	const text = value === null || value === undefined ? '' : String(value);
	return text === '(empty)' ? '' : text;
}

/** Lines looked at to decide that fields are separated by runs of spaces. */
const WHITESPACE_SAMPLE = 2000;

/**
 * A file DuckDB reads as one column may have fields separated by runs of spaces (fixed-width
 * exports such as CDNOW's): it is, when every sampled line splits into the same number of
 * fields, two or more. The first line is a header when none of its fields is a number while
 * the second line has one.
 */
/** The fields of the sampled lines, split on runs of spaces and tabs. */
async function spacedLines(
	db: Db,
	fileName: string,
	encoding: CsvEncoding,
	compression: CsvOptions['compression']
): Promise<string[][]> {
	const compressionName = compression === 'gzip' ? 'gzip' : 'none';
	// Lists are not part of the results' shared form, so each line's fields come back joined.
	return rowsOf(
		await db.query(sql`SELECT array_to_string(regexp_split_to_array(trim(line), '\\s+'), ${'\u001f'}) AS f
			FROM read_csv(${fileName}, delim = ${'\u001f'}, quote = '', escape = '', header = false,
				encoding = ${encoding}, compression = ${compressionName},
				columns = {'line': 'VARCHAR'}, max_line_size = 16777216)
			WHERE trim(line) <> '' LIMIT ${WHITESPACE_SAMPLE}`)
	).map((row) => String(row.f ?? '').split('\u001f'));
}

function spacedOptions(
	lines: readonly string[][],
	header: boolean,
	base: Pick<CsvOptions, 'encoding' | 'compression' | 'skipRows'>
): CsvOptions {
	const width = Math.max(1, ...lines.map((f) => f.length));
	const fields = header
		? uniqueNames(Array.from({ length: width }, (_, i) => lines[0]?.[i] ?? ''))
		: Array.from({ length: width }, (_, i) => `column${i}`);
	return { ...base, delimiter: WHITESPACE, quote: '', escape: '', header, fields };
}

async function sniffWhitespace(
	db: Db,
	fileName: string,
	encoding: CsvEncoding,
	compression: CsvOptions['compression']
): Promise<CsvOptions | null> {
	const lines = await spacedLines(db, fileName, encoding, compression);
	const widths = new Set(lines.map((f) => f.length));
	const width = lines[0]?.length ?? 0;
	if (lines.length < 2 || widths.size !== 1 || width < 2) return null;
	const numeric = (v: string) => /^[-+]?[\d.,]+$/.test(v);
	const header = !(lines[0] ?? []).some(numeric) && (lines[1] ?? []).some(numeric);
	return spacedOptions(lines, header, { encoding, compression, skipRows: 0 });
}

/**
 * Options chosen by the user, completed: fields separated by spaces need their names, found
 * again from the file (the user may have just picked that separator or changed the header).
 */
export async function completeCsvOptions(
	db: Db,
	fileName: string,
	options: CsvOptions
): Promise<CsvOptions> {
	if (options.delimiter !== WHITESPACE) return { ...options, fields: undefined };
	const lines = await spacedLines(db, fileName, options.encoding, options.compression);
	return spacedOptions(lines.slice(options.skipRows), options.header, options);
}

/** Header names as DuckDB would make them: blanks named, repeats numbered. */
function uniqueNames(names: readonly string[]): string[] {
	const seen = new Map<string, number>();
	return names.map((raw, i) => {
		const name = raw.trim() || `column${i}`;
		const count = seen.get(name) ?? 0;
		seen.set(name, count + 1);
		return count === 0 ? name : `${name}_${count}`;
	});
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
			HasHeader AS header, SkipRows AS skip_rows, len(Columns) AS columns
		FROM sniff_csv(${fileName}, encoding = ${encoding}, compression = ${compressionName},
			sample_size = ${SNIFF_SAMPLE_ROWS}, all_varchar = true)`)
	);
	if (!found) throw new Error('The file could not be read as delimited text.');
	if (Number(found.columns) === 1) {
		const spaced = await sniffWhitespace(db, fileName, encoding, compression);
		if (spaced) return spaced;
	}
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
