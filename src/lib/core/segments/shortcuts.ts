// The conditions a marketer asks for by name, written as the general ones (so they compile,
// save and read back like any other): "has not purchased since", "bought in category X",
// "channel is store", and the plain groups and leaves a builder starts from.
import type { EventKind } from '../customer360/event-kinds';
import type { Rule, RuleGroup } from './definition';
import type {
	AttributeCondition,
	AttributeOperator,
	BehaviourCondition,
	BehaviourWindow,
	RuleValue,
	SegmentCondition
} from './rules';

export function group(combinator: 'and' | 'or', children: Rule[], negate = false): RuleGroup {
	return { kind: 'group', combinator, negate, children };
}

export function attribute(
	field: string,
	operator: AttributeOperator,
	value?: RuleValue
): AttributeCondition {
	return value === undefined
		? { kind: 'attribute', field, operator }
		: { kind: 'attribute', field, operator, value };
}

export function behaviour(
	event: EventKind,
	count: BehaviourCondition['count'],
	times: number,
	options: Partial<Pick<BehaviourCondition, 'eventType' | 'where' | 'window'>> = {}
): BehaviourCondition {
	return {
		kind: 'behaviour',
		event,
		eventType: options.eventType ?? null,
		where: options.where ?? [],
		count,
		times,
		window: options.window ?? { kind: 'ever' }
	};
}

export function inSegment(segmentId: string): SegmentCondition {
	return { kind: 'segment', segmentId };
}

/**
 * No purchase from `day` (ISO) up to the as-of date: exactly 0 orders in that window. The end
 * is the as-of date of whichever 360° build the segment is counted on, not today's.
 */
export function hasNotPurchasedSince(day: string): BehaviourCondition {
	const window: BehaviourWindow = { kind: 'since', from: day };
	return behaviour('purchase', 'exactly', 0, { window });
}

/** At least one order with a line of `category` (compared case-insensitively). */
export function boughtInCategory(category: string, window?: BehaviourWindow): BehaviourCondition {
	return behaviour('purchase', 'at-least', 1, {
		where: [{ field: 'category', operator: 'is', value: category }],
		window
	});
}

/** The customer's preferred channel (where most orders were placed) is the store. */
export function channelIsStore(): AttributeCondition {
	return attribute('preferred_channel', 'is', 'Store');
}
