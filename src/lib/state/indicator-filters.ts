// How a mark of the Indicators area is named in words: the members panel's title, the name and
// description a new segment is offered, and a mark's title inside a saved segment's rule.
// Lifecycle stages are named by their labels, which the filter carries with its stages.
import { NO_STAGE, NOT_YET_KNOWN } from '$lib/core/indicators/lifecycle';
import type { IndicatorFilter } from '$lib/core/indicators/members';
import { rfmSegmentOf } from '$lib/core/indicators/rfm-segments';
import type { LifecycleStage } from '$lib/core/indicators/settings';

/** A stage id (or the not-yet-known and no-stage markers) as its label. */
export function stageLabel(id: string, stages: readonly LifecycleStage[]): string {
	if (id === NOT_YET_KNOWN) return 'Not yet known';
	if (id === NO_STAGE) return 'No stage';
	return stages.find((s) => s.id === id)?.label ?? id;
}

/** What the filter selects, as a title: "Recency 5 · frequency 4 (Champions)". */
export function filterTitle(filter: IndicatorFilter): string {
	switch (filter.kind) {
		case 'rfm-cell':
			return `Recency ${filter.r} · frequency ${filter.f} (${rfmSegmentOf(filter.r, filter.f)})`;
		case 'rfm-segment':
			return `RFM segment: ${filter.segment}`;
		case 'lifecycle-shift':
			return `${stageLabel(filter.fromStage, filter.stages)} on ${filter.from} → ${stageLabel(filter.toStage, filter.stages)} on ${filter.to}`;
	}
}

/** The name a new segment of the filter's customers is offered. */
export function segmentName(filter: IndicatorFilter): string {
	switch (filter.kind) {
		case 'rfm-cell':
			return `RFM: ${rfmSegmentOf(filter.r, filter.f)} (R${filter.r} F${filter.f})`;
		case 'rfm-segment':
			return `RFM: ${filter.segment}`;
		case 'lifecycle-shift':
			return `Lifecycle: ${stageLabel(filter.fromStage, filter.stages)} → ${stageLabel(filter.toStage, filter.stages)}`;
	}
}

/** The description a new segment of the filter's customers is offered. */
export function segmentDescription(filter: IndicatorFilter): string {
	switch (filter.kind) {
		case 'rfm-cell':
			return `Customers with recency score ${filter.r} and frequency score ${filter.f} in the latest indicators.`;
		case 'rfm-segment':
			return `Customers of the RFM segment ${filter.segment} in the latest indicators.`;
		case 'lifecycle-shift':
			return `Customers who were ${stageLabel(filter.fromStage, filter.stages)} on ${filter.from} and ${stageLabel(filter.toStage, filter.stages)} on ${filter.to}.`;
	}
}
