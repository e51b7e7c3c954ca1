// The choices that decide how a delimited text file is read, and the read_csv call they make.
// The tricky point: every column is read as text (all_varchar), so no value is lost on a type
// guess; decimal commas and day-first dates are interpreted later, in the mapped view.
import { ident, join, sql, trusted, type Sql } from '../sql/sql';

export type CsvEncoding = 'utf-8' | 'utf-16' | 'latin-1';

export interface CsvOptions {
	delimiter: string;
	/** '' when values are never quoted. */
	quote: string;
	/** '' when there is no escape character. */
	escape: string;
	header: boolean;
	skipRows: number;
	encoding: CsvEncoding;
	compression: 'none' | 'gzip';
	/**
	 * With the WHITESPACE delimiter: the names of the fields (from the header, or column0,
	 * column1… without one). Lines are split on runs of spaces and tabs, which read_csv cannot do.
	 */
	fields?: string[];
}

/** The delimiter of files whose fields are separated by runs of spaces or tabs. */
export const WHITESPACE = 'whitespace';

export const DELIMITERS: readonly { value: string; label: string }[] = [
	{ value: ',', label: 'Comma ,' },
	{ value: ';', label: 'Semicolon ;' },
	{ value: '\t', label: 'Tab' },
	{ value: '|', label: 'Pipe |' },
	{ value: WHITESPACE, label: 'Spaces (one or more)' }
];

const oneCharacter = (value: string) => value.length <= 1;

export function validateCsvOptions(options: CsvOptions): string[] {
	const errors: string[] = [];
	if (options.delimiter === WHITESPACE) {
		if (!options.fields || options.fields.length === 0) {
			errors.push('Fields separated by spaces need their names.');
		}
	} else if (options.delimiter.length === 0 || options.delimiter.length > 4) {
		errors.push('The delimiter must be one to four characters.');
	}
	if (!oneCharacter(options.quote)) errors.push('The quote must be a single character.');
	if (!oneCharacter(options.escape)) errors.push('The escape must be a single character.');
	if (!Number.isInteger(options.skipRows) || options.skipRows < 0) {
		errors.push('The rows to skip must be a whole number of zero or more.');
	}
	return errors;
}

/** A separator no text line holds, so read_csv gives each line whole. */
const NO_SEPARATOR = '\u001f';

/** The file's lines, each split on runs of spaces and tabs into the named fields. */
function readWhitespace(fileName: string, options: CsvOptions): Sql {
	const compression = trusted(options.compression === 'gzip' ? "'gzip'" : "'none'");
	const fields = (options.fields ?? []).map((name, i) => sql`f[${i + 1}] AS ${ident(name)}`);
	return sql`(SELECT ${join(fields)} FROM (
		SELECT regexp_split_to_array(trim(line), '\\s+') AS f FROM read_csv(${fileName},
			delim = ${NO_SEPARATOR}, quote = '', escape = '', header = false,
			skip = ${options.skipRows + (options.header ? 1 : 0)},
			encoding = ${options.encoding}, compression = ${compression},
			columns = {'line': 'VARCHAR'}, max_line_size = 16777216)
		WHERE trim(line) <> ''))`;
}

/** `read_csv(…)` for the file as DuckDB knows it (a registered name or a path). */
export function readCsv(fileName: string, options: CsvOptions): Sql {
	if (options.delimiter === WHITESPACE) return readWhitespace(fileName, options);
	const compression = trusted(options.compression === 'gzip' ? "'gzip'" : "'none'");
	return sql`read_csv(${fileName},
		delim = ${options.delimiter},
		quote = ${options.quote},
		escape = ${options.escape},
		header = ${options.header},
		skip = ${options.skipRows},
		encoding = ${options.encoding},
		compression = ${compression},
		all_varchar = true,
		max_line_size = 16777216)`;
}
