// The junk guard: identifiers that cannot be a person's own — placeholders (test@test.com,
// 0000000000) and values held by implausibly many records (a shop's own phone typed at the
// till, info@ of a company) — are listed and then taken off the records, so that no pair is
// matched on them. The records keep every other field and are still compared on those.
import type { Db } from '../db';
import { placeholderOf } from '../quality/identifiers';
import { rowsOf } from '../sql/rows';
import { ident, join, sql } from '../sql/sql';
import { everyValueOf, ifSeveral } from './records';
import { IDENTITY_TABLES } from './tables';

export interface JunkIdentifier {
	kind: string;
	value: string;
	records: number;
	reason: 'placeholder' | 'crowded';
}

/** Birth dates typed when the real one was unknown (1900-01-01, 1970-01-01…). */
const PLACEHOLDER_BIRTH_DATES = [
	'0001-01-01',
	'1800-01-01',
	'1900-01-01',
	'1901-01-01',
	'9999-12-31'
];

/**
 * Birth dates that are placeholders, in the future, or held by far more records than a birthday
 * can be (twenty times the average of a date, and more than the crowded limit) are listed as
 * junk and taken off the records.
 */
async function guardBirthDates(db: Db, crowded: number): Promise<void> {
	const { record, junk } = IDENTITY_TABLES;
	const placeholders = join(PLACEHOLDER_BIRTH_DATES.map((d) => sql`DATE ${d}`));
	// From the host's clock: the wasm build has no current_date (it lives in the ICU extension).
	const today = sql`DATE ${new Date().toISOString().slice(0, 10)}`;
	await db.exec(sql`INSERT INTO ${ident(junk)}
		SELECT 'birth_date', birth_date::VARCHAR, n,
			CASE WHEN birth_date IN (${placeholders}) THEN 'placeholder' ELSE 'crowded' END
		FROM (
			SELECT birth_date, count(*) AS n, avg(count(*)) OVER () AS usual
			FROM ${ident(record)} WHERE birth_date IS NOT NULL GROUP BY birth_date
		) WHERE birth_date IN (${placeholders}) OR birth_date > ${today}
			OR (n > ${crowded} AND n > 20 * usual)`);
	await db.exec(sql`UPDATE ${ident(record)} SET birth_date = NULL
		WHERE birth_date::VARCHAR IN (SELECT value FROM ${ident(junk)} WHERE kind = 'birth_date')`);
}

export async function guardJunk(db: Db, crowded: number): Promise<JunkIdentifier[]> {
	const { record, identifier, junk } = IDENTITY_TABLES;
	// A record holds a value once (its lists are without repeats, and the views give a phone
	// cell's numbers once each), so the identifier rows of a value count its records.
	await db.exec(sql`CREATE OR REPLACE TABLE ${ident(junk)} AS
		SELECT kind, value, records,
			CASE WHEN placeholder THEN 'placeholder' ELSE 'crowded' END AS reason
		FROM (
			SELECT kind, value, count(*) AS records,
				CASE WHEN kind = 'email' THEN ${placeholderOf('email', sql`value`)}
					WHEN kind = 'phone' THEN ${placeholderOf('phone', sql`value`)}
					ELSE replace(value, left(value, 1), '') = '' END AS placeholder
			FROM ${ident(identifier)} GROUP BY kind, value
		) WHERE placeholder OR records > ${crowded}`);
	// Only the records holding a junk identifier are rewritten; the junk lists are short.
	const held = (kind: 'email' | 'phone') =>
		sql`list_filter(${everyValueOf(kind)}, x -> NOT list_contains(j.${ident(`${kind}s`)}, x))`;
	await db.exec(sql`UPDATE ${ident(record)} AS t SET
		email = k.emails[1], phone = k.phones[1],
		emails_if_several = ${ifSeveral(sql`k.emails`)}, phones_if_several = ${ifSeveral(sql`k.phones`)},
		national_id = CASE WHEN list_contains(k.national_ids, t.national_id) THEN NULL ELSE t.national_id END,
		loyalty_id = CASE WHEN list_contains(k.loyalty_ids, t.loyalty_id) THEN NULL ELSE t.loyalty_id END
		FROM (
			SELECT r.rid, ${held('email')} AS emails, ${held('phone')} AS phones,
				j.national_ids, j.loyalty_ids
			FROM ${ident(record)} r JOIN (
				SELECT i.rid,
					coalesce(list(i.value) FILTER (WHERE i.kind = 'email'), []) AS emails,
					coalesce(list(i.value) FILTER (WHERE i.kind = 'phone'), []) AS phones,
					coalesce(list(i.value) FILTER (WHERE i.kind = 'national_id'), []) AS national_ids,
					coalesce(list(i.value) FILTER (WHERE i.kind = 'loyalty_id'), []) AS loyalty_ids
				FROM ${ident(identifier)} i JOIN ${ident(junk)} USING (kind, value) GROUP BY i.rid
			) j USING (rid)
		) k WHERE t.rid = k.rid`);
	await guardBirthDates(db, crowded);
	return rowsOf(
		await db.query(sql`SELECT kind, value, records, reason FROM ${ident(junk)}
			ORDER BY records DESC, kind, value LIMIT 200`)
	).map((row) => ({
		kind: String(row.kind),
		value: String(row.value),
		records: Number(row.records),
		reason: row.reason as JunkIdentifier['reason']
	}));
}
