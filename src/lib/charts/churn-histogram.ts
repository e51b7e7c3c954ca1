// Customers by churn score (1 − P(alive)) in equal bins from 0 to 1: one bar per bin with its
// count written above, or bars stacked by RFM segment (one colour per segment, in the segments'
// order) to see which segments the likely churners belong to.
import * as Plot from '@observablehq/plot';
import type { ChurnBin } from '$lib/core/indicators/charts-data';
import { segmentColourScale } from './segment-colours';

interface Bar {
	x1: number;
	x2: number;
	segment: string;
	customers: number;
}

const count = (n: number) => n.toLocaleString('en-US');
const range = (b: Bar) => `${b.x1.toFixed(2)}–${b.x2.toFixed(2)}`;

export function churnHistogram(
	bins: readonly ChurnBin[],
	options: { width: number; bins: number; bySegment: boolean }
): SVGSVGElement | HTMLElement {
	const width = 1 / options.bins;
	const merged = new Map<string, Bar>();
	for (const b of bins) {
		const segment = options.bySegment ? (b.rfm_segment ?? 'Not scored') : 'All';
		const key = `${b.bin}|${segment}`;
		const bar = merged.get(key) ?? {
			x1: b.bin * width,
			x2: (b.bin + 1) * width,
			segment,
			customers: 0
		};
		bar.customers += b.customers;
		merged.set(key, bar);
	}
	const bars = [...merged.values()];
	const byBin = new Map<number, number>();
	for (const b of bars) byBin.set(b.x1, (byBin.get(b.x1) ?? 0) + b.customers);
	const totals = [...byBin].map(([x1, customers]) => ({ x: x1 + width / 2, customers }));
	const segments = [...new Set(bars.map((b) => b.segment))];
	return Plot.plot({
		width: options.width,
		height: 280,
		marginLeft: 56,
		marginTop: 24,
		x: { domain: [0, 1], label: 'Churn score (1 − P(alive)) →', tickFormat: '.1f' },
		y: { label: '↑ Customers', grid: true, nice: true },
		color: options.bySegment ? segmentColourScale(segments) : {},
		marks: [
			Plot.rectY(bars, {
				x1: 'x1',
				x2: 'x2',
				y: 'customers',
				fill: options.bySegment ? 'segment' : 'steelblue',
				inset: 0.5,
				order: options.bySegment ? segments : undefined,
				title: (b: Bar) =>
					options.bySegment
						? `${b.segment}, churn score ${range(b)}: ${count(b.customers)} customers`
						: `Churn score ${range(b)}: ${count(b.customers)} customers`
			}),
			options.bySegment
				? null
				: Plot.text(totals, {
						x: 'x',
						y: 'customers',
						text: (t: { customers: number }) => count(t.customers),
						dy: -7,
						fontSize: 9,
						fill: 'currentColor'
					}),
			Plot.ruleY([0])
		]
	});
}
