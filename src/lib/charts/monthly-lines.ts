// Records per month for each source and date column (freshness): one line per series, months
// on the x axis, a count on the y axis.
import * as Plot from '@observablehq/plot';

export interface MonthPoint {
	series: string;
	/** 'YYYY-MM'. */
	month: string;
	count: number;
}

export function monthlyLines(
	points: readonly MonthPoint[],
	options: { width: number; label: string }
): SVGSVGElement | HTMLElement {
	const data = points.map((p) => ({ ...p, date: new Date(`${p.month}-01T00:00:00Z`) }));
	return Plot.plot({
		width: options.width,
		height: 260,
		marginLeft: 56,
		x: { type: 'utc', label: null },
		y: { grid: true, label: options.label },
		color: { legend: true },
		marks: [
			Plot.lineY(data, { x: 'date', y: 'count', stroke: 'series', curve: 'step-after' }),
			Plot.ruleY([0])
		]
	});
}
