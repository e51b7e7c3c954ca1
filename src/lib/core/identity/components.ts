// Connected components of a graph held in a table of edges (l, r), in SQL: every linked node
// takes the smallest label among itself and its neighbours, then jumps to its label's label,
// until nothing changes. Pointer jumping makes long chains converge in a logarithmic number of
// rounds instead of one round per link. Only nodes with an edge take part in the rounds (most
// records are a customer of their own), and a round learns whether it changed anything from
// the labels it replaced, so the check needs no join of its own.
import type { Db } from '../db';
import { scalarOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';

const EDGES = 'cc_edge_both';

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
	const linked = ident(`${into}_linked`);
	const next = ident(`${into}_next`);
	// Both directions, and a loop on every node so that its own label is among its neighbours'.
	await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${ident(EDGES)} AS
		SELECT l AS a, r AS b FROM ${ident(edges)} UNION ALL SELECT r, l FROM ${ident(edges)}`);
	await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${linked} AS
		SELECT a AS node, least(a, min(b)) AS label FROM ${ident(EDGES)} GROUP BY a`);
	await db.exec(sql`INSERT INTO ${ident(EDGES)} SELECT node, node FROM ${linked}`);
	let rounds = 1;
	while (rounds < maxRounds) {
		rounds++;
		// Labels only ever decrease, and a label is the rid of a linked node of the same component.
		await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${next} AS
			WITH spread AS (
				SELECT e.a AS node, min(t.label) AS label, min(t.label) FILTER (WHERE e.a = e.b) AS before
				FROM ${ident(EDGES)} e JOIN ${linked} t ON t.node = e.b
				GROUP BY e.a
			)
			SELECT s.node, j.label, s.before FROM spread s JOIN spread j ON j.node = s.label`);
		const changed = Number(
			scalarOf(await db.query(sql`SELECT count(*) FROM ${next} WHERE label <> before`))
		);
		await db.exec(sql`DROP TABLE ${linked}; ALTER TABLE ${next} RENAME TO ${linked}`);
		if (changed === 0) break;
	}
	await db.exec(sql`CREATE OR REPLACE TABLE ${ident(into)} AS
		SELECT n.rid AS node, coalesce(t.label, n.rid) AS label
		FROM ${ident(nodes)} n LEFT JOIN ${linked} t ON t.node = n.rid`);
	await db.exec(sql`DROP TABLE IF EXISTS ${linked}; DROP TABLE IF EXISTS ${ident(EDGES)}`);
	return rounds;
}
