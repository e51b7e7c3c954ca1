// The junk guard: identifiers that cannot be a person's own — placeholders (test@test.com,
// 0000000000) and values held by implausibly many records (a shop's own phone typed at the
// till, info@ of a company) — are listed and then taken off the records, so that no pair is
// matched on them. The records keep every other field and are still compared on those.
import type { Db } from '../db';
import { placeholderOf } from '../quality/identifiers';
import { rowsOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';
import { IDENTITY_TABLES } from './tables';

export interface JunkIdentifier {
	kind: string;
	value: string;
	records: number;
	reason: 'placeholder' | 'crowded';
}

export async function guardJunk(db: Db, crowded: number): Promise<JunkIdentifier[]> {
	const { record, identifier, junk } = IDENTITY_TABLES;
	await db.exec(sql`CREATE OR REPLACE TABLE ${ident(junk)} AS
		SELECT kind, value, records,
			CASE WHEN placeholder THEN 'placeholder' ELSE 'crowded' END AS reason
		FROM (
			SELECT kind, value, count(DISTINCT rid) AS records,
				CASE WHEN kind = 'email' THEN ${placeholderOf('email', sql`value`)}
					WHEN kind = 'phone' THEN ${placeholderOf('phone', sql`value`)}
					ELSE replace(value, left(value, 1), '') = '' END AS placeholder
			FROM ${ident(identifier)} GROUP BY kind, value
		) WHERE placeholder OR records > ${crowded}`);
	// Only the records holding a junk identifier are rewritten; the junk lists are short.
	await db.exec(sql`UPDATE ${ident(record)} AS t SET
		emails = list_filter(t.emails, x -> NOT list_contains(j.emails, x)),
		phones = list_filter(t.phones, x -> NOT list_contains(j.phones, x)),
		national_id = CASE WHEN list_contains(j.national_ids, t.national_id) THEN NULL ELSE t.national_id END,
		loyalty_id = CASE WHEN list_contains(j.loyalty_ids, t.loyalty_id) THEN NULL ELSE t.loyalty_id END
		FROM (
			SELECT i.rid,
				coalesce(list(i.value) FILTER (WHERE i.kind = 'email'), []) AS emails,
				coalesce(list(i.value) FILTER (WHERE i.kind = 'phone'), []) AS phones,
				coalesce(list(i.value) FILTER (WHERE i.kind = 'national_id'), []) AS national_ids,
				coalesce(list(i.value) FILTER (WHERE i.kind = 'loyalty_id'), []) AS loyalty_ids
			FROM ${ident(identifier)} i JOIN ${ident(junk)} USING (kind, value) GROUP BY i.rid
		) j WHERE t.rid = j.rid`);
	await db.exec(sql`UPDATE ${ident(record)} SET email = emails[1], phone = phones[1]`);
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
