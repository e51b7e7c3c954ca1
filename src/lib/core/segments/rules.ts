// The leaves of a segment's rule tree, beside definition.ts's groups and indicator marks: a
// condition on a customer's attribute (golden record, KPI or indicator), on what the customer
// did (events counted over a window), or membership of another saved segment. Plain data: it is
// saved in IndexedDB and exported as JSON, so every value is checked again when compiled
// (validate.ts) rather than trusted. The tricky point is the operators' meaning, which the
// compiler (compile.ts) and the reference evaluator (reference.ts) share:
// - a condition is true or false, never unknown: a customer without a value fails every test
//   but "is empty", and the negative operators ("is not", "≠", "is not empty") are exactly the
//   negation of their positive twins, so a customer with no city "is not Paris";
// - text is compared case-insensitively (lower case on both sides), accents kept; "is empty"
//   is no value or '';
// - days: timestamps are compared by their day; "in the last N days" is from N days before the
//   as-of date up to it (as "days since last purchase ≤ N"), "more than N days ago" is before
//   that, so the two never overlap and together hold every day up to the as-of date.
import type { EventKind } from '../customer360/event-kinds';
import type { Rule, RuleGroup } from './definition';

export type { Rule, RuleGroup };

/** How a field's values are compared. */
export type FieldType = 'text' | 'number' | 'date' | 'boolean';

export const TEXT_OPERATORS = [
	'is',
	'is-not',
	'contains',
	'starts-with',
	'in-list',
	'is-empty',
	'is-not-empty'
] as const;
export const NUMBER_OPERATORS = [
	'=',
	'!=',
	'<',
	'<=',
	'>',
	'>=',
	'between',
	'is-empty',
	'is-not-empty'
] as const;
export const DATE_OPERATORS = [
	'before',
	'after',
	'on',
	'between',
	'in-last-days',
	'more-than-days-ago',
	'is-empty',
	'is-not-empty'
] as const;
export const BOOLEAN_OPERATORS = ['is-true', 'is-false', 'is-empty', 'is-not-empty'] as const;

export type TextOperator = (typeof TEXT_OPERATORS)[number];
export type NumberOperator = (typeof NUMBER_OPERATORS)[number];
export type DateOperator = (typeof DATE_OPERATORS)[number];
export type BooleanOperator = (typeof BOOLEAN_OPERATORS)[number];
export type AttributeOperator = TextOperator | NumberOperator | DateOperator | BooleanOperator;

export const OPERATORS_OF_TYPE: Readonly<Record<FieldType, readonly AttributeOperator[]>> = {
	text: TEXT_OPERATORS,
	number: NUMBER_OPERATORS,
	date: DATE_OPERATORS,
	boolean: BOOLEAN_OPERATORS
};

/** Each operator as a marketer reads it. */
export const OPERATOR_LABELS: Readonly<Record<AttributeOperator, string>> = {
	is: 'is',
	'is-not': 'is not',
	contains: 'contains',
	'starts-with': 'starts with',
	'in-list': 'is one of',
	'is-empty': 'is empty',
	'is-not-empty': 'is not empty',
	'=': '=',
	'!=': '≠',
	'<': '<',
	'<=': '≤',
	'>': '>',
	'>=': '≥',
	between: 'between',
	before: 'before',
	after: 'after',
	on: 'on',
	'in-last-days': 'in the last … days',
	'more-than-days-ago': 'more than … days ago',
	'is-true': 'is yes',
	'is-false': 'is no'
};

/**
 * What a condition compares with: text, a number (or its text, as typed in a box), a day as
 * 'YYYY-MM-DD', a number of days, a list ("is one of") or a pair ("between", low first). The
 * operators "is empty", "is not empty", "is yes" and "is no" take none.
 */
export type RuleValue = string | number | null | readonly (string | number)[];

/** A condition on a column of cc_customer_360 or cc_indicator (see fields.ts). */
export interface AttributeCondition {
	kind: 'attribute';
	/** The column's name, e.g. 'city', 'revenue', 'clv'. */
	field: string;
	operator: AttributeOperator;
	value?: RuleValue;
}

/** The event fields a behaviour condition may filter on, and how each is compared. */
export const EVENT_FIELDS = {
	category: 'text',
	product: 'text',
	lane: 'text',
	channel: 'text',
	amount: 'number'
} as const satisfies Record<string, FieldType>;

export type EventField = keyof typeof EVENT_FIELDS;

export const EVENT_FIELD_LABELS: Readonly<Record<EventField, string>> = {
	category: 'Category',
	product: 'Product',
	lane: 'Lane (Online, Store, Web…)',
	channel: 'Channel',
	amount: 'Amount'
};

/** "where category is Shoes": one test on each counted event (an order line for purchases). */
export interface EventFilter {
	field: EventField;
	operator: TextOperator | NumberOperator;
	value?: RuleValue;
}

/** How the count of events compares with `times`. */
export type BehaviourCount = 'at-least' | 'at-most' | 'exactly';

/**
 * Which events count, by their day: all of them (undated ones too), the last `days` days up to
 * the as-of date (as "in the last N days"), two days inclusive, or a day up to the as-of date.
 */
export type BehaviourWindow =
	| { kind: 'ever' }
	| { kind: 'last-days'; days: number }
	| { kind: 'between'; from: string; to: string }
	| { kind: 'since'; from: string };

/**
 * "did EVENT [where …] at least / at most / exactly N times [in the window]". Purchases are
 * counted as orders (distinct order keys of sale lines: a cancelled or refunded order is no
 * purchase, as in the 360° KPIs), a purchase counting when one of its lines passes the filters;
 * any other kind is counted event by event. Only linked events up to the as-of date count.
 */
export interface BehaviourCondition {
	kind: 'behaviour';
	event: EventKind;
	/** Only events of this type (compared case-insensitively), e.g. 'click'; null: any. */
	eventType: string | null;
	/** Every filter must hold; [] for none. */
	where: EventFilter[];
	count: BehaviourCount;
	times: number;
	window: BehaviourWindow;
}

/** The customers of another saved segment (its rule as it is now, not a stored list). */
export interface SegmentCondition {
	kind: 'segment';
	segmentId: string;
}

/** A leaf of the rule tree that is not a group. */
export type Condition = Exclude<Rule, RuleGroup>;
