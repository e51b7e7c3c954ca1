// Records into customers: the pairs scored at or above the threshold are links (never across
// the household guard), each connected group of linked records is a cluster, and clusters that
// hold together only through weak links are split (cohesion).
import type { Db } from '../db';
import { rowsOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';
import { splitLooseClusters, type CohesionResult } from './cohesion';
import { connectedComponents } from './components';
import type { ScoringModel } from './score';
import { IDENTITY_TABLES } from './tables';

export interface ClusterSummary {
	customers: number;
	largest: number;
	rounds: number;
	cohesion: CohesionResult;
}

export async function clusterRecords(
	db: Db,
	model: ScoringModel,
	threshold: number,
	householdGuard = true
): Promise<ClusterSummary> {
	const { pair, record, cluster } = IDENTITY_TABLES;
	await db.exec(sql`CREATE OR REPLACE TEMP TABLE cc_id_link AS
		SELECT l, r FROM ${ident(pair)} WHERE probability >= ${threshold}
			${householdGuard ? sql`AND NOT household` : sql``}`);
	const rounds = await connectedComponents(db, record, 'cc_id_link', cluster);
	await db.exec(sql`DROP TABLE IF EXISTS cc_id_link`);
	const cohesion = await splitLooseClusters(db, model, threshold);
	const [row] = rowsOf(
		await db.query(sql`SELECT count(*) AS customers, max(n) AS largest FROM (
			SELECT label, count(*) AS n FROM ${ident(cluster)} GROUP BY label)`)
	);
	return {
		customers: Number(row?.customers ?? 0),
		largest: Number(row?.largest ?? 0),
		rounds,
		cohesion
	};
}
