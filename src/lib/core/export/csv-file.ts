// A table's chosen columns as a CSV file for spreadsheets: UTF-8 with a byte order mark (so that
// Excel reads accents right), a header row, CRLF line ends. DuckDB writes each page's lines as
// one string (see csv-cells), whose UTF-8 bytes are taken from the Arrow result as they are.
// The tricky point is memory: a page is the most the engine hands over at once, but the file
// itself is returned whole, so its bytes (about 110 bytes a row for ten columns) are held until
// the caller saves them, and twice over while the pages are joined at the end.
import type { Db } from '../db';
import { scalarOf } from '../sql/rows';
import { ident, join, sql } from '../sql/sql';
import { utf8CellAt } from './arrow-text';
import { concatBytes } from './concat-bytes';
import { csvCell, csvLine, CSV_LINE_END } from './csv-cells';
import type { ExportColumn } from './export-columns';
import { readPages, type ExportProgress, type KeyedTable } from './key-pages';

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

/** The header line, written by the same cell rules as the rows (a name is text too). */
async function headerLine(db: Db, columns: readonly ExportColumn[]): Promise<string> {
	const names = columns.map((c) => csvCell(sql`${c.name}`, 'text'));
	return String(scalarOf(await db.query(sql`SELECT ${csvLine(names)}`)));
}

export async function writeCsv(
	db: Db,
	source: KeyedTable,
	columns: readonly ExportColumn[],
	onProgress?: ExportProgress
): Promise<Uint8Array> {
	const encoder = new TextEncoder();
	const parts: Uint8Array[] = [BOM, encoder.encode((await headerLine(db, columns)) + CSV_LINE_END)];
	// Cast from the column's own type: a DECIMAL keeps its digits ('12.50'), a BIGINT all of them.
	const texts = columns.map((c, i) => sql`CAST(${ident(c.name)} AS VARCHAR) AS ${ident(`c${i}`)}`);
	const cells = columns.map((c, i) => csvCell(ident(`c${i}`), c.kind));
	const key = ident(source.key);
	await readPages(
		db,
		source,
		(page) => sql`SELECT string_agg(line, ${CSV_LINE_END} ORDER BY k) || ${CSV_LINE_END} AS text,
				count(*) AS n
			FROM (SELECT k, ${csvLine(cells)} AS line FROM (SELECT ${key} AS k, ${join(texts)} FROM ${page}))`,
		(page) => {
			const text = utf8CellAt(page.getChild('text'), 0);
			if (text) parts.push(text);
			return Number(page.getChild('n')?.get(0) ?? 0);
		},
		onProgress
	);
	return concatBytes(parts);
}
