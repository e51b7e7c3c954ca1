// A heatmap of shares: one row per source, one column per measure, the percentage written in
// each cell. Used for contactability (sources × channels). Shares are 0–1 in, percent out.
import * as Plot from '@observablehq/plot';

export interface ShareCell {
	row: string;
	column: string;
	share: number;
	count: number;
	total: number;
}

export function shareHeatmap(
	cells: readonly ShareCell[],
	options: { width: number; columns: readonly string[]; label: string }
): SVGSVGElement | HTMLElement {
	const rows = [...new Set(cells.map((c) => c.row))];
	return Plot.plot({
		width: options.width,
		height: 44 + rows.length * 34,
		marginLeft: 150,
		padding: 0.06,
		x: { domain: options.columns as string[], axis: 'top', label: null, tickSize: 0 },
		y: { domain: rows, label: null, tickSize: 0 },
		color: {
			type: 'linear',
			domain: [0, 1],
			scheme: 'blues',
			legend: true,
			label: options.label,
			tickFormat: '.0%'
		},
		marks: [
			Plot.cell(cells, {
				x: 'column',
				y: 'row',
				fill: 'share',
				inset: 0.5,
				title: (d: ShareCell) =>
					`${d.row} · ${d.column}: ${(d.share * 100).toFixed(1)}% (${d.count.toLocaleString('en-US')} of ${d.total.toLocaleString('en-US')})`
			}),
			Plot.text(cells, {
				x: 'column',
				y: 'row',
				text: (d: ShareCell) => `${Math.round(d.share * 100)}%`,
				fill: (d: ShareCell) => (d.share > 0.55 ? 'white' : 'black')
			})
		]
	});
}
