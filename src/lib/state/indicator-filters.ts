// How a mark of the Indicators area is named in words: the members panel's title, the name and
// description a new segment is offered, and the one-line summary of a saved segment's rule.
// Lifecycle stages are named by their labels, which the filter carries with its stages.
import { conditionText } from '$lib/core/segments/describe';
import { NO_STAGE, NOT_YET_KNOWN } from '$lib/core/indicators/lifecycle';
import type { IndicatorFilter } from '$lib/core/indicators/members';
import { rfmSegmentOf } from '$lib/core/indicators/rfm-segments';
import type { LifecycleStage } from '$lib/core/indicators/settings';
import type { Rule } from '$lib/core/segments/definition';

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

/** A saved segment's rule on one line: "RFM segment: Champions and not (…)". */
export function ruleSummary(rule: Rule): string {
	if (rule.kind === 'indicator') return filterTitle(rule.filter);
	if (rule.kind !== 'group') return conditionText(rule);
	const parts = rule.children.map((child) =>
		child.kind === 'group' && child.children.length > 1 && !child.negate
			? `(${ruleSummary(child)})`
			: ruleSummary(child)
	);
	const text =
		parts.length > 0 ? parts.join(rule.combinator === 'and' ? ' and ' : ' or ') : 'everyone';
	return rule.negate ? `not (${text})` : text;
}
