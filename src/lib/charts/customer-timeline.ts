// A customer's events across channels: one lane per channel (online and store purchases, web
// visits, service contacts, e-mails), a dot per event on a shared time axis, purchases sized by
// amount. Hovering a dot says what it was. Events without a date cannot be placed and are left
// out (the page lists them).
import * as Plot from '@observablehq/plot';

export interface TimelineEvent {
	lane: string;
	at: number;
	amount: number | null;
	label: string;
}

export function customerTimeline(
	events: readonly TimelineEvent[],
	options: { width: number; lanes: readonly string[] }
): SVGSVGElement | HTMLElement {
	const lanes = options.lanes.filter((lane) => events.some((e) => e.lane === lane));
	return Plot.plot({
		width: options.width,
		height: 50 + 44 * Math.max(1, lanes.length),
		marginLeft: 80,
		x: { type: 'utc', label: null, grid: true },
		y: { domain: lanes, label: null },
		r: { range: [3, 12] },
		color: { domain: lanes, scheme: 'tableau10' },
		marks: [
			Plot.ruleY(lanes, { stroke: 'currentColor', strokeOpacity: 0.15 }),
			Plot.dot(events, {
				x: (e: TimelineEvent) => new Date(e.at),
				y: 'lane',
				r: (e: TimelineEvent) => (e.amount !== null && e.amount > 0 ? e.amount : 1),
				fill: 'lane',
				fillOpacity: 0.7,
				stroke: 'lane',
				title: 'label',
				tip: true
			})
		]
	});
}
