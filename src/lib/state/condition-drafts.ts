// The conditions the segment builder starts from and how one changes as its pickers change: a new
// attribute, behaviour or membership condition that already counts ("Orders ≥ 1", "Purchases at
// least once"), and the value reshaped when the operator or field changes (one value, a pair for
// "between", a list for "is one of", a number of days, none for "is empty"). The tricky point:
// a value is kept across a change whenever it still makes sense, so switching "is" to "is one of"
// keeps "Paris" as the list's first chip instead of wiping what the marketer typed.
import type { EventKindInfo } from '$lib/core/segments/event-catalogue';
import type { SegmentDefinition } from '$lib/core/segments/definition';
import type { Field } from '$lib/core/segments/fields';
import { behaviour, inSegment } from '$lib/core/segments/shortcuts';
import {
	OPERATORS_OF_TYPE,
	type AttributeCondition,
	type AttributeOperator,
	type BehaviourCondition,
	type BehaviourWindow,
	type FieldType,
	type RuleValue,
	type SegmentCondition
} from '$lib/core/segments/rules';

/** What an operator compares with. */
export type ValueShape = 'none' | 'single' | 'pair' | 'list' | 'days';

const NO_VALUE: readonly AttributeOperator[] = ['is-empty', 'is-not-empty', 'is-true', 'is-false'];

export function valueShape(operator: AttributeOperator): ValueShape {
	if (NO_VALUE.includes(operator)) return 'none';
	if (operator === 'between') return 'pair';
	if (operator === 'in-list') return 'list';
	if (operator === 'in-last-days' || operator === 'more-than-days-ago') return 'days';
	return 'single';
}

/** The operator a field of this type starts with. */
export const FIRST_OPERATOR: Readonly<Record<FieldType, AttributeOperator>> = {
	text: 'is',
	number: '>=',
	date: 'in-last-days',
	boolean: 'is-true'
};

const isBlank = (v: unknown) => v === undefined || v === null || v === '';

/** The first value held, whatever the shape it was held in. */
function firstOf(value: RuleValue | undefined): string | number | null {
	if (Array.isArray(value)) return (value.find((v) => !isBlank(v)) as string | number) ?? null;
	return isBlank(value) ? null : (value as string | number);
}

/** `value` as `shape` holds it, keeping what can be kept. */
export function reshapeValue(
	value: RuleValue | undefined,
	shape: ValueShape
): RuleValue | undefined {
	const first = firstOf(value);
	switch (shape) {
		case 'none':
			return undefined;
		case 'pair':
			return Array.isArray(value) && value.length === 2 ? value : [first ?? '', ''];
		case 'list':
			return Array.isArray(value)
				? value.filter((v) => !isBlank(v))
				: first === null
					? []
					: [first];
		case 'days':
			return typeof first === 'number' && Number.isInteger(first) && first >= 0 ? first : 30;
		case 'single':
			return first ?? '';
	}
}

/** A test (a condition or an event filter) with another operator, its value reshaped. */
export function withOperator<T extends { operator: AttributeOperator; value?: RuleValue }>(
	test: T,
	operator: T['operator']
): T {
	const next: T = { ...test, operator, value: reshapeValue(test.value, valueShape(operator)) };
	if (next.value === undefined) delete next.value;
	return next;
}

/** The condition on another field: the operator kept when the field's type allows it. */
export function withField(condition: AttributeCondition, field: Field): AttributeCondition {
	const allowed = OPERATORS_OF_TYPE[field.type];
	const operator = allowed.includes(condition.operator)
		? condition.operator
		: FIRST_OPERATOR[field.type];
	const kept = allowed.includes(condition.operator) ? condition.value : undefined;
	return withOperator({ kind: 'attribute', field: field.name, operator, value: kept }, operator);
}

/** A new attribute condition: "Orders ≥ 1" when there are orders, else the first field. */
export function newAttribute(fields: readonly Field[]): AttributeCondition {
	const field = fields.find((f) => f.name === 'orders') ?? fields[0];
	if (!field) return { kind: 'attribute', field: '', operator: 'is', value: '' };
	const start: AttributeCondition = { kind: 'attribute', field: field.name, operator: 'is' };
	const condition = withField(start, field);
	return field.type === 'number' ? { ...condition, value: 1 } : condition;
}

/** A new behaviour condition: purchases (or the first kind of event there is), at least once. */
export function newBehaviour(events: readonly EventKindInfo[]): BehaviourCondition {
	const kind = events.find((e) => e.kind === 'purchase')?.kind ?? events[0]?.kind ?? 'purchase';
	return behaviour(kind, 'at-least', 1);
}

/** A new membership condition: the first saved segment other than the one edited. */
export function newMembership(
	segments: readonly SegmentDefinition[],
	editedId: string | null
): SegmentCondition {
	return inSegment(segments.find((s) => s.id !== editedId)?.id ?? '');
}

/** The day `days` days before `day` ('YYYY-MM-DD'). */
export function daysBefore(day: string, days: number): string {
	const date = new Date(`${day}T00:00:00Z`);
	if (Number.isNaN(date.getTime())) return day;
	date.setUTCDate(date.getUTCDate() - days);
	return date.toISOString().slice(0, 10);
}

/** A window of `kind`, from the current one's numbers or days when it has them. */
export function windowOfKind(
	kind: BehaviourWindow['kind'],
	current: BehaviourWindow,
	asOf: string | null
): BehaviourWindow {
	const end = asOf ?? new Date().toISOString().slice(0, 10);
	const from = 'from' in current ? current.from : daysBefore(end, 90);
	switch (kind) {
		case 'ever':
			return { kind };
		case 'last-days':
			return { kind, days: current.kind === 'last-days' ? current.days : 90 };
		case 'between':
			return { kind, from, to: current.kind === 'between' ? current.to : end };
		case 'since':
			return { kind, from };
	}
}

/** What a box typed holds: a number when the field takes numbers and it reads as one. */
export function valueOfInput(text: string, numeric: boolean): string | number {
	const trimmed = text.trim();
	if (!numeric || trimmed === '') return numeric ? trimmed : text;
	const n = Number(trimmed);
	return Number.isFinite(n) ? n : trimmed;
}
