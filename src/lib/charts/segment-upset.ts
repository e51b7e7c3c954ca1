// An UpSet plot of how chosen segments overlap: one bar per exact intersection (customers in
// exactly these segments and no other chosen one), largest first; below each bar a column of
// dots saying which segments it combines; on the left each segment's own size. Three Plot
// figures in a grid, since Plot draws one x scale per figure. The tricky point is alignment:
// the bars and the dot matrix share the same band domain, width and margins, and the matrix's
// rows (a point scale with half a step of padding) fall on the centres of the size bars' bands
// (no padding), so a dot's row meets its segment's bar.
import * as Plot from '@observablehq/plot';

export interface UpsetSegment {
	name: string;
	colour: string;
	customers: number;
}

export interface UpsetIntersection {
	/** Indices into the segments. */
	members: number[];
	customers: number;
}

/** The most bars drawn; the rest are summed in the caption by the caller. */
export const UPSET_BARS = 20;

const ROW = 26;
const NAMES = 160;
const TOP = 6;
const BOTTOM = 34;

/** A count as a label or tick: 1,234 up to 9,999, then 12K, 1.2M. */
export const countLabel = (n: number) =>
	n < 10_000
		? n.toLocaleString('en-US')
		: n.toLocaleString('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const short = (name: string) => (name.length > 22 ? `${name.slice(0, 21)}…` : name);

export function upsetPlot(
	segments: readonly UpsetSegment[],
	intersections: readonly UpsetIntersection[],
	options: { width: number; customers: number }
): HTMLElement {
	const bars = intersections.slice(0, UPSET_BARS).map((d, i) => ({
		...d,
		key: `i${i}`,
		label: d.members.map((m) => segments[m]?.name ?? '?').join(' ∩ ')
	}));
	const keys = bars.map((b) => b.key);
	// Rows are keyed by position: two segments may share a name.
	const rows = segments.map((_, i) => `s${i}`);
	const rowName = (row: string) => short(segments[Number(row.slice(1))]?.name ?? '');
	const side = Math.max(120, Math.min(200, Math.round(options.width * 0.2)));
	const main = Math.max(260, options.width - side);
	const height = TOP + segments.length * ROW + BOTTOM;
	const x = { domain: keys, axis: null, padding: 0.25 } as const;
	const share = (n: number) =>
		options.customers > 0 ? ` (${((n / options.customers) * 100).toFixed(1)}% of all)` : '';

	const top = Plot.plot({
		width: main,
		height: 200,
		marginLeft: NAMES,
		marginRight: 8,
		marginTop: 26,
		marginBottom: 4,
		x,
		y: { label: 'Customers in exactly these segments', grid: true, tickFormat: countLabel },
		marks: [
			Plot.barY(bars, {
				x: 'key',
				y: 'customers',
				fill: 'var(--accent)',
				title: (d: (typeof bars)[number]) =>
					`${d.label} only: ${d.customers.toLocaleString('en-US')} customers${share(d.customers)}`
			}),
			Plot.text(bars, {
				x: 'key',
				y: 'customers',
				text: (d: (typeof bars)[number]) => countLabel(d.customers),
				dy: -6,
				fontSize: 10,
				fill: 'currentColor'
			}),
			Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.4 })
		]
	});

	const cells = bars.flatMap((bar) =>
		segments.map((s, i) => ({ key: bar.key, row: rows[i]!, on: bar.members.includes(i), s }))
	);
	const lines = bars
		.filter((b) => b.members.length > 1)
		.map((b) => ({
			key: b.key,
			from: rows[Math.min(...b.members)]!,
			to: rows[Math.max(...b.members)]!
		}));
	const matrix = Plot.plot({
		width: main,
		height,
		marginLeft: NAMES,
		marginRight: 8,
		marginTop: TOP,
		marginBottom: BOTTOM,
		x,
		y: { type: 'point', domain: rows, padding: 0.5, label: null, tickSize: 0, tickFormat: rowName },
		marks: [
			Plot.dot(
				cells.filter((c) => !c.on),
				{ x: 'key', y: 'row', r: 4.5, fill: 'var(--border)' }
			),
			Plot.ruleX(lines, { x: 'key', y1: 'from', y2: 'to', stroke: 'currentColor', strokeWidth: 2 }),
			Plot.dot(
				cells.filter((c) => c.on),
				{ x: 'key', y: 'row', r: 5, fill: (c) => c.s.colour, stroke: 'currentColor' }
			)
		]
	});

	const sizes = Plot.plot({
		width: side,
		height,
		marginLeft: 8,
		marginRight: 4,
		marginTop: TOP,
		marginBottom: BOTTOM,
		x: {
			domain: [0, Math.max(1, ...segments.map((d) => d.customers)) * 1.4],
			reverse: true,
			label: 'Customers',
			grid: true,
			ticks: 2,
			tickFormat: countLabel
		},
		y: { domain: rows, axis: null, padding: 0 },
		marks: [
			Plot.barX(segments, {
				x: 'customers',
				y: (_: UpsetSegment, i: number) => rows[i],
				fill: 'colour',
				insetTop: 5,
				insetBottom: 5,
				title: (d: UpsetSegment) =>
					`${d.name}: ${d.customers.toLocaleString('en-US')} customers${share(d.customers)}`
			}),
			Plot.text(segments, {
				x: 'customers',
				y: (_: UpsetSegment, i: number) => rows[i],
				text: (d: UpsetSegment) => countLabel(d.customers),
				textAnchor: 'end',
				dx: -4,
				fontSize: 10,
				fill: 'currentColor'
			})
		]
	});

	const grid = document.createElement('div');
	grid.style.display = 'grid';
	grid.style.gridTemplateColumns = `${side}px ${main}px`;
	grid.append(document.createElement('div'), top, sizes, matrix);
	return grid;
}
