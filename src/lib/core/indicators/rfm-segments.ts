// The named RFM segments, as a partition of the recency × frequency grid: every cell of the
// 5 × 5 grid belongs to exactly one segment, so the segments tile the heatmap and every scored
// customer is in one. The layout follows the common marketing grid (recency matters most:
// recent buyers are champions, new or potential loyalists; frequent buyers gone quiet are at
// risk or "can't lose them"; rare buyers gone quiet are hibernating, then lost).

export const RFM_SEGMENTS = [
	'Champions',
	'Loyal',
	'Potential loyalists',
	'New customers',
	'Promising',
	'Need attention',
	'About to sleep',
	'At risk',
	"Can't lose them",
	'Hibernating',
	'Lost'
] as const;

export type RfmSegment = (typeof RFM_SEGMENTS)[number];

/** RFM_GRID[r - 1][f - 1]: the segment of recency score r and frequency score f. */
export const RFM_GRID: readonly (readonly RfmSegment[])[] = [
	// r = 1: gone for long
	['Lost', 'Lost', 'At risk', 'At risk', "Can't lose them"],
	// r = 2
	['Hibernating', 'Hibernating', 'At risk', 'At risk', "Can't lose them"],
	// r = 3
	['About to sleep', 'About to sleep', 'Need attention', 'Loyal', 'Loyal'],
	// r = 4
	['Promising', 'Potential loyalists', 'Potential loyalists', 'Loyal', 'Loyal'],
	// r = 5: bought recently
	['New customers', 'Potential loyalists', 'Potential loyalists', 'Champions', 'Champions']
];

export function rfmSegmentOf(r: number, f: number): RfmSegment {
	const segment = RFM_GRID[r - 1]?.[f - 1];
	if (!segment) throw new Error(`RFM scores run from 1 to 5 (got r = ${r}, f = ${f}).`);
	return segment;
}
