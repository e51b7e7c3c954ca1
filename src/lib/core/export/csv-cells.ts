// CSV cells and lines written by DuckDB itself, so that a million rows cross from the engine as
// one string per page instead of ten million values. RFC 4180: a cell holding a double quote,
// a comma, a CR or a LF is quoted and its quotes doubled; NULL is an empty cell and the empty
// text is "" (so the two stay apart); numbers and dates are DuckDB's own text ('-12.5',
// '2024-03-05', '2024-03-05 10:11:12'). The tricky point, formula injection (OWASP, "CSV
// Injection"): a text cell starting with = + - @ TAB or CR would be run as a formula by a
// spreadsheet, so it gets a leading single quote. Only text columns are protected: -12.5 in a
// number column stays a number, while a phone '+33612345678' in a text column becomes
// '+33612345678 with the quote, which spreadsheets show as the text it is.
import { join, sql, type Sql } from '../sql/sql';
import type { ExportKind } from './export-columns';

export const CSV_SEPARATOR = ',';
export const CSV_LINE_END = '\r\n';

/** The first characters that make a spreadsheet read a cell as a formula. */
const FORMULA_STARTS = '=+-@\t\r';

/**
 * What goes before a text to keep it from being a formula: a single quote, or nothing. (One
 * `contains` on the first character: an IN list of six becomes a join in DuckDB's plan.)
 */
function formulaGuard(text: Sql): Sql {
	return sql`CASE WHEN ${text} <> '' AND contains(${FORMULA_STARTS}, left(${text}, 1))
		THEN ${"'"} ELSE '' END`;
}

/**
 * The cell of a value already cast to VARCHAR (pass a column of a subquery: the expression
 * names it several times). Numbers, dates and booleans never hold a quote, comma or line
 * break, so only text is ever quoted; the guard is no quote character, so it can go before
 * the quoted text unchanged.
 */
export function csvCell(text: Sql, kind: ExportKind): Sql {
	if (kind !== 'text') return sql`coalesce(${text}, '')`;
	const special = join(
		['"', CSV_SEPARATOR, '\r', '\n'].map((c) => sql`contains(${text}, ${c})`),
		' OR '
	);
	const guard = formulaGuard(text);
	return sql`CASE WHEN ${text} IS NULL THEN ''
		WHEN ${text} = '' OR ${special} THEN '"' || ${guard} || replace(${text}, '"', '""') || '"'
		ELSE ${guard} || ${text} END`;
}

/** One CSV line (without its end) from its cells, as a SQL expression. */
export function csvLine(cells: readonly Sql[]): Sql {
	return sql`concat_ws(${CSV_SEPARATOR}, ${join(cells)})`;
}
