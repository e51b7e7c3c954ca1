// The threshold explorer: one measure of the clustering (customers, or the largest customer's
// records) at each match threshold, as a line over thresholds from 0 to 1, the current
// threshold marked by a vertical rule.
import * as Plot from '@observablehq/plot';

export interface ThresholdValue {
	threshold: number;
	value: number;
}

/** Visible on light and dark backgrounds alike. */
const MARK = '#e8590c';

export function thresholdLine(
	points: readonly ThresholdValue[],
	options: { width: number; label: string; threshold: number; zero?: boolean }
): SVGSVGElement | HTMLElement {
	// A flat line still needs a readable axis: it then starts at zero.
	const flat = new Set(points.map((p) => p.value)).size <= 1;
	return Plot.plot({
		width: options.width,
		height: 240,
		marginLeft: 60,
		marginTop: 24,
		x: { domain: [0, 1], label: 'Match threshold', grid: true },
		y: {
			label: options.label,
			grid: true,
			nice: true,
			zero: options.zero === true || flat,
			tickFormat: ',~r'
		},
		marks: [
			Plot.lineY(points, { x: 'threshold', y: 'value' }),
			Plot.dot(points, {
				x: 'threshold',
				y: 'value',
				r: 2.5,
				fill: 'currentColor',
				title: (d: ThresholdValue) =>
					`At ${d.threshold}: ${d.value.toLocaleString('en-US')} ${options.label.toLowerCase()}`
			}),
			Plot.ruleX([options.threshold], { stroke: MARK, strokeWidth: 2 }),
			Plot.text([options.threshold], {
				x: (t: number) => t,
				frameAnchor: 'top',
				dy: -14,
				text: (t: number) => `threshold ${t}`,
				fill: MARK,
				textAnchor: 'middle'
			})
		]
	});
}
