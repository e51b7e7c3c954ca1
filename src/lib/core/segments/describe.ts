// A condition in words, for a saved segment's one-line summary and the builder's collapsed
// rows: "City is one of Paris, Lyon", "Purchases at least 2 times where Category is Shoes, in
// the last 90 days", "In segment VIP". Indicator marks are named by the Indicators area, which
// knows the stage labels. Values are shown as saved, even when they would not compile.
import { EVENT_KIND_LABELS, isEventKind } from '../customer360/event-kinds';
import type { SegmentDefinition } from './definition';
import { fieldLabel } from './fields';
import {
	EVENT_FIELD_LABELS,
	OPERATOR_LABELS,
	type AttributeCondition,
	type AttributeOperator,
	type BehaviourCondition,
	type BehaviourWindow,
	type EventFilter,
	type RuleValue,
	type SegmentCondition
} from './rules';

const COUNT_WORDS = { 'at-least': 'at least', 'at-most': 'at most', exactly: 'exactly' } as const;

function valueText(value: RuleValue | undefined): string {
	if (Array.isArray(value)) return value.join(', ');
	return value === null || value === undefined || value === '' ? '…' : String(value);
}

function testText(label: string, operator: AttributeOperator, value: RuleValue | undefined) {
	const pair = Array.isArray(value) ? value : [];
	switch (operator) {
		case 'is-empty':
		case 'is-not-empty':
		case 'is-true':
		case 'is-false':
			return `${label} ${OPERATOR_LABELS[operator]}`;
		case 'between':
			return `${label} between ${valueText(pair[0])} and ${valueText(pair[1])}`;
		case 'in-last-days':
			return `${label} in the last ${valueText(value)} days`;
		case 'more-than-days-ago':
			return `${label} more than ${valueText(value)} days ago`;
		default:
			return `${label} ${OPERATOR_LABELS[operator] ?? operator} ${valueText(value)}`;
	}
}

function windowText(window: BehaviourWindow): string {
	switch (window.kind) {
		case 'last-days':
			return `, in the last ${window.days} days`;
		case 'between':
			return `, between ${window.from} and ${window.to}`;
		case 'since':
			return `, since ${window.from}`;
		default:
			return '';
	}
}

const filterText = (f: EventFilter) =>
	testText(EVENT_FIELD_LABELS[f.field] ?? f.field, f.operator, f.value);

function behaviourText(b: BehaviourCondition): string {
	const what = isEventKind(b.event) ? EVENT_KIND_LABELS[b.event] : String(b.event);
	const type = b.eventType ? ` of type ${b.eventType}` : '';
	const where = b.where.length > 0 ? ` where ${b.where.map(filterText).join(' and ')}` : '';
	const times = `${COUNT_WORDS[b.count] ?? b.count} ${b.times} time${b.times === 1 ? '' : 's'}`;
	return `${what}${type} ${times}${where}${windowText(b.window)}`;
}

/** The condition in words; `segments` names the segments a membership refers to. */
export function conditionText(
	condition: AttributeCondition | BehaviourCondition | SegmentCondition,
	segments: readonly SegmentDefinition[] = []
): string {
	switch (condition.kind) {
		case 'attribute':
			return testText(fieldLabel(condition.field), condition.operator, condition.value);
		case 'behaviour':
			return behaviourText(condition);
		case 'segment': {
			const segment = segments.find((s) => s.id === condition.segmentId);
			return segment ? `In segment ${segment.name}` : 'In a deleted segment';
		}
	}
}
