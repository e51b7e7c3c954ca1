// A saved segment: a name, a description, a colour and the rule that selects its customers.
// Plain data (kept in IndexedDB, exported as JSON, compiled to SQL). The rule is a tree of
// groups joined by AND / OR (each can be negated) whose leaves are conditions (see rules.ts
// for the conditions on attributes, behaviour and other segments, and their meaning).
import type { IndicatorFilter } from '../indicators/members';
import type { AttributeCondition, BehaviourCondition, SegmentCondition } from './rules';

export interface RuleGroup {
	kind: 'group';
	combinator: 'and' | 'or';
	negate: boolean;
	children: Rule[];
}

/** Customers an indicator mark selects: an RFM cell or segment, or lifecycle movers. */
export interface IndicatorCondition {
	kind: 'indicator';
	filter: IndicatorFilter;
}

export type Rule =
	RuleGroup | IndicatorCondition | AttributeCondition | BehaviourCondition | SegmentCondition;

export interface SegmentDefinition {
	id: string;
	name: string;
	description: string;
	/** A CSS colour, e.g. '#2f6fde'. */
	colour: string;
	createdAt: number;
	updatedAt: number;
	rule: RuleGroup;
}

/** A new segment of the customers one indicator mark selects. */
export function segmentOfFilter(
	id: string,
	name: string,
	description: string,
	filter: IndicatorFilter,
	now: number
): SegmentDefinition {
	return {
		id,
		name,
		description,
		colour: '#2f6fde',
		createdAt: now,
		updatedAt: now,
		rule: {
			kind: 'group',
			combinator: 'and',
			negate: false,
			children: [{ kind: 'indicator', filter }]
		}
	};
}
