// The customers table of the Customers area: a page of cc_customer_360 rows with the chosen
// columns, sorted, narrowed by quick filters and a search, and the number of rows that match.
// The tricky points: column names come from the page, so they are checked against the table's
// own columns before they reach SQL; a search is split into words that must all be found, and
// a word that is a phone number typed nationally ('06 12 34 56 78') is looked for by its
// digits without the leading zero, which an E.164 number contains ('+33612345678').
import type { Table } from 'apache-arrow';
import type { Db } from '../db';
import { rowsOf } from '../sql/rows';
import { ident, join, sql, type Sql } from '../sql/sql';
import { C360_TABLES, HIDDEN_CUSTOMER_COLUMNS } from './tables';

export const QUICK_FILTERS = {
	buyers: { label: 'Buyers', where: sql`orders > 0` },
	never_bought: { label: 'Never bought', where: sql`orders = 0` },
	both_channels: {
		label: 'Online and in store',
		where: sql`orders_online > 0 AND orders_store > 0`
	},
	active_90d: { label: 'Bought in the last 90 days', where: sql`days_since_last_purchase <= 90` },
	lapsed: { label: 'No purchase for a year', where: sql`days_since_last_purchase > 365` },
	visited_30d: { label: 'Visited in the last 30 days', where: sql`web_sessions_30d > 0` },
	open_tickets: { label: 'Open tickets', where: sql`open_tickets > 0` },
	email_optin: { label: 'E-mail opt-in', where: sql`email_optin IS TRUE` },
	several_sources: { label: 'In several sources', where: sql`profile_sources > 1` }
} as const;

export type QuickFilter = keyof typeof QUICK_FILTERS;

export interface CustomerListQuery {
	columns: string[];
	sort: { column: string; descending: boolean };
	filters: QuickFilter[];
	search: string;
	offset: number;
	limit: number;
}

/** Rows fetched at most per request: a screenful or two, whatever the page asks. */
export const MAX_PAGE_ROWS = 500;

/** The columns of cc_customer_360 a page may show or sort by (the search text is internal). */
export async function customerColumns(db: Db): Promise<{ name: string; type: string }[]> {
	const rows = rowsOf(
		await db.query(sql`SELECT column_name, data_type FROM information_schema.columns
			WHERE table_name = ${C360_TABLES.customer} AND table_schema = 'main'
			ORDER BY ordinal_position`)
	);
	return rows
		.map((r) => ({ name: String(r.column_name), type: String(r.data_type) }))
		.filter((c) => !HIDDEN_CUSTOMER_COLUMNS.includes(c.name));
}

/** The search's words, each as a condition on search_text. */
export function searchCondition(search: string): Sql {
	const words = search.toLowerCase().split(/\s+/).filter(Boolean);
	const phone = search.replace(/[\s.\-()/]/g, '');
	// The whole text as one number: '06 12 34 56 78' is one word, not five.
	if (/^\+?[0-9]{6,}$/.test(phone)) {
		return sql`contains(search_text, ${phone.replace(/^\+/, '').replace(/^0+/, '')})`;
	}
	if (words.length === 0) return sql`TRUE`;
	return join(
		words.map((w) => sql`contains(search_text, ${w})`),
		' AND '
	);
}

function whereOf(query: Pick<CustomerListQuery, 'filters' | 'search'>): Sql {
	const parts = [
		...query.filters
			.filter((f) => Object.hasOwn(QUICK_FILTERS, f))
			.map((f) => QUICK_FILTERS[f].where),
		searchCondition(query.search)
	];
	return join(
		parts.map((p) => sql`(${p})`),
		' AND '
	);
}

/** The matching customers' count and one page of them (Arrow table from the engine). */
export async function customerPage(db: Db, query: CustomerListQuery, shallowRows = SHALLOW_ROWS) {
	const known = new Set((await customerColumns(db)).map((c) => c.name));
	const unknown = [...query.columns, query.sort.column].filter((c) => !known.has(c));
	if (unknown.length > 0)
		throw new Error(`The customers table has no column ${unknown.join(', ')}.`);
	const columns = query.columns.includes('customer_id')
		? query.columns
		: ['customer_id', ...query.columns];
	const where = whereOf(query);
	const table = ident(C360_TABLES.customer);
	const limit = Math.max(0, Math.min(MAX_PAGE_ROWS, Math.floor(query.limit)));
	const offset = Math.max(0, Math.floor(query.offset));
	const direction = query.sort.descending ? sql`DESC` : sql`ASC`;
	const order = sql`${ident(query.sort.column)} ${direction} NULLS LAST, customer_id`;
	const shown = join(columns.map((c) => sql`t.${ident(c)}`));
	const narrowed =
		query.search.trim() !== '' || query.filters.some((f) => Object.hasOwn(QUICK_FILTERS, f));
	if (narrowed && limit > 0 && offset < shallowRows) {
		const page = await narrowedPage(db, columns, where, query.sort, offset, limit);
		if (page) return page;
	}
	const [counted] = rowsOf(await db.query(sql`SELECT count(*) AS n FROM ${table} WHERE ${where}`));
	if (offset < shallowRows) {
		const rows = await db.query(sql`SELECT ${shown} FROM ${table} t WHERE ${where}
			ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`);
		return { total: Number(counted?.n ?? 0), rows };
	}
	await ensureOrder(db, JSON.stringify([query.sort, query.filters, query.search]), where, order);
	const rows = await db.query(sql`SELECT ${shown} FROM ${ident(ORDER_TABLE)} o
		JOIN ${table} t ON t.rowid = o.r
		WHERE o.n > ${offset} AND o.n <= ${offset + limit} ORDER BY o.n`);
	return { total: Number(counted?.n ?? 0), rows };
}

/**
 * A shallow page of a search or filter and the number of matching rows, from one scan of the
 * table: the matches are kept once, counted and sorted (a search is typed letter by letter, and
 * a count and a page each scanning a million customers' search text took twice as long). Null
 * when the page is empty but the offset is not: the count then needs its own query.
 */
async function narrowedPage(
	db: Db,
	columns: readonly string[],
	where: Sql,
	sort: CustomerListQuery['sort'],
	offset: number,
	limit: number
): Promise<{ total: number; rows: Table } | null> {
	const direction = sort.descending ? sql`DESC` : sql`ASC`;
	const shown = join(columns.map((c) => sql`t.${ident(c)}`));
	const result = await db.query(sql`WITH matches AS MATERIALIZED (
			SELECT ${shown}, t.${ident(sort.column)} AS cc_sort
			FROM ${ident(C360_TABLES.customer)} t WHERE ${where})
		SELECT *, (SELECT count(*) FROM matches) AS cc_total FROM matches
		ORDER BY cc_sort ${direction} NULLS LAST, customer_id LIMIT ${limit} OFFSET ${offset}`);
	const [first] = rowsOf(result);
	if (!first && offset > 0) return null;
	return { total: Number(first?.cc_total ?? 0), rows: result.select([...columns]) };
}

/**
 * Rows deeper than this are read through the query's whole order, kept once: LIMIT … OFFSET
 * sorts every row before the offset again for each page (seconds at half a million rows).
 */
const SHALLOW_ROWS = 5000;
/** The matching customers' table rows numbered in the query's order (n = 1, 2…), temporary. */
export const ORDER_TABLE = 'cc_360_order';
export const ORDER_KEY_TABLE = 'cc_360_order_key';

/** Numbers the query's rows once; later pages of the same query read that numbering. */
async function ensureOrder(db: Db, key: string, where: Sql, order: Sql): Promise<void> {
	const exists = rowsOf(
		await db.query(sql`SELECT 1 FROM duckdb_tables()
			WHERE table_name = ${ORDER_KEY_TABLE} AND temporary`)
	);
	const kept =
		exists.length > 0
			? rowsOf(await db.query(sql`SELECT query_key FROM ${ident(ORDER_KEY_TABLE)}`))
			: [];
	if (kept[0]?.query_key === key) return;
	await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${ident(ORDER_TABLE)} AS
		SELECT rowid AS r, row_number() OVER (ORDER BY ${order}) AS n
		FROM ${ident(C360_TABLES.customer)} WHERE ${where}`);
	await db.exec(
		sql`CREATE OR REPLACE TEMP TABLE ${ident(ORDER_KEY_TABLE)} AS SELECT ${key} AS query_key`
	);
}
