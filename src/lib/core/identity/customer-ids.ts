// Customer ids that survive re-runs. A customer keeps the id most of its records had in the
// previous run; when a previous customer is split, the part holding most of its records keeps
// the id; a customer with no previous id gets one derived from its smallest record id, so the
// same records always get the same new id. Adding records therefore never renames customers
// that did not change. The table is rebuilt whole on every run and holds one row per identity
// record by construction, without a primary key: keeping that index over a million records cost
// more than the rest of the step (deleting the previous run's rows most of all).
import type { Db } from '../db';
import { ident, sql } from '../sql/sql';
import { IDENTITY_TABLES } from './tables';

export async function ensureCustomerTable(db: Db): Promise<void> {
	await db.exec(sql`CREATE TABLE IF NOT EXISTS ${ident(IDENTITY_TABLES.customer)} (
		record_id VARCHAR NOT NULL,
		source_id VARCHAR NOT NULL,
		customer_id VARCHAR NOT NULL
	)`);
}

/** Replaces the record → customer table from the clusters, keeping previous ids where it can. */
export async function assignCustomerIds(db: Db): Promise<void> {
	const { record, cluster, customer } = IDENTITY_TABLES;
	await ensureCustomerTable(db);
	// The previous run's table is read before it is replaced, in the same statement.
	await db.exec(sql`CREATE OR REPLACE TABLE ${ident(customer)} AS
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
			SELECT label, 'C' || upper(left(md5(min(record_id)), 12)) AS id, min(record_id) AS first_record
			FROM members WHERE label NOT IN (SELECT label FROM kept) GROUP BY label
		), fresh AS (
			-- The part of a split customer that loses the id may hold the record it came from.
			SELECT label, CASE WHEN id IN (SELECT customer_id FROM kept)
				THEN 'C' || upper(left(md5(first_record || '|split'), 12)) ELSE id END AS customer_id
			FROM derived
		), ids AS (SELECT * FROM kept UNION ALL SELECT * FROM fresh)
		SELECT m.record_id, m.source_id, i.customer_id FROM members m JOIN ids i USING (label)`);
}
