// The priority waterfall of exclusive segments as one bar a step: each segment's assigned
// customers start where the segments above it ended, so the bars tile every customer of the
// 360° view once, the rest (in none of the segments) closing the line. Each bar is labelled
// with its customers, their share of all, and how many the segment matched on its own (the
// difference went to the segments above it).
import * as Plot from '@observablehq/plot';
import { countLabel } from './segment-upset';

export interface WaterfallBar {
	name: string;
	colour: string;
	matched: number;
	assigned: number;
}

interface Row {
	label: string;
	colour: string;
	start: number;
	end: number;
	text: string;
	title: string;
}

const percent = (n: number, of: number) => (of > 0 ? `${((n / of) * 100).toFixed(1)}%` : '—');

export function segmentWaterfall(
	steps: readonly WaterfallBar[],
	options: { width: number; customers: number; rest: number }
): SVGSVGElement | HTMLElement {
	const { customers, rest } = options;
	let start = 0;
	const rows: Row[] = steps.map((step, i) => {
		const row = {
			label: `${i + 1}. ${step.name.length > 28 ? `${step.name.slice(0, 27)}…` : step.name}`,
			colour: step.colour,
			start,
			end: start + step.assigned,
			text: `${step.assigned.toLocaleString('en-US')} · ${percent(step.assigned, customers)} (${step.matched.toLocaleString('en-US')} matched)`,
			title: `${step.name}: ${step.assigned.toLocaleString('en-US')} customers assigned of ${step.matched.toLocaleString('en-US')} matched`
		};
		start += step.assigned;
		return row;
	});
	rows.push({
		label: 'Rest (in none)',
		colour: 'var(--muted)',
		start,
		end: start + rest,
		text: `${rest.toLocaleString('en-US')} · ${percent(rest, customers)}`,
		title: `${rest.toLocaleString('en-US')} customers in none of the segments`
	});
	return Plot.plot({
		width: options.width,
		height: 48 + rows.length * 30,
		marginLeft: 200,
		marginRight: 190,
		x: {
			domain: [0, Math.max(customers, 1)],
			label: 'Customers (cumulative, in priority order)',
			grid: true,
			tickFormat: countLabel
		},
		y: { domain: rows.map((r) => r.label), label: null, tickSize: 0 },
		marks: [
			Plot.barX(rows, {
				x1: 'start',
				x2: 'end',
				y: 'label',
				fill: (r: Row) => r.colour,
				insetTop: 4,
				insetBottom: 4,
				title: 'title'
			}),
			Plot.text(rows, {
				x: 'end',
				y: 'label',
				text: 'text',
				textAnchor: 'start',
				dx: 6,
				fontSize: 11,
				fill: 'currentColor'
			}),
			Plot.ruleX([0, customers], { stroke: 'currentColor', strokeOpacity: 0.5 })
		]
	});
}
