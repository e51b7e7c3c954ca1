// Grouping customers with identical (frequency, recency, T) so a likelihood is evaluated once per
// distinct history, weighted by how many customers share it; real data in whole days repeats
// itself a lot (everyone with no repeat purchase and the same first day is one row). The distinct
// values of each column are indexed too, so a model computes ln(α + T) once per distinct T.
// The tricky point is speed at a million customers: keys are hashed from the doubles' bits into
// an open-addressing table instead of building strings.
import type { RepeatSummary } from './summary';

/** The distinct values of a column, and for each row the index of its value. */
export interface DistinctValues {
	values: Float64Array;
	index: Uint32Array;
}

export interface CompressedSummary {
	/** Distinct (frequency, recency, T) rows. */
	frequency: Float64Array;
	recency: Float64Array;
	T: Float64Array;
	/** Customers sharing each distinct row. */
	weight: Float64Array;
	/** For each customer, its distinct row. */
	rowOf: Uint32Array;
	/** Distinct values of each column over the distinct rows. */
	frequencies: DistinctValues;
	recencies: DistinctValues;
	ages: DistinctValues;
	customers: number;
}

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** Folds a double's 64 bits into a running 32-bit hash (murmur3's finaliser spreads them). */
function mix(hash: number, value: number): number {
	bits[0] = value === 0 ? 0 : value; // −0 and 0 are one key; every NaN is one key
	if (value !== value) bits[0] = NaN;
	hash = Math.imul(hash ^ (words[0] as number), 0xcc9e2d51);
	hash = Math.imul((hash << 15) | (hash >>> 17), 0x1b873593);
	hash ^= words[1] as number;
	hash = Math.imul((hash << 13) | (hash >>> 19), 5) + 0xe6546b64;
	hash ^= hash >>> 16;
	hash = Math.imul(hash, 0x85ebca6b);
	hash ^= hash >>> 13;
	hash = Math.imul(hash, 0xc2b2ae35);
	return (hash ^ (hash >>> 16)) >>> 0;
}

const same = (u: number, v: number) => u === v || (u !== u && v !== v);

/** Groups the rows of one to three columns by equal values (NaN equals NaN here). */
export function groupRows(columns: readonly Float64Array[]): {
	groups: Uint32Array;
	firstRow: number[];
} {
	const n = columns[0]?.length ?? 0;
	const [c0, c1, c2] = [0, 1, 2].map((i) => columns[i] ?? new Float64Array(n)) as [
		Float64Array,
		Float64Array,
		Float64Array
	];
	if (columns.length > 3) throw new Error('groupRows takes at most three columns');
	let capacity = 16;
	while (capacity < n * 2) capacity *= 2;
	const mask = capacity - 1;
	const slots = new Int32Array(capacity).fill(-1);
	const groups = new Uint32Array(n);
	const firstRow: number[] = [];
	for (let row = 0; row < n; row++) {
		const v0 = c0[row] as number;
		const v1 = c1[row] as number;
		const v2 = c2[row] as number;
		let slot = mix(mix(mix(0x811c9dc5, v0), v1), v2) & mask;
		for (;;) {
			const group = slots[slot] as number;
			if (group < 0) {
				slots[slot] = firstRow.length;
				groups[row] = firstRow.length;
				firstRow.push(row);
				break;
			}
			const other = firstRow[group] as number;
			if (
				same(c0[other] as number, v0) &&
				same(c1[other] as number, v1) &&
				same(c2[other] as number, v2)
			) {
				groups[row] = group;
				break;
			}
			slot = (slot + 1) & mask;
		}
	}
	return { groups, firstRow };
}

export function distinctValues(column: Float64Array): DistinctValues {
	const { groups, firstRow } = groupRows([column]);
	return { values: Float64Array.from(firstRow, (row) => column[row] as number), index: groups };
}

export function compressSummary(
	summary: Pick<RepeatSummary, 'frequency' | 'recency' | 'T'>
): CompressedSummary {
	const { groups, firstRow } = groupRows([summary.frequency, summary.recency, summary.T]);
	const pick = (column: Float64Array) =>
		Float64Array.from(firstRow, (row) => column[row] as number);
	const frequency = pick(summary.frequency);
	const recency = pick(summary.recency);
	const T = pick(summary.T);
	const weight = new Float64Array(firstRow.length);
	for (let i = 0; i < groups.length; i++) {
		const g = groups[i] as number;
		weight[g] = (weight[g] as number) + 1;
	}
	return {
		frequency,
		recency,
		T,
		weight,
		rowOf: groups,
		frequencies: distinctValues(frequency),
		recencies: distinctValues(recency),
		ages: distinctValues(T),
		customers: groups.length
	};
}

/** Spreads per-distinct-row values back to one value per customer. */
export function expand(
	compressed: Pick<CompressedSummary, 'rowOf'>,
	values: Float64Array
): Float64Array {
	const out = new Float64Array(compressed.rowOf.length);
	for (let i = 0; i < out.length; i++) out[i] = values[compressed.rowOf[i] as number] as number;
	return out;
}
