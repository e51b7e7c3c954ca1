// Finding customers by what a person types: part of a name, an e-mail address, a phone number,
// a record or customer id. Over the identity records, so every record of a customer counts.
import type { Db } from '../db';
import { rowsOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';
import { GOLDEN_TABLE } from './golden';
import { everyValueOf } from './records';
import { IDENTITY_TABLES } from './tables';

export interface CustomerHit {
	customerId: string;
	/** A readable name: the golden record's first and last name. */
	name: string;
	email: string | null;
	records: number;
}

export async function findCustomers(db: Db, text: string, limit = 20): Promise<CustomerHit[]> {
	const { record, customer } = IDENTITY_TABLES;
	const words = text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').trim();
	if (words.length === 0) return [];
	const digits = text.replace(/\D/g, '');
	const pattern = `%${words.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
	const rows = rowsOf(
		await db.query(sql`WITH hits AS (
				SELECT DISTINCT c.customer_id FROM ${ident(record)} r
				JOIN ${ident(customer)} c USING (record_id)
				WHERE lower(c.customer_id) = ${words} OR lower(r.record_id) = ${words}
					OR coalesce(r.first_name, '') || ' ' || coalesce(r.last_name, '') LIKE ${pattern} ESCAPE '\\'
					OR coalesce(r.last_name, '') || ' ' || coalesce(r.first_name, '') LIKE ${pattern} ESCAPE '\\'
					OR list_contains(${everyValueOf('email')}, ${words})
					OR (${digits.length >= 6} AND list_has_any(${everyValueOf('phone')}, [${`+${digits}`}, ${digits}]))
				LIMIT ${limit}
			)
			SELECT h.customer_id, count(*) AS records,
				-- The golden record as people wrote it; the match keys when it is not there.
				coalesce(any_value(nullif(trim(coalesce(g.first_name, '') || ' ' || coalesce(g.last_name, '')), '')),
					mode(nullif(trim(coalesce(r.first_name, '') || ' ' || coalesce(r.last_name, '')), ''))) AS name,
				coalesce(any_value(g.email), mode(r.email)) AS email
			FROM hits h JOIN ${ident(customer)} c USING (customer_id)
			JOIN ${ident(record)} r USING (record_id)
			LEFT JOIN ${ident(GOLDEN_TABLE)} g ON g.customer_id = h.customer_id
			GROUP BY h.customer_id ORDER BY h.customer_id`)
	);
	return rows.map((row) => ({
		customerId: String(row.customer_id),
		name: row.name === null ? '(no name)' : String(row.name),
		email: row.email === null ? null : String(row.email),
		records: Number(row.records)
	}));
}
