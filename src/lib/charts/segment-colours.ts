// One colour per named RFM segment, the same in every chart: greens for the best customers,
// blues for the promising, ambers for those slipping away, reds for the ones at risk, greys for
// the gone. Readable on light and dark backgrounds alike.
import type { RfmSegment } from '$lib/core/indicators/rfm-segments';

export const SEGMENT_COLOURS: Record<RfmSegment, string> = {
	Champions: '#1b7f3b',
	Loyal: '#4caf50',
	'Potential loyalists': '#8bc34a',
	'New customers': '#1f77b4',
	Promising: '#6baed6',
	'Need attention': '#f2b134',
	'About to sleep': '#e8890c',
	'At risk': '#d9480f',
	"Can't lose them": '#b3202a',
	Hibernating: '#8c8c8c',
	Lost: '#5a5a5a'
};

/** Plot colour options for the segments present, in the segments' order. */
export function segmentColourScale(segments: readonly string[]): {
	domain: string[];
	range: string[];
	legend: true;
} {
	const known = Object.keys(SEGMENT_COLOURS) as RfmSegment[];
	const domain = known.filter((s) => segments.includes(s)) as string[];
	const others = segments.filter((s) => !domain.includes(s));
	return {
		domain: [...domain, ...others],
		range: [...domain.map((s) => SEGMENT_COLOURS[s as RfmSegment]), ...others.map(() => '#b0b0b0')],
		legend: true
	};
}
