// Records into customers: the pairs scored at or above the threshold are links, and each
// connected group of linked records is one customer.
import type { Db } from '../db';
import { rowsOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';
import { connectedComponents } from './components';
import { IDENTITY_TABLES } from './tables';

export interface ClusterSummary {
	customers: number;
	largest: number;
	rounds: number;
}

export async function clusterRecords(db: Db, threshold: number): Promise<ClusterSummary> {
	const { pair, record, cluster } = IDENTITY_TABLES;
	await db.exec(sql`CREATE OR REPLACE TEMP TABLE cc_id_link AS
		SELECT l, r FROM ${ident(pair)} WHERE probability >= ${threshold}`);
	const rounds = await connectedComponents(db, record, 'cc_id_link', cluster);
	await db.exec(sql`DROP TABLE IF EXISTS cc_id_link`);
	const [row] = rowsOf(
		await db.query(sql`SELECT count(*) AS customers, max(n) AS largest FROM (
			SELECT label, count(*) AS n FROM ${ident(cluster)} GROUP BY label)`)
	);
	return { customers: Number(row?.customers ?? 0), largest: Number(row?.largest ?? 0), rounds };
}
