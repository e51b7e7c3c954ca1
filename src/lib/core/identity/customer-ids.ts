// Customer ids that survive re-runs. A customer keeps the id most of its records had in the
// previous run; when a previous customer is split, the part holding most of its records keeps
// the id; a customer with no previous id gets one derived from its smallest record id, so the
// same records always get the same new id. Adding records therefore never renames customers
// that did not change.
import type { Db } from '../db';
import { ident, sql } from '../sql/sql';
import { IDENTITY_TABLES } from './tables';

export async function ensureCustomerTable(db: Db): Promise<void> {
	await db.exec(sql`CREATE TABLE IF NOT EXISTS ${ident(IDENTITY_TABLES.customer)} (
		record_id VARCHAR PRIMARY KEY,
		source_id VARCHAR NOT NULL,
		customer_id VARCHAR NOT NULL
	)`);
}

/** Replaces the record → customer table from the clusters, keeping previous ids where it can. */
export async function assignCustomerIds(db: Db): Promise<void> {
	const { record, cluster, customer } = IDENTITY_TABLES;
	await ensureCustomerTable(db);
	await db.exec(sql`CREATE OR REPLACE TEMP TABLE cc_id_assigned AS
		WITH members AS (
			SELECT c.label, r.record_id, r.source_id
			FROM ${ident(cluster)} c JOIN ${ident(record)} r ON r.rid = c.node
		), previous AS (
			SELECT m.label, p.customer_id, count(*) AS n
			FROM members m JOIN ${ident(customer)} p USING (record_id) GROUP BY ALL
		), ranked AS (
			SELECT *, row_number() OVER (PARTITION BY label ORDER BY n DESC, customer_id) AS preference,
				row_number() OVER (PARTITION BY customer_id ORDER BY n DESC, label) AS claim
			FROM previous
		), kept AS (
			SELECT label, customer_id FROM ranked WHERE preference = 1 AND claim = 1
		), derived AS (
			SELECT label, min(record_id) AS first_record
			FROM members WHERE label NOT IN (SELECT label FROM kept) GROUP BY label
		), fresh AS (
			-- The part of a split customer that loses the id may hold the record it came from.
			SELECT label, 'C' || upper(left(md5(CASE WHEN id IN (SELECT customer_id FROM kept)
				THEN first_record || '|split' ELSE first_record END), 12)) AS customer_id
			FROM (SELECT label, first_record, 'C' || upper(left(md5(first_record), 12)) AS id FROM derived)
		), ids AS (SELECT * FROM kept UNION ALL SELECT * FROM fresh)
		SELECT m.record_id, m.source_id, i.customer_id FROM members m JOIN ids i USING (label)`);
	await db.exec(sql`DELETE FROM ${ident(customer)}`);
	await db.exec(sql`INSERT INTO ${ident(customer)} SELECT * FROM cc_id_assigned`);
	await db.exec(sql`DROP TABLE cc_id_assigned`);
}
