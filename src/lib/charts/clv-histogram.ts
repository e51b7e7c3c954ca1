// Customers by predicted CLV: equal bins up to the 99th percentile, then one bar for the 1 %
// above it (CLV has a long tail that would squash the rest). Each bar's count is written above
// it; the tail bar is labelled "> p99 …" and drawn as wide as the others, so its open end is said
// in words rather than suggested by a width.
import * as Plot from '@observablehq/plot';
import type { ClvBin } from '$lib/core/indicators/charts-data';

interface Bar extends ClvBin {
	x1: number;
	x2: number;
	last: boolean;
}

const count = (n: number) => n.toLocaleString('en-US');
const amount = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

export function clvHistogram(
	bins: readonly ClvBin[],
	options: { width: number; bins: number; label: string }
): SVGSVGElement | HTMLElement {
	// Bins 0 … bins − 1 are equal; bin `bins` is the tail above the 99th percentile.
	const lastBin = options.bins;
	const step = bins.find((b) => b.bin < lastBin && b.high > b.low);
	const width = step ? step.high - step.low : (bins[0]?.high ?? 1) - (bins[0]?.low ?? 0) || 1;
	const bars: Bar[] = bins.map((b) => ({
		...b,
		x1: b.low,
		x2: b.bin === lastBin ? b.low + width : b.high,
		last: b.bin === lastBin
	}));
	return Plot.plot({
		width: options.width,
		height: 280,
		marginLeft: 56,
		marginTop: 24,
		x: { label: `${options.label} →`, tickFormat: ',~s' },
		y: { label: '↑ Customers', grid: true, nice: true },
		marks: [
			Plot.rectY(bars, {
				x1: 'x1',
				x2: 'x2',
				y: 'customers',
				fill: (b: Bar) => (b.last ? '#6f8fb0' : 'steelblue'),
				inset: 0.5,
				title: (b: Bar) =>
					b.last
						? `CLV above the 99th percentile, ${amount(b.low)} (up to ${amount(b.high)}): ${count(b.customers)} customers, ${amount(b.clv)} in all`
						: `CLV ${amount(b.low)}–${amount(b.high)}: ${count(b.customers)} customers, ${amount(b.clv)} in all`
			}),
			Plot.text(bars, {
				x: (b: Bar) => (b.x1 + b.x2) / 2,
				y: 'customers',
				text: (b: Bar) =>
					b.last ? `> p99 ${amount(b.low)}: ${count(b.customers)}` : count(b.customers),
				dy: -7,
				fontSize: 9,
				fill: 'currentColor'
			}),
			Plot.ruleY([0])
		]
	});
}
