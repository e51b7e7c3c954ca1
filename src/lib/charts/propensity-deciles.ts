// Propensity to buy by decile (1 = the tenth most likely to buy): the average probability of at
// least one purchase within the window as a bar, the decile's customer count written above it.
import * as Plot from '@observablehq/plot';
import type { PropensityDecile } from '$lib/core/indicators/charts-data';

const count = (n: number) => n.toLocaleString('en-US');
const pct = (p: number) => `${(p * 100).toFixed(1)}%`;

export function propensityDeciles(
	deciles: readonly PropensityDecile[],
	options: { width: number; days: number }
): SVGSVGElement | HTMLElement {
	return Plot.plot({
		width: options.width,
		height: 280,
		marginLeft: 56,
		marginTop: 36,
		x: {
			domain: deciles.map((d) => d.decile),
			label: 'Propensity decile (1 = most likely to buy) →',
			padding: 0.15
		},
		y: {
			zero: true,
			nice: true,
			label: `↑ Average P(buy within ${options.days} days)`,
			grid: true,
			tickFormat: '.0%'
		},
		marks: [
			Plot.barY(deciles, {
				x: 'decile',
				y: 'avg_propensity',
				fill: 'steelblue',
				title: (d: PropensityDecile) =>
					`Decile ${d.decile}: ${count(d.customers)} customers, P(buy within ${options.days} days) ${pct(d.avg_propensity)} on average (${pct(d.min_propensity)}–${pct(d.max_propensity)}), ${d.avg_expected_90d.toFixed(2)} purchases expected in 90 days`
			}),
			Plot.text(deciles, {
				x: 'decile',
				y: 'avg_propensity',
				text: (d: PropensityDecile) => `${pct(d.avg_propensity)}\nn=${count(d.customers)}`,
				lineAnchor: 'bottom',
				dy: -4,
				fontSize: 9,
				fill: 'currentColor'
			}),
			Plot.ruleY([0])
		]
	});
}
