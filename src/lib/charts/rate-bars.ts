// Horizontal bars of a rate per source and identifier (duplicate rates): one bar group per
// source, the percentage at the end of each bar, an axis in percent.
import * as Plot from '@observablehq/plot';

export interface RateBar {
	source: string;
	series: string;
	rate: number;
	count: number;
	total: number;
}

export function rateBars(
	bars: readonly RateBar[],
	options: { width: number; label: string }
): SVGSVGElement | HTMLElement {
	const sources = [...new Set(bars.map((b) => b.source))];
	const series = [...new Set(bars.map((b) => b.series))];
	return Plot.plot({
		width: options.width,
		height: 40 + sources.length * series.length * 22,
		marginLeft: 150,
		marginRight: 50,
		x: {
			tickFormat: '.0%',
			label: options.label,
			grid: true,
			domain: [0, Math.max(0.05, ...bars.map((b) => b.rate))]
		},
		y: { domain: series, label: null, axis: null },
		fy: { domain: sources, label: null },
		color: { domain: series, legend: true },
		marks: [
			Plot.barX(bars, {
				x: 'rate',
				y: 'series',
				fy: 'source',
				fill: 'series',
				title: (d: RateBar) =>
					`${d.source} · ${d.series}: ${(d.rate * 100).toFixed(1)}% (${d.count.toLocaleString('en-US')} of ${d.total.toLocaleString('en-US')})`
			}),
			Plot.text(bars, {
				x: 'rate',
				y: 'series',
				fy: 'source',
				text: (d: RateBar) => `${(d.rate * 100).toFixed(1)}%`,
				textAnchor: 'start',
				dx: 4
			}),
			Plot.ruleX([0])
		]
	});
}
