// The threshold explorer: how many customers there would be, and how big the largest, at each
// match threshold — without re-running anything. Links that hold at every threshold (rules,
// "same" decisions) are joined first; then the model's links are added strongest first with a
// union–find, and the counts are read as each threshold is passed. The counts are those of the
// connected groups, before the cohesion check cuts weak chains.
import type { Db } from '../db';
import { scalarOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';
import { decidedPairs, ensureDecisionTable } from './decisions';
import { IDENTITY_TABLES } from './tables';

export interface ThresholdPoint {
	threshold: number;
	customers: number;
	/** Customers with two records or more. */
	merged: number;
	largest: number;
}

export const EXPLORER_THRESHOLDS = [
	0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999
] as const;

class UnionFind {
	private readonly parent: Int32Array;
	private readonly size: Int32Array;
	groups: number;
	merged = 0;
	largest = 1;

	constructor(n: number) {
		this.parent = Int32Array.from({ length: n }, (_, i) => i);
		this.size = new Int32Array(n).fill(1);
		this.groups = n;
		if (n === 0) this.largest = 0;
	}

	find(x: number): number {
		let root = x;
		while (this.parent[root] !== root) root = this.parent[root] ?? root;
		while (this.parent[x] !== root) {
			const next = this.parent[x] ?? root;
			this.parent[x] = root;
			x = next;
		}
		return root;
	}

	union(a: number, b: number): void {
		let x = this.find(a);
		let y = this.find(b);
		if (x === y) return;
		const sx = this.size[x] ?? 1;
		const sy = this.size[y] ?? 1;
		if (sx < sy) [x, y] = [y, x];
		this.parent[y] = x;
		this.size[x] = sx + sy;
		// Two singles make one more merged customer; two merged ones make one fewer.
		this.merged += 1 - (sx > 1 ? 1 : 0) - (sy > 1 ? 1 : 0);
		this.groups--;
		this.largest = Math.max(this.largest, sx + sy);
	}
}

function numbers(table: Awaited<ReturnType<Db['query']>>, column: string): Float64Array {
	const vector = table.getChild(column);
	return Float64Array.from({ length: table.numRows }, (_, i) => Number(vector?.get(i) ?? 0));
}

export async function exploreThresholds(
	db: Db,
	thresholds: readonly number[] = EXPLORER_THRESHOLDS
): Promise<ThresholdPoint[]> {
	const { record, pair } = IDENTITY_TABLES;
	await ensureDecisionTable(db);
	const records = Number(scalarOf(await db.query(sql`SELECT count(*) FROM ${ident(record)}`)));
	const lowest = Math.min(...thresholds);
	const edges = await db.query(sql`WITH d AS (${decidedPairs()})
		SELECT l, r, 2.0 AS p FROM d WHERE same
		UNION ALL
		SELECT p.l, p.r, CASE WHEN p.rule IS NOT NULL THEN 2.0 ELSE p.probability END
		FROM ${ident(pair)} p LEFT JOIN d USING (l, r)
		WHERE d.same IS NULL AND (p.rule IS NOT NULL OR (p.probability >= ${lowest} AND NOT p.household))
		ORDER BY 3 DESC`);
	const l = numbers(edges, 'l');
	const r = numbers(edges, 'r');
	const p = numbers(edges, 'p');
	const groups = new UnionFind(records);
	const points: ThresholdPoint[] = [];
	let next = 0;
	for (const threshold of [...thresholds].sort((a, b) => b - a)) {
		while (next < p.length && (p[next] ?? 0) >= threshold) {
			groups.union(l[next] ?? 0, r[next] ?? 0);
			next++;
		}
		points.push({
			threshold,
			customers: groups.groups,
			merged: groups.merged,
			largest: groups.largest
		});
	}
	return points.sort((a, b) => a.threshold - b.threshold);
}
