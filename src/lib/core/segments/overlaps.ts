// How chosen segments overlap, from one pass over the customers: each customer's membership of
// every segment as a bit mask, counted per mask. Every figure follows from those counts — each
// segment's size, each pair's shared customers (the matrix), and the exclusive intersections an
// UpSet plot draws (customers in exactly these segments and no other chosen one).
import type { Db } from '../db';
import { C360_TABLES } from '../customer360/tables';
import { rowsOf } from '../sql/rows';
import { ident, join, sql, type Sql } from '../sql/sql';

/** A segment's customers as a query of ids (compile.ts). */
export interface CompiledSegment {
	id: string;
	ids: Sql;
}

/** At most this many segments at once: 2^12 masks at most, a readable matrix. */
export const MAX_OVERLAP_SEGMENTS = 12;

export interface Overlaps {
	/** The segments' ids, in the order asked. */
	segments: string[];
	/** Customers of the 360° view. */
	customers: number;
	/** Customers of each segment, in the order of `segments`. */
	sizes: number[];
	/** shared[i][j]: customers in both segment i and segment j (shared[i][i] = sizes[i]). */
	shared: number[][];
	/**
	 * Customers in exactly these segments (indices into `segments`) and none of the others
	 * chosen, largest first; customers in none of them are left out.
	 */
	intersections: { members: number[]; customers: number }[];
}

/** The membership mask of each customer: bit i set when it belongs to segment i. */
function maskSql(segments: readonly CompiledSegment[]): Sql {
	const bits = segments.map(
		(s, i) => sql`(CASE WHEN c.customer_id IN (${s.ids}) THEN ${2 ** i} ELSE 0 END)`
	);
	return bits.length === 0 ? sql`0` : join(bits, ' + ');
}

/** Counts of customers per membership mask: {mask → customers}. */
export async function membershipCounts(
	db: Db,
	segments: readonly CompiledSegment[]
): Promise<Map<number, number>> {
	if (segments.length > MAX_OVERLAP_SEGMENTS) {
		throw new Error(`Compare at most ${MAX_OVERLAP_SEGMENTS} segments at once.`);
	}
	const rows = rowsOf(
		await db.query(sql`SELECT mask, count(*) AS customers
			FROM (SELECT ${maskSql(segments)} AS mask FROM ${ident(C360_TABLES.customer)} c)
			GROUP BY mask`)
	);
	return new Map(rows.map((r) => [Number(r.mask), Number(r.customers)]));
}

/** Sizes, pairwise matrix and intersections from the counts per mask. */
export function overlapsOf(ids: readonly string[], counts: ReadonlyMap<number, number>): Overlaps {
	const n = ids.length;
	const sizes = new Array<number>(n).fill(0);
	const shared = ids.map(() => new Array<number>(n).fill(0));
	const intersections: Overlaps['intersections'] = [];
	let customers = 0;
	for (const [mask, count] of counts) {
		customers += count;
		const members = ids.flatMap((_, i) => ((mask >> i) & 1 ? [i] : []));
		if (members.length > 0) intersections.push({ members, customers: count });
		for (const i of members) {
			sizes[i]! += count;
			for (const j of members) shared[i]![j]! += count;
		}
	}
	intersections.sort(
		(a, b) =>
			b.customers - a.customers ||
			a.members.length - b.members.length ||
			a.members.join(',').localeCompare(b.members.join(','))
	);
	return { segments: [...ids], customers, sizes, shared, intersections };
}

export async function segmentOverlaps(
	db: Db,
	segments: readonly CompiledSegment[]
): Promise<Overlaps> {
	const counts = await membershipCounts(db, segments);
	return overlapsOf(
		segments.map((s) => s.id),
		counts
	);
}
