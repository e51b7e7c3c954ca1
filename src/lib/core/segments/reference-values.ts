// The value tests of value-tests.ts evaluated in memory, the way test-sql.ts writes them for
// DuckDB: a missing value fails every test but "is empty", negative operators negate, text is
// compared in lower case, timestamps by their day (UTC, as DuckDB reads timestamps without a
// zone). Cells are plain values: text, numbers, booleans, and for days a Date, epoch
// milliseconds or text starting 'YYYY-MM-DD'.
import type { CheckedTest, ValueTest } from './value-tests';

export type CellValue = string | number | boolean | Date | null | undefined;

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a day or timestamp cell; null when there is none. */
export function dayNumber(value: CellValue): number | null {
	if (value === null || value === undefined || typeof value === 'boolean') return null;
	if (value instanceof Date) return Math.floor(value.getTime() / DAY_MS);
	if (typeof value === 'number') return Math.floor(value / DAY_MS);
	const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
	if (!match) return null;
	const date = new Date(0);
	date.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
	return Math.floor(date.getTime() / DAY_MS);
}

function textOf(value: CellValue): string | null {
	if (value === null || value === undefined) return null;
	return value instanceof Date ? value.toISOString() : String(value);
}

function numberOf(value: CellValue): number | null {
	if (value === null || value === undefined || value === '') return null;
	const n = Number(value);
	return Number.isNaN(n) ? null : n;
}

function compare(a: number, comparison: '=' | '<' | '<=' | '>' | '>=', b: number): boolean {
	switch (comparison) {
		case '=':
			return a === b;
		case '<':
			return a < b;
		case '<=':
			return a <= b;
		case '>':
			return a > b;
		case '>=':
			return a >= b;
	}
}

function positive(value: CellValue, test: ValueTest, asOfDay: number): boolean {
	const text = textOf(value)?.toLowerCase() ?? null;
	const n = numberOf(value);
	const day = dayNumber(value);
	switch (test.test) {
		case 'text-in':
			return text !== null && test.values.some((v) => v.toLowerCase() === text);
		case 'text-contains':
			return text !== null && text.includes(test.value.toLowerCase());
		case 'text-starts-with':
			return text !== null && text.startsWith(test.value.toLowerCase());
		case 'compare':
			return n !== null && compare(n, test.comparison, test.value);
		case 'number-between':
			return n !== null && n >= test.low && n <= test.high;
		case 'day-compare':
			return day !== null && compare(day, test.comparison, dayNumber(test.day) ?? NaN);
		case 'day-between':
			return (
				day !== null && day >= (dayNumber(test.from) ?? NaN) && day <= (dayNumber(test.to) ?? NaN)
			);
		case 'in-last-days':
			return day !== null && day >= asOfDay - test.days && day <= asOfDay;
		case 'more-than-days-ago':
			return day !== null && day < asOfDay - test.days;
		case 'empty':
			return value === null || value === undefined || (test.text && value === '');
		case 'true':
			return value === true;
		case 'false':
			return value === false;
	}
}

/** The test on one cell: true or false, never unknown. */
export function passes(value: CellValue, checked: CheckedTest, asOfDay: number): boolean {
	const result = positive(value, checked.test, asOfDay);
	return checked.negated ? !result : result;
}
