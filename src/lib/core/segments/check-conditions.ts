// The checks of one condition that is not a group: its field or event fields known, its
// operator and values usable, the tables it needs computed. Each returns the checked condition
// or the message a marketer reads; validate.ts walks the tree and places the messages.
import { EVENT_KINDS, type EventKind } from '../customer360/event-kinds';
import type { IndicatorFilter } from '../indicators/members';
import type { CheckedBehaviour, CheckedRule, RuleContext } from './checked';
import { INDICATOR_LABELS } from './fields';
import type { BehaviourCount, BehaviourWindow, EventField } from './rules';
import { EVENT_FIELD_LABELS, EVENT_FIELDS } from './rules';
import { checkTest, daysOf, isDay, isRelative, isSafeText } from './value-tests';

const COUNTS: readonly unknown[] = ['at-least', 'at-most', 'exactly'];
const MAX_TIMES = 1_000_000_000;

/** Whether plain data holds only text without NUL and finite numbers (it is written to SQL). */
function isSafeData(value: unknown): boolean {
	if (typeof value === 'string') return isSafeText(value);
	if (typeof value === 'number') return Number.isFinite(value);
	if (value === null || typeof value === 'boolean') return true;
	if (Array.isArray(value)) return value.every(isSafeData);
	if (typeof value === 'object') return Object.values(value).every(isSafeData);
	return false;
}

const needsAsOf = 'Build the 360° view first: this condition counts from its as-of date';

/** An attribute condition checked against the catalogue, or why it cannot be used. */
export function checkAttribute(
	rule: Record<string, unknown>,
	context: RuleContext
): CheckedRule | string {
	const name = String(rule.field ?? '');
	const field = context.fields.fields.find((f) => f.name === name);
	if (!field) {
		if (Object.hasOwn(INDICATOR_LABELS, name) && !context.fields.indicators) {
			return `Compute the indicators first: '${INDICATOR_LABELS[name]}' is an indicator`;
		}
		return `Unknown field '${name}'`;
	}
	const check = checkTest(field.label, field.type, rule.operator, rule.value);
	if (!check.ok) return check.message;
	if (isRelative(check.checked.test) && !context.asOf) return needsAsOf;
	return { kind: 'attribute' as const, field, test: check.checked };
}

function checkWindow(value: unknown): BehaviourWindow | string {
	const window = (value ?? { kind: 'ever' }) as Record<string, unknown>;
	switch (window.kind) {
		case 'ever':
			return { kind: 'ever' };
		case 'last-days': {
			const days = daysOf(window.days);
			return days === null
				? 'In the last … days needs a whole number of days, 0 or more'
				: { kind: 'last-days', days };
		}
		case 'between':
			return isDay(window.from) && isDay(window.to) && window.from <= window.to
				? { kind: 'between', from: window.from, to: window.to }
				: 'Between needs two dates, the first before the second';
		case 'since':
			return isDay(window.from)
				? { kind: 'since', from: window.from }
				: 'Since needs a date (YYYY-MM-DD)';
		default:
			return 'Choose when the events happened';
	}
}

/** A behaviour condition checked, or why it cannot be used. */
export function checkBehaviour(
	rule: Record<string, unknown>,
	context: RuleContext
): CheckedBehaviour | string {
	const event = rule.event as EventKind;
	if (!EVENT_KINDS.includes(event)) return 'Choose the kind of event';
	if (!context.asOf) return needsAsOf;
	const eventType = rule.eventType ?? null;
	if (eventType !== null && (!isSafeText(eventType) || eventType === '')) {
		return 'The event type needs a text value';
	}
	if (!COUNTS.includes(rule.count)) return 'Choose at least, at most or exactly';
	// A number or its digits as typed; an empty box is no number (Number('') would be 0).
	const times =
		typeof rule.times === 'number' || (typeof rule.times === 'string' && rule.times !== '')
			? Number(rule.times)
			: NaN;
	if (!Number.isInteger(times) || times < 0 || times > MAX_TIMES) {
		return 'The number of times needs a whole number, 0 or more';
	}
	const window = checkWindow(rule.window);
	if (typeof window === 'string') return window;
	const where: CheckedBehaviour['where'] = [];
	for (const filter of Array.isArray(rule.where) ? (rule.where as unknown[]) : []) {
		const { field, operator, value } = (filter ?? {}) as Record<string, unknown>;
		if (typeof field !== 'string' || !Object.hasOwn(EVENT_FIELDS, field)) {
			return `Unknown event field '${String(field)}'`;
		}
		const name = field as EventField;
		const check = checkTest(EVENT_FIELD_LABELS[name], EVENT_FIELDS[name], operator, value);
		if (!check.ok) return check.message;
		where.push({ field: name, test: check.checked });
	}
	const count = rule.count as BehaviourCount;
	return { kind: 'behaviour' as const, event, eventType, where, count, times, window };
}

/** An indicator mark checked, or why it cannot be used. */
export function checkIndicator(
	rule: Record<string, unknown>,
	context: RuleContext
): CheckedRule | string {
	const filter = rule.filter as IndicatorFilter | undefined;
	const kinds: readonly unknown[] = ['rfm-cell', 'rfm-segment', 'lifecycle-shift'];
	if (!filter || !kinds.includes(filter.kind) || !isSafeData(filter)) {
		return 'This indicator condition is not one Concord can read';
	}
	if (filter.kind === 'lifecycle-shift' && (!isDay(filter.from) || !isDay(filter.to))) {
		return 'Lifecycle movers need two dates (YYYY-MM-DD)';
	}
	if (filter.kind !== 'lifecycle-shift' && !context.fields.indicators) {
		return 'Compute the indicators first';
	}
	return { kind: 'indicator' as const, filter };
}
