// The purchase model's holdout check (Fader, Hardie & Lee 2005, fig. 4): for the customers of
// each calibration repeat count, their average purchases in the holdout as they happened and as
// the model expected from their calibration history. The last count holds that many or more.
import * as Plot from '@observablehq/plot';
import type { FrequencyCheck } from '$lib/core/indicators/run-state';

interface Point {
	frequency: string;
	purchases: number;
	series: 'Actual' | 'Predicted';
	customers: number;
}

const MARK = '#e8590c';

export function holdoutFrequency(
	checks: readonly FrequencyCheck[],
	options: { width: number; holdoutDays: number }
): SVGSVGElement | HTMLElement {
	const top = Math.max(...checks.map((c) => c.frequency));
	const label = (f: number) => (f === top && top >= 7 ? `${f}+` : String(f));
	const points: Point[] = checks.flatMap((c) => [
		{
			frequency: label(c.frequency),
			purchases: c.actual,
			series: 'Actual' as const,
			customers: c.customers
		},
		{
			frequency: label(c.frequency),
			purchases: c.predicted,
			series: 'Predicted' as const,
			customers: c.customers
		}
	]);
	return Plot.plot({
		width: options.width,
		height: 260,
		marginLeft: 56,
		marginTop: 24,
		fx: {
			domain: checks.map((c) => label(c.frequency)),
			label: 'Repeat purchases in the calibration period →',
			axis: 'bottom',
			padding: 0.15
		},
		x: { domain: ['Actual', 'Predicted'], axis: null, padding: 0.05 },
		y: {
			label: `↑ Purchases per customer in the ${options.holdoutDays}-day holdout`,
			grid: true,
			nice: true
		},
		color: { domain: ['Actual', 'Predicted'], range: ['steelblue', MARK], legend: true },
		marks: [
			Plot.barY(points, {
				fx: 'frequency',
				x: 'series',
				y: 'purchases',
				fill: 'series',
				title: (p: Point) =>
					`${p.series}: ${p.purchases.toFixed(2)} holdout purchases per customer, ${p.customers.toLocaleString('en-US')} customers with ${p.frequency} calibration repeats`
			}),
			Plot.ruleY([0])
		]
	});
}
