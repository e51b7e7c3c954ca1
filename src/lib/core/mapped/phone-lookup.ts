// The phone lookup: every distinct trimmed raw value of the mapped views' phone and mobile
// columns, with the E.164 number libphonenumber-js reads in it. A DuckDB view cannot call
// JavaScript, so JavaScript fills this table before a view that joins it is (re)built. The tricky
// points: the default country decides how national numbers read, so each row keeps the country
// it was read with and a value read with another one is read again; one table serves every
// source, so a value shared by two sources is read once; and speed — see phone-reading.
import type { Db } from '../db';
import { trimmedColumn } from '../profile/value-table';
import { scalarOf } from '../sql/rows';
import { ident, join, sql, type Sql } from '../sql/sql';
import { DEFAULT_PHONE_COUNTRY, MAX_PHONE_LENGTH, phoneReader } from './phone-e164';
import { readPhones, VALUE_SEPARATOR } from './phone-reading';

export const PHONE_LOOKUP_TABLE = 'cc_phone_e164';
const lookup = ident(PHONE_LOOKUP_TABLE);

/**
 * The lookup's key of a raw cell: the value trimmed; NULL when empty, too long to be a phone, or
 * holding the control character that separates values on their way to JavaScript.
 */
export function phoneKey(raw: Sql): Sql {
	return trimmedPhoneKey(trimmedColumn(sql`${raw}::VARCHAR`));
}

/**
 * The same key of a value already trimmed, such as a mapped view's column. The tricky point:
 * the key names its value three times, and a view's column is itself an expression naming its
 * raw cell a dozen times; trimming it again nested one in the other (hundreds of string tests
 * a row, which the engine does not share when it pushes a filter into the scan): reading the
 * phone-like cells of 3.5M web sessions' e-mail column took 5.9 s instead of 0.3.
 */
export function trimmedPhoneKey(value: Sql): Sql {
	return sql`CASE WHEN length(${value}) BETWEEN 1 AND ${MAX_PHONE_LENGTH}
		AND NOT contains(${value}, ${VALUE_SEPARATOR}) THEN ${value} END`;
}

/** The E.164 number of the lookup row `alias` (joined on phoneKey); NULL when it is not valid. */
export function lookedUpPhone(alias: string): Sql {
	return sql`CASE WHEN ${ident(alias)}.valid THEN ${ident(alias)}.e164 END`;
}

/**
 * One row per raw value. Unique by construction (values are read distinct, and a value read
 * again is deleted first) rather than by a PRIMARY KEY: keeping that index cost 4–6 times the
 * whole insert (1M values: 8–15 s instead of ~2 s natively).
 */
export async function ensurePhoneLookup(db: Db): Promise<void> {
	await db.exec(sql`CREATE TABLE IF NOT EXISTS ${lookup} (
		raw VARCHAR NOT NULL, country VARCHAR NOT NULL, e164 VARCHAR, valid BOOLEAN NOT NULL)`);
}

/**
 * Reads, with `country`, the values of a table's (or view's) phone columns that the lookup lacks
 * or holds from another country; only those for which `only` holds, when given. Returns how many
 * values were read.
 */
export async function fillPhoneLookup(
	db: Db,
	tableName: string,
	columns: readonly string[],
	country: string,
	only?: (cell: Sql) => Sql,
	keyOf: (cell: Sql) => Sql = phoneKey
): Promise<number> {
	const reader = await phoneReader(country);
	await ensurePhoneLookup(db);
	if (columns.length === 0) return 0;
	const keys = join(
		columns.map(
			(c) => sql`SELECT ${keyOf(ident(c))} AS k FROM ${ident(tableName)}
				WHERE ${only ? only(ident(c)) : sql`TRUE`}`
		),
		' UNION ALL '
	);
	return readPhones(
		db,
		lookup,
		sql`SELECT DISTINCT v.k FROM (${keys}) v
			LEFT JOIN ${lookup} l ON l.raw = v.k AND l.country = ${reader.country}
			WHERE v.k IS NOT NULL AND l.raw IS NULL`,
		reader
	);
}

/** Reads again every value of the lookup read with another country than `country`. */
export async function rereadPhoneLookup(db: Db, country: string): Promise<number> {
	const reader = await phoneReader(country);
	await ensurePhoneLookup(db);
	const stale = sql`SELECT raw AS k FROM ${lookup} WHERE country <> ${reader.country}`;
	return readPhones(db, lookup, stale, reader);
}

/** The country most of the lookup was read with; the default one while it is empty. */
export async function lookupCountry(db: Db): Promise<string> {
	await ensurePhoneLookup(db);
	const country = scalarOf(
		await db.query(sql`SELECT country FROM ${lookup} GROUP BY country
			ORDER BY count(*) DESC, country LIMIT 1`)
	);
	return typeof country === 'string' ? country : DEFAULT_PHONE_COUNTRY;
}
