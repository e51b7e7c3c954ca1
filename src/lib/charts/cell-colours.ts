// Colours of the cells of a heatmap drawn as an HTML grid of buttons (the RFM grid, the
// lifecycle shift matrix): Plot's own colour scale, so the grid, its legend and the other
// charts agree. Text turns white on the darker half of the scheme to stay readable.
import * as Plot from '@observablehq/plot';
import type { ColorScheme } from '@observablehq/plot';

export interface CellColour {
	background: string;
	text: string;
}

/** A colour for each value from 0 to `max` (a zero cell stays uncoloured). */
export function cellColours(
	max: number,
	scheme: ColorScheme = 'blues'
): (value: number) => CellColour | null {
	const top = Math.max(max, 1e-9);
	const scale = Plot.scale({ color: { type: 'linear', domain: [0, top], scheme } });
	return (value) =>
		value > 0
			? {
					background: String(scale.apply(value)),
					text: value / top > 0.55 ? 'white' : 'black'
				}
			: null;
}

/** The legend of `cellColours(max, scheme)`, labelled with what the colour counts. */
export function cellLegend(
	max: number,
	options: { label: string; scheme?: ColorScheme; width: number }
): SVGSVGElement | HTMLElement {
	return Plot.legend({
		color: {
			type: 'linear',
			domain: [0, Math.max(max, 1e-9)],
			scheme: options.scheme ?? 'blues',
			label: options.label
		},
		width: Math.min(options.width, 320),
		marginLeft: 12,
		marginRight: 12,
		tickFormat: ',~s'
	}) as SVGSVGElement | HTMLElement;
}
