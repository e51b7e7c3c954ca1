// A pair's match weight as a waterfall: the prior (how rarely two records match at all), then one
// bar per comparison from where the previous one ended, then the total from zero. Bars for a
// match go right in the "for" colour, against it left in the "against" colour; a comparison a
// record lacks the field for is a dashed tick, so every comparison keeps its row.
import * as Plot from '@observablehq/plot';

export type WaterfallKind = 'prior' | 'for' | 'against' | 'missing' | 'total';

export interface WaterfallStep {
	/** The row's label, unique within a chart: "Prior", "First name: exact", "Match weight". */
	label: string;
	start: number;
	end: number;
	kind: WaterfallKind;
	/** The text written after the bar: "+6.56", "= +42.59 · 99.98%"; empty for none. */
	note: string;
}

type BarKind = Exclude<WaterfallKind, 'missing'>;

const FILL: Record<BarKind, string> = {
	prior: 'var(--muted)',
	for: 'var(--ok)',
	against: 'var(--danger)',
	total: 'var(--accent)'
};

export function matchWaterfall(
	steps: readonly WaterfallStep[],
	options: { width: number; label: string }
): SVGSVGElement | HTMLElement {
	const bars = (kind: BarKind) =>
		Plot.barX(
			steps.filter((s) => s.kind === kind),
			{
				x1: 'start',
				x2: 'end',
				y: 'label',
				fill: FILL[kind],
				insetTop: 3,
				insetBottom: 3,
				title: (d: WaterfallStep) => `${d.label}: ${d.note}`
			}
		);
	return Plot.plot({
		width: options.width,
		height: 46 + steps.length * 24,
		marginLeft: 290,
		// Room for the note after the longest bar ("= +42.59 · > 99.99%").
		marginRight: 130,
		x: { label: options.label, grid: true, nice: true },
		y: { domain: steps.map((s) => s.label), label: null, tickSize: 0 },
		marks: [
			Plot.ruleX([0], { stroke: 'currentColor', strokeOpacity: 0.5 }),
			bars('prior'),
			bars('for'),
			bars('against'),
			bars('total'),
			Plot.tickX(
				steps.filter((s) => s.kind === 'missing'),
				{ x: 'start', y: 'label', stroke: 'var(--muted)', strokeDasharray: '3,2' }
			),
			Plot.text(steps, {
				x: (d: WaterfallStep) => Math.max(d.start, d.end),
				y: 'label',
				text: 'note',
				textAnchor: 'start',
				dx: 5,
				fill: 'currentColor'
			})
		]
	});
}
