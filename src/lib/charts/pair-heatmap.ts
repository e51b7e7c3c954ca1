// Identifiers shared between two sources, as a matrix of sources × sources (both halves drawn,
// so it reads from either side), the count written in each cell.
import * as Plot from '@observablehq/plot';

export interface PairCell {
	a: string;
	b: string;
	shared: number;
}

export function pairHeatmap(
	pairs: readonly PairCell[],
	options: { width: number; label: string }
): SVGSVGElement | HTMLElement {
	const cells = pairs.flatMap((p) => [p, { a: p.b, b: p.a, shared: p.shared }]);
	const sources = [...new Set(cells.map((c) => c.a))].sort();
	return Plot.plot({
		width: options.width,
		height: 60 + sources.length * 34,
		marginLeft: 150,
		marginTop: 90,
		padding: 0.06,
		x: { domain: sources, axis: 'top', tickRotate: -30, label: null, tickSize: 0 },
		y: { domain: sources, label: null, tickSize: 0 },
		color: { scheme: 'greens', legend: true, label: options.label },
		marks: [
			Plot.cell(cells, { x: 'b', y: 'a', fill: 'shared', inset: 0.5 }),
			Plot.text(cells, {
				x: 'b',
				y: 'a',
				text: (d: PairCell) => d.shared.toLocaleString('en-US'),
				fill: 'black'
			})
		]
	});
}
