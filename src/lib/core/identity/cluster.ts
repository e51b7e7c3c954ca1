// Records into customers. A pair is a link when a deterministic rule says so, or when its match
// probability reaches the threshold and the household guard does not hold; a manual "same"
// decision always links and a "not the same" decision never does. Each connected group of
// linked records is a cluster; clusters that hold together only through weak links are then cut
// (cohesion).
import type { Db } from '../db';
import { rowsOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';
import { splitLooseClusters, type CohesionResult } from './cohesion';
import { connectedComponents } from './components';
import { decidedPairs, ensureDecisionTable } from './decisions';
import { isLink } from './links';
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
	await ensureDecisionTable(db);
	await db.exec(sql`CREATE OR REPLACE TEMP TABLE cc_id_decided AS ${decidedPairs()}`);
	await db.exec(sql`CREATE OR REPLACE TEMP TABLE cc_id_link AS
		SELECT p.l, p.r FROM ${ident(pair)} p LEFT JOIN cc_id_decided d USING (l, r)
		WHERE ${isLink(threshold, householdGuard)}
		UNION SELECT l, r FROM cc_id_decided WHERE same`);
	const rounds = await connectedComponents(db, record, 'cc_id_link', cluster);
	await db.exec(sql`DROP TABLE IF EXISTS cc_id_link`);
	const cohesion = await splitLooseClusters(db, model, threshold, householdGuard);
	await db.exec(sql`DROP TABLE IF EXISTS cc_id_decided`);
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
