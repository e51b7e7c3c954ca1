// A checked value test as a SQL predicate on one column that is never NULL: the test is wrapped
// in coalesce(…, false) and a negative operator negates that, so a missing value fails "is" and
// passes "is not", and NOT of a group means what a marketer reads. Text is compared in lower
// case on both sides by the engine's own lower(), and with contains / starts_with rather than
// LIKE, so '%' and '_' in a value are plain characters. Days are compared as DATE, relative ones
// by arithmetic on the as-of date (no current_date: the browser engine has no time zones).
import { join, sql, trusted, type Sql } from '../sql/sql';
import type { CheckedTest, ValueTest } from './value-tests';

function asOfDay(asOf: string | null): Sql {
	// Checked before: a relative test never reaches here without an as-of date.
	return sql`${asOf ?? '1970-01-01'}::DATE`;
}

function positive(column: Sql, test: ValueTest, asOf: string | null): Sql {
	const lower = sql`lower(${column})`;
	const day = sql`${column}::DATE`;
	switch (test.test) {
		case 'text-in': {
			const values = test.values.map((v) => sql`lower(${v})`);
			return values.length === 1
				? sql`${lower} = ${values[0]!}`
				: sql`${lower} IN (${join(values)})`;
		}
		case 'text-contains':
			return sql`contains(${lower}, lower(${test.value}))`;
		case 'text-starts-with':
			return sql`starts_with(${lower}, lower(${test.value}))`;
		case 'compare':
			return sql`${column} ${trusted(test.comparison)} ${test.value}`;
		case 'number-between':
			return sql`${column} BETWEEN ${test.low} AND ${test.high}`;
		case 'day-compare':
			return sql`${day} ${trusted(test.comparison)} ${test.day}::DATE`;
		case 'day-between':
			return sql`${day} BETWEEN ${test.from}::DATE AND ${test.to}::DATE`;
		case 'in-last-days':
			return sql`${day} BETWEEN ${asOfDay(asOf)} - ${test.days} AND ${asOfDay(asOf)}`;
		case 'more-than-days-ago':
			return sql`${day} < ${asOfDay(asOf)} - ${test.days}`;
		case 'empty':
			return test.text ? sql`(${column} IS NULL OR ${column} = '')` : sql`${column} IS NULL`;
		case 'true':
			return sql`${column}`;
		case 'false':
			return sql`NOT ${column}`;
	}
}

/** The test on `column` as a predicate that is TRUE or FALSE, never NULL. */
export function testSql(column: Sql, checked: CheckedTest, asOf: string | null): Sql {
	const test = sql`coalesce(${positive(column, checked.test, asOf)}, false)`;
	return checked.negated ? sql`(NOT ${test})` : test;
}
