// The tables identity resolution writes, in one place so that each step and the clean-up agree.
import type { Db } from '../db';
import { ident, sql } from '../sql/sql';

export const IDENTITY_TABLES = {
	/** One row per profile record: rid, record_id, source_id and the compared fields. */
	record: 'cc_id_record',
	/** rid, kind, value: every exact identifier of every record (temporary, during a run). */
	identifier: 'cc_id_identifier',
	/** Identifiers held by implausibly many records, with why. */
	junk: 'cc_id_junk',
	/** Candidate pairs with their comparison levels, match weight and probability. */
	pair: 'cc_id_pair',
	/** Term frequencies of the compared values. */
	frequency: 'cc_id_frequency',
	/** rid → cluster (before stable ids). */
	cluster: 'cc_id_cluster',
	/** record_id → customer_id: the result, kept between runs for stable ids. */
	customer: 'cc_customer_record',
	/** Manual decisions: pairs of record ids that are or are not the same person. */
	decision: 'cc_id_decision'
} as const;

/** Drops a step's working tables (temporary or not) once nothing reads them; absent ones too. */
export async function dropTables(db: Db, tables: readonly string[]): Promise<void> {
	for (const table of tables) await db.exec(sql`DROP TABLE IF EXISTS ${ident(table)}`);
}
