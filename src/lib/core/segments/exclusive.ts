// Exclusive segments: an ordered list where each customer goes to the first segment that
// matches (a priority waterfall), so every customer is in exactly one bucket — one of the
// segments or the rest. For each step: how many customers the segment holds on its own, how
// many it keeps after the segments above it took theirs, and how many remain below it.
import type { Db } from '../db';
import type { CompiledSegment } from './overlaps';
import { membershipCounts } from './overlaps';

export interface WaterfallStep {
	id: string;
	/** Customers of the segment on its own. */
	matched: number;
	/** Customers assigned to it: in it and in none of the segments above. */
	assigned: number;
	/** Customers left for the steps below (and the rest) after this one. */
	remaining: number;
}

export interface Waterfall {
	customers: number;
	steps: WaterfallStep[];
	/** Customers in none of the segments. */
	rest: number;
}

/** The waterfall from the counts per membership mask (bit i: segment i of `ids`). */
export function waterfallOf(
	ids: readonly string[],
	counts: ReadonlyMap<number, number>
): Waterfall {
	let customers = 0;
	for (const count of counts.values()) customers += count;
	let remaining = customers;
	const steps = ids.map((id, i) => {
		let matched = 0;
		let assigned = 0;
		for (const [mask, count] of counts) {
			if (((mask >> i) & 1) === 0) continue;
			matched += count;
			// Assigned here when no lower bit (a segment above) is set.
			if ((mask & (2 ** i - 1)) === 0) assigned += count;
		}
		remaining -= assigned;
		return { id, matched, assigned, remaining };
	});
	return { customers, steps, rest: remaining };
}

export async function exclusiveWaterfall(
	db: Db,
	segments: readonly CompiledSegment[]
): Promise<Waterfall> {
	const counts = await membershipCounts(db, segments);
	return waterfallOf(
		segments.map((s) => s.id),
		counts
	);
}
