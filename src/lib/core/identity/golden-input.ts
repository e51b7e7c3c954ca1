// The records the golden record is chosen from: one row per record of the record → customer
// table, with its customer (number, id, record and source counts) and, when the record is still
// in a profile source's mapped view, the view's values read into the golden columns, its source
// rank (catalog order) and dates. Values are the views' display values (trimmed, typed,
// canonical e-mail and phone), never the lower-case match keys. A source without a role gives
// NULL for that column, so the union has every column even when no source maps a role. The
// tricky point: an e-mail cell may hold several addresses ("a@x.com; b@y.com"); the golden
// e-mail is the first one that looks like an address, so that the customer's e-mail is one
// address a message can be sent to.
import type { Db } from '../db';
import type { MappedColumn } from '../mapped/types';
import { ident, join, sql, trusted, type Sql } from '../sql/sql';
import { PHONE_LIST_SEPARATOR } from '../mapped/phone-e164';
import { GOLDEN_COLUMNS, type GoldenColumn } from './golden-columns';
import { EMAIL_LIKE, EMAIL_SPLIT, emailCellParts, type IdentitySource } from './records';
import { dropTables, IDENTITY_TABLES } from './tables';

/** Temporary: one row per customer, cid, customer_id, record_count, source_count. */
export const GOLDEN_CUSTOMERS = 'cc_golden_customer';
/** Temporary: one row per record of a customer, with its customer's columns and golden columns. */
export const GOLDEN_MEMBERS = 'cc_golden_member';

/** A role's columns in the view (`email`, `email_2`…), never its match key (`first_name_key`). */
function columnsOf(columns: readonly MappedColumn[], role: string): Sql[] {
	const own = new RegExp(`^${role}(_\\d+)?$`);
	return columns.filter((c) => c.role === role && own.test(c.name)).map((c) => ident(c.name));
}

function firstOf(values: readonly Sql[]): Sql | null {
	if (values.length === 0) return null;
	return values.length === 1 ? (values[0] as Sql) : sql`coalesce(${join(values)})`;
}

function emailOf(values: readonly Sql[]): Sql | null {
	if (values.length === 0) return null;
	const first = sql`list_filter(${emailCellParts(values)}, x -> x LIKE ${EMAIL_LIKE})[1]`;
	const [only] = values;
	if (values.length > 1 || !only) return first;
	// Most cells hold one address: taken as it is, without a list and a lambda for every record.
	return sql`CASE WHEN ${only} LIKE ${EMAIL_LIKE} AND NOT regexp_matches(${only}, ${EMAIL_SPLIT})
		THEN ${only} ELSE ${first} END`;
}

/** A golden column's SQL type: fixed text of the column table, never outside input. */
function typeOf(column: GoldenColumn | 'TIMESTAMP'): Sql {
	return trusted(column === 'TIMESTAMP' ? column : column.type);
}

/** The first number of the first filled phone column (a cell may hold several). */
function phoneOf(values: readonly Sql[]): Sql | null {
	const first = firstOf(values);
	return first ? sql`split_part(${first}, ${PHONE_LIST_SEPARATOR}, 1)` : null;
}

function valueOf(column: GoldenColumn, columns: readonly MappedColumn[]): Sql {
	const found = column.roles.flatMap((role) => columnsOf(columns, role));
	const value =
		column.name === 'email'
			? emailOf(found)
			: column.name === 'phone'
				? phoneOf(found)
				: firstOf(found);
	return value ? sql`CAST(${value} AS ${typeOf(column)})` : sql`NULL::${typeOf(column)}`;
}

function dateOf(role: 'created_at' | 'updated_at', columns: readonly MappedColumn[]): Sql {
	const value = firstOf(columnsOf(columns, role));
	return value ? sql`CAST(${value} AS TIMESTAMP)` : sql`NULL::TIMESTAMP`;
}

/** What a member takes from its source's view: source rank, dates and golden columns, by name. */
function goldenValues(source: IdentitySource, rank: number): [string, Sql][] {
	return [
		['source_rank', sql`${rank}::INTEGER`],
		['created_at', dateOf('created_at', source.columns)],
		['updated_at', dateOf('updated_at', source.columns)],
		...GOLDEN_COLUMNS.map((c): [string, Sql] => [c.name, valueOf(c, source.columns)])
	];
}

function sourceSelect(source: IdentitySource, rank: number): Sql {
	const values = goldenValues(source, rank).map(([name, value]) => sql`${value} AS ${ident(name)}`);
	return sql`SELECT record_id, ${source.sourceId} AS source_id, ${join(values)}
		FROM ${ident(source.view)}`;
}

/** The column of a kept copy of the sources' rows holding their golden values (one struct). */
const KEPT_VALUES = ident('golden_values');

/**
 * The same values as that column, over the view's columns, for the identity record step when it
 * keeps the sources' rows (see KeptSourceRows); `rank` is the source's place in the sources.
 */
export function keptGoldenValues(source: IdentitySource, rank: number): Sql {
	const fields = goldenValues(source, rank).map(([name, value]) => sql`${name}: ${value}`);
	return sql`{${join(fields)}} AS ${KEPT_VALUES}`;
}

/** The same columns with no row, for a workspace without profile sources. */
function emptySelect(): Sql {
	const values = GOLDEN_COLUMNS.map((c) => sql`NULL::${typeOf(c)} AS ${ident(c.name)}`);
	return sql`SELECT NULL::VARCHAR AS record_id, NULL::VARCHAR AS source_id,
		NULL::INTEGER AS source_rank, NULL::TIMESTAMP AS created_at,
		NULL::TIMESTAMP AS updated_at, ${join(values)} WHERE FALSE`;
}

/**
 * Creates the customer table (from the record → customer table, so a customer none of whose
 * records is in a view any more still has its row) and the member table: one row per record of
 * the record → customer table, with its customer's cid, id and counts, the golden columns and
 * record_date, the date most_recent orders by (updated, else created). A record no longer in a
 * view keeps its row, its values NULL: every customer then has its members, and a customer with
 * one record exactly one, so its golden row needs no join. The views are read once, joined to
 * the narrow record → customer side; or not at all when `kept` names a copy of the sources' rows
 * the run already made, with keptGoldenValues. Customers are numbered in no particular order:
 * the number only groups a customer's records, twice as fast as the text id, and is never shown.
 */
export async function buildGoldenMembers(
	db: Db,
	sources: readonly IdentitySource[],
	kept?: string
): Promise<void> {
	const customers = ident(GOLDEN_CUSTOMERS);
	await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${customers} AS
		SELECT row_number() OVER ()::INTEGER AS cid, *
		FROM (SELECT customer_id, count(*)::INTEGER AS record_count,
				count(DISTINCT source_id)::INTEGER AS source_count
			FROM ${ident(IDENTITY_TABLES.customer)} GROUP BY customer_id)`);
	const selects = sources.length > 0 ? sources.map(sourceSelect) : [emptySelect()];
	const values = kept
		? sql`SELECT record_id, source_id, unnest(${KEPT_VALUES}) FROM ${ident(kept)}`
		: join(selects, ' UNION ALL BY NAME ');
	await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${ident(GOLDEN_MEMBERS)} AS
		SELECT c.cid, m.customer_id, c.record_count, c.source_count, m.record_id, m.source_id,
			v.* EXCLUDE (record_id, source_id), coalesce(v.updated_at, v.created_at) AS record_date
		FROM ${ident(IDENTITY_TABLES.customer)} m JOIN ${customers} c USING (customer_id)
		LEFT JOIN (${values}) v
			ON v.record_id = m.record_id AND v.source_id = m.source_id`);
}

/** Drops the temporary tables once the golden records are built. */
export async function dropGoldenMembers(db: Db): Promise<void> {
	await dropTables(db, [GOLDEN_MEMBERS, GOLDEN_CUSTOMERS]);
}
