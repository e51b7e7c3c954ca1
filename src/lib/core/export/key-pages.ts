// Reads a table page by page in the order of a key, so that an export of a million rows never
// holds more than one page of query results. The pages are ranges of the key: one query first
// sorts the key column alone and returns every PAGE_ROWS-th key, then each page is the rows
// between two of them. The tricky point is cost: `ORDER BY key LIMIT n OFFSET m` (or `WHERE key >
// last`) per page would make DuckDB sort every remaining row with all its columns, page after
// page — for a limit this large it sorts in full rather than keeping a top-n heap. Rows whose
// key is NULL fall in no range: the pages must add up to the table's row count, or the export
// stops with a message rather than silently losing customers.
import type { Table } from 'apache-arrow';
import type { Db } from '../db';
import { scalarOf } from '../sql/rows';
import { ident, sql, type Sql } from '../sql/sql';

/** Rows per page: bounds the rows held at once (one page of Arrow results, then its bytes). */
export const PAGE_ROWS = 100_000;

export interface KeyedTable {
	table: string;
	/** The column the rows are sorted and paged by: unique, never NULL (cc_customer_360: customer_id). */
	key: string;
	/** What a row is, for messages: 'customers'. */
	rowsAre: string;
}

type KeyValue = string | number;

export type ExportProgress = (doneRows: number, totalRows: number) => void;

/** A key value as Arrow hands it over, ready to be bound again. */
function keyValueOf(value: unknown): KeyValue {
	if (typeof value === 'string' || typeof value === 'number') return value;
	if (typeof value === 'bigint') return Number(value);
	if (value instanceof Date) return value.getTime();
	return String(value);
}

async function countRows(db: Db, source: KeyedTable): Promise<number> {
	return Number(scalarOf(await db.query(sql`SELECT count(*) FROM ${ident(source.table)}`)));
}

/** The last key of each full page, in order (the last page runs to the end of the table). */
async function pageEnds(db: Db, source: KeyedTable): Promise<KeyValue[]> {
	const key = ident(source.key);
	const ends = await db.query(sql`SELECT k FROM (
			SELECT ${key} AS k, row_number() OVER (ORDER BY ${key}) AS n
			FROM ${ident(source.table)} WHERE ${key} IS NOT NULL
		) WHERE n % ${PAGE_ROWS} = 0 ORDER BY n`);
	return [...(ends.getChildAt(0) ?? [])].map(keyValueOf);
}

/**
 * Runs `pageQuery` for each page and hands each result to `readPage`, which returns the rows it
 * read. The query receives the page's rows as a subquery (in no particular order: it must sort
 * them by the key itself). Returns the rows read.
 */
export async function readPages(
	db: Db,
	source: KeyedTable,
	pageQuery: (page: Sql) => Sql,
	readPage: (result: Table) => number | Promise<number>,
	onProgress: ExportProgress = () => {}
): Promise<number> {
	const total = await countRows(db, source);
	const key = ident(source.key);
	const ends = await pageEnds(db, source);
	let done = 0;
	onProgress(0, total);
	for (let i = 0; i <= ends.length; i++) {
		const from = i === 0 ? sql`${key} IS NOT NULL` : sql`${key} > ${ends[i - 1] ?? null}`;
		const to = i === ends.length ? sql`TRUE` : sql`${key} <= ${ends[i] ?? null}`;
		const page = sql`(SELECT * FROM ${ident(source.table)} WHERE ${from} AND ${to})`;
		done += await readPage(await db.query(pageQuery(page)));
		onProgress(Math.min(done, total), total);
	}
	if (done !== total) {
		throw new Error(
			`Only ${done} of the ${total} ${source.rowsAre} could be exported: the others have ` +
				`no ${source.key}. Build the table again, then export.`
		);
	}
	return done;
}
