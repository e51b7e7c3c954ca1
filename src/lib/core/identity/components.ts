// Connected components of a graph held in a table of edges (l, r), in SQL: every node starts
// with its own id as label and takes the smallest label among itself and its neighbours, then
// jumps to its label's label, until nothing changes. Pointer jumping makes long chains converge
// in a logarithmic number of rounds instead of one round per link.
import type { Db } from '../db';
import { scalarOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';

/**
 * Creates `into` (node, label) for the nodes of `nodes` (a table with column `rid`), each
 * labelled with the smallest rid of its component. Returns the rounds it took.
 */
export async function connectedComponents(
	db: Db,
	nodes: string,
	edges: string,
	into: string,
	maxRounds = 100
): Promise<number> {
	const target = ident(into);
	const next = ident(`${into}_next`);
	await db.exec(sql`CREATE OR REPLACE TEMP TABLE cc_edge_both AS
		SELECT l AS a, r AS b FROM ${ident(edges)} UNION ALL SELECT r, l FROM ${ident(edges)}`);
	await db.exec(
		sql`CREATE OR REPLACE TABLE ${target} AS SELECT rid AS node, rid AS label FROM ${ident(nodes)}`
	);
	let rounds = 0;
	for (; rounds < maxRounds; rounds++) {
		await db.exec(sql`CREATE OR REPLACE TABLE ${next} AS
			WITH spread AS (
				SELECT t.node, least(t.label, coalesce(min(n.label), t.label)) AS label
				FROM ${target} t
				LEFT JOIN cc_edge_both e ON e.a = t.node
				LEFT JOIN ${target} n ON n.node = e.b
				GROUP BY t.node, t.label
			)
			SELECT s.node, least(s.label, j.label) AS label
			FROM spread s JOIN spread j ON j.node = s.label`);
		const changed = Number(
			scalarOf(
				await db.query(sql`SELECT count(*) FROM ${next} x JOIN ${target} t USING (node)
					WHERE x.label <> t.label`)
			)
		);
		await db.exec(sql`DROP TABLE ${target}; ALTER TABLE ${next} RENAME TO ${target}`);
		if (changed === 0) break;
	}
	await db.exec(sql`DROP TABLE IF EXISTS cc_edge_both`);
	return rounds + 1;
}
