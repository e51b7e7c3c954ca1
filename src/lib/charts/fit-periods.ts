// The purchase model's tracking check: the cohort's repeat purchases per period, as they
// happened and as the model fitted on the calibration period expects them, with the end of
// the calibration marked by a rule — to its right the model never saw the data.
import * as Plot from '@observablehq/plot';
import type { PeriodCheck } from '$lib/core/indicators/run-state';

interface Point {
	date: Date;
	purchases: number;
	series: 'Actual' | 'Predicted';
}

/** Visible on light and dark backgrounds alike. */
const MARK = '#e8590c';

const utc = (day: string) => new Date(`${day}T00:00:00Z`);

export function fitPeriods(
	periods: readonly PeriodCheck[],
	options: { width: number; calibrationEnd: string; periodDays: number }
): SVGSVGElement | HTMLElement {
	const points: Point[] = periods.flatMap((p) => [
		{ date: utc(p.date), purchases: p.actual, series: 'Actual' as const },
		{ date: utc(p.date), purchases: p.predicted, series: 'Predicted' as const }
	]);
	const end = utc(options.calibrationEnd);
	return Plot.plot({
		width: options.width,
		height: 280,
		marginLeft: 56,
		marginTop: 28,
		x: { type: 'utc', label: 'Period ending →' },
		y: {
			label: `↑ Repeat purchases per ${options.periodDays}-day period`,
			grid: true,
			nice: true,
			zero: true
		},
		color: { domain: ['Actual', 'Predicted'], range: ['steelblue', MARK], legend: true },
		marks: [
			Plot.lineY(
				points.filter((p) => p.series === 'Actual'),
				{ x: 'date', y: 'purchases', stroke: 'series' }
			),
			Plot.lineY(
				points.filter((p) => p.series === 'Predicted'),
				{ x: 'date', y: 'purchases', stroke: 'series', strokeDasharray: '5,3' }
			),
			Plot.dot(points, {
				x: 'date',
				y: 'purchases',
				fill: 'series',
				r: 2,
				title: (p: Point) =>
					`${p.series}: ${p.purchases.toFixed(1)} repeat purchases in the period ending ${p.date.toISOString().slice(0, 10)}`
			}),
			Plot.ruleX([end], { stroke: 'currentColor', strokeDasharray: '2,3' }),
			Plot.text([end], {
				x: (d: Date) => d,
				frameAnchor: 'top',
				dy: -16,
				text: () => 'calibration | holdout',
				fill: 'currentColor',
				textAnchor: 'middle'
			})
		]
	});
}
