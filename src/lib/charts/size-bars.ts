// Customers by the number of records they hold (the cluster-size histogram): one bar per size,
// on a symmetric-log scale so the many single-record customers do not flatten the rest, the
// count written above each bar.
import * as Plot from '@observablehq/plot';

export interface SizeCount {
	size: string;
	customers: number;
}

export function sizeBars(
	bars: readonly SizeCount[],
	options: { width: number; label: string }
): SVGSVGElement | HTMLElement {
	return Plot.plot({
		width: options.width,
		height: 240,
		marginLeft: 60,
		marginTop: 20,
		x: { domain: bars.map((b) => b.size), label: 'Records per customer', padding: 0.15 },
		y: { type: 'symlog', label: options.label, grid: true },
		marks: [
			Plot.barY(bars, {
				x: 'size',
				y: 'customers',
				fill: 'steelblue',
				title: (d: SizeCount) =>
					`${d.customers.toLocaleString('en-US')} customers with ${d.size} records`
			}),
			Plot.text(bars, {
				x: 'size',
				y: 'customers',
				text: (d: SizeCount) => d.customers.toLocaleString('en-US'),
				dy: -7,
				fill: 'currentColor'
			}),
			Plot.ruleY([0])
		]
	});
}
