// An operator and its value, checked against the field's type and turned into one of a few
// tests that the compiler writes as SQL and the reference evaluator runs in memory. Values come
// from saved or imported JSON and from input boxes, so nothing is trusted: a number may arrive
// as its text, a day must be a real 'YYYY-MM-DD' day, and the messages name the field the way
// the builder shows it. Negative operators become their positive test, negated.
import type { FieldType } from './rules';
import { OPERATOR_LABELS, OPERATORS_OF_TYPE, type AttributeOperator } from './rules';

export type Comparison = '=' | '<' | '<=' | '>' | '>=';

export type ValueTest =
	/** The text is one of the values (case-insensitive): "is", "is one of". */
	| { test: 'text-in'; values: string[] }
	| { test: 'text-contains'; value: string }
	| { test: 'text-starts-with'; value: string }
	| { test: 'compare'; comparison: Comparison; value: number }
	| { test: 'number-between'; low: number; high: number }
	/** The value's day compared with a day ('YYYY-MM-DD'). */
	| { test: 'day-compare'; comparison: '<' | '>' | '='; day: string }
	| { test: 'day-between'; from: string; to: string }
	/** The day is from `days` days before the as-of date up to it. */
	| { test: 'in-last-days'; days: number }
	/** The day is more than `days` days before the as-of date. */
	| { test: 'more-than-days-ago'; days: number }
	/** No value ('' too for text). */
	| { test: 'empty'; text: boolean }
	| { test: 'true' }
	| { test: 'false' };

export interface CheckedTest {
	test: ValueTest;
	negated: boolean;
}

export type TestCheck = { ok: true; checked: CheckedTest } | { ok: false; message: string };

/** The most days a relative date may span: about 270 years. */
const MAX_DAYS = 100_000;

const TYPE_WORDS: Readonly<Record<FieldType, string>> = {
	text: 'text',
	number: 'a number',
	date: 'a date',
	boolean: 'yes or no'
};

/** A finite number, or the text of one (as typed in a box); null otherwise. */
export function numberOf(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string' || !/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) {
		return null;
	}
	const n = Number(value);
	return Number.isFinite(n) ? n : null;
}

/** Whether `value` is a real day written 'YYYY-MM-DD' (years 1 to 9999). */
export function isDay(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day);
	return (
		year >= 1 &&
		date.getUTCFullYear() === year &&
		date.getUTCMonth() === month - 1 &&
		date.getUTCDate() === day
	);
}

/** A whole number of days from 0 to MAX_DAYS; null otherwise. */
export function daysOf(value: unknown): number | null {
	const n = numberOf(value);
	return n !== null && Number.isInteger(n) && n >= 0 && n <= MAX_DAYS ? n : null;
}

/** Text SQL can carry: any string without a NUL character. */
export function isSafeText(value: unknown): value is string {
	return typeof value === 'string' && !value.includes('\u0000');
}

const ok = (test: ValueTest, negated = false): TestCheck => ({
	ok: true,
	checked: { test, negated }
});
const refuse = (message: string): TestCheck => ({ ok: false, message });

function textValue(label: string, value: unknown): string | TestCheck {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string' || value === '') {
		return refuse(`'${label}' needs a text value (or use "is empty")`);
	}
	if (!isSafeText(value)) return refuse(`The value for '${label}' holds a NUL character`);
	return value;
}

function checkText(label: string, operator: AttributeOperator, value: unknown): TestCheck {
	if (operator === 'in-list') {
		const list = Array.isArray(value) ? value : [];
		if (list.length === 0) return refuse(`'${label}' is one of… needs at least one value`);
		const values: string[] = [];
		for (const item of list) {
			const text = textValue(label, item);
			if (typeof text !== 'string') return text;
			values.push(text);
		}
		return ok({ test: 'text-in', values });
	}
	const text = textValue(label, value);
	if (typeof text !== 'string') return text;
	if (operator === 'is') return ok({ test: 'text-in', values: [text] });
	if (operator === 'is-not') return ok({ test: 'text-in', values: [text] }, true);
	if (operator === 'contains') return ok({ test: 'text-contains', value: text });
	return ok({ test: 'text-starts-with', value: text });
}

function pair(value: unknown): [unknown, unknown] | null {
	return Array.isArray(value) && value.length === 2 ? [value[0], value[1]] : null;
}

function checkNumber(label: string, operator: AttributeOperator, value: unknown): TestCheck {
	if (operator === 'between') {
		const [low, high] = (pair(value) ?? [null, null]).map(numberOf);
		if (low === null || high === null || low === undefined || high === undefined || low > high) {
			return refuse(`'${label}' between needs two numbers, the first at most the second`);
		}
		return ok({ test: 'number-between', low, high });
	}
	const n = numberOf(value);
	if (n === null) return refuse(`'${label}' needs a number`);
	if (operator === '!=') return ok({ test: 'compare', comparison: '=', value: n }, true);
	return ok({ test: 'compare', comparison: operator as Comparison, value: n });
}

function checkDate(label: string, operator: AttributeOperator, value: unknown): TestCheck {
	if (operator === 'between') {
		const [from, to] = pair(value) ?? [null, null];
		if (!isDay(from) || !isDay(to) || from > to) {
			return refuse(`'${label}': between needs two dates, the first before the second`);
		}
		return ok({ test: 'day-between', from, to });
	}
	if (operator === 'in-last-days' || operator === 'more-than-days-ago') {
		const days = daysOf(value);
		if (days === null) return refuse(`'${label}' needs a whole number of days, 0 or more`);
		return ok({ test: operator, days });
	}
	if (!isDay(value)) return refuse(`'${label}' needs a date (YYYY-MM-DD)`);
	const comparison = operator === 'before' ? '<' : operator === 'after' ? '>' : '=';
	return ok({ test: 'day-compare', comparison, day: value });
}

/** Checks `operator` and `value` for a field of `type` shown as `label`. */
export function checkTest(
	label: string,
	type: FieldType,
	operator: unknown,
	value: unknown
): TestCheck {
	const operators: readonly unknown[] = OPERATORS_OF_TYPE[type];
	if (!operators.includes(operator)) {
		const known = Object.hasOwn(OPERATOR_LABELS, String(operator));
		const name = known ? OPERATOR_LABELS[operator as AttributeOperator] : String(operator);
		return refuse(`'${label}' is ${TYPE_WORDS[type]}: "${name}" does not apply to it`);
	}
	const op = operator as AttributeOperator;
	if (op === 'is-empty') return ok({ test: 'empty', text: type === 'text' });
	if (op === 'is-not-empty') return ok({ test: 'empty', text: type === 'text' }, true);
	if (op === 'is-true') return ok({ test: 'true' });
	if (op === 'is-false') return ok({ test: 'false' });
	if (type === 'text') return checkText(label, op, value);
	if (type === 'number') return checkNumber(label, op, value);
	return checkDate(label, op, value);
}

/** Whether the test needs the as-of date. */
export function isRelative(test: ValueTest): boolean {
	return test.test === 'in-last-days' || test.test === 'more-than-days-ago';
}
