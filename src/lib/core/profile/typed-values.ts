// Reading a column's grouped values as one candidate type: how many rows conform, and the
// typed minimum and maximum. The tricky points: TRY_CAST is too lenient to judge conformance
// (it rounds '12.5' into a BIGINT), so conformance is a regular expression and the cast only
// gives the number; and for day/month dates both orders are parsed in the same pass, since
// the values that parse one way only are the evidence that decides the order.
import type { Db } from '../db';
import { TIME_ZONE_SUFFIX } from '../roles/value-shapes';
import { rowsOf, type Row } from '../sql/rows';
import { join, lit, sql, trusted, type Sql } from '../sql/sql';
import type { DateTyping } from './types';
import type { ValueTable } from './value-table';

export const INTEGER_SHAPE = '^[-+]?[0-9]+$';
/** 1,234.56 or 1234.5 or 12 (whole numbers are amounts too). */
export const POINT_DECIMAL_SHAPE =
	'^[-+]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\\.[0-9]+)?$|^[-+]?\\.[0-9]+$';
/** 1 234,56 or 1.234,56 or 12,5 (spaces may be no-break spaces). */
export const COMMA_DECIMAL_SHAPE =
	'^[-+]?([0-9]{1,3}([ .\\x{a0}\\x{202f}][0-9]{3})+|[0-9]+)(,[0-9]+)?$|^[-+]?,[0-9]+$';

/** The number written in `value` with the given decimal separator (NULL when unreadable). */
export function decimalNumber(value: Sql, separator: '.' | ','): Sql {
	if (separator === '.') return sql`TRY_CAST(replace(${value}, ',', '') AS DOUBLE)`;
	const grouping = sql`replace(replace(replace(replace(${value}, ' ', ''), '.', ''), chr(160), ''), chr(8239), '')`;
	return sql`TRY_CAST(replace(${grouping}, ',', '.') AS DOUBLE)`;
}

export function decimalShape(separator: '.' | ','): string {
	return separator === '.' ? POINT_DECIMAL_SHAPE : COMMA_DECIMAL_SHAPE;
}

function formatList(formats: readonly string[]): Sql {
	return sql`[${join(formats.map((format) => lit(format)))}]`;
}

/** The value without a trailing time zone when the formats expect none. */
function dateInput(value: Sql, dropsTimeZone: boolean): Sql {
	return dropsTimeZone ? sql`regexp_replace(${value}, ${TIME_ZONE_SUFFIX}, '\\1')` : value;
}

/** The timestamp a date-typed value holds, NULL when it does not parse. */
export function dateParse(typing: Pick<DateTyping, 'formats' | 'dropsTimeZone'>, value: Sql): Sql {
	return sql`try_strptime(${dateInput(value, typing.dropsTimeZone)}, ${formatList(typing.formats)})`;
}

/** 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS' text of a timestamp expression. */
export function dateText(value: Sql, withTime: boolean): Sql {
	return sql`strftime(${value}, ${withTime ? '%Y-%m-%d %H:%M:%S' : '%Y-%m-%d'})`;
}

const nonEmpty = (values: ValueTable, limit?: number) =>
	limit === undefined
		? sql`(SELECT n, s FROM ${values.name} WHERE v <> '')`
		: sql`(SELECT n, s FROM ${values.name} WHERE v <> '' LIMIT ${limit})`;

export interface NumberReading {
	conforming: number;
	leadingZeros: number;
	min: number | null;
	max: number | null;
}

function numberReading(row: Row | undefined): NumberReading {
	const num = (cell: unknown) => (cell === null || cell === undefined ? null : Number(cell));
	return {
		conforming: Number(row?.conforming ?? 0),
		leadingZeros: Number(row?.leading_zeros ?? 0),
		min: num(row?.min_value),
		max: num(row?.max_value)
	};
}

/** Conformance and range read as whole numbers (or decimals with `separator`). */
export async function readNumbers(
	db: Db,
	values: ValueTable,
	separator: '.' | ',' | null
): Promise<NumberReading> {
	const shape = separator === null ? INTEGER_SHAPE : decimalShape(separator);
	const number =
		separator === null ? sql`TRY_CAST(s AS DOUBLE)` : decimalNumber(trusted('s'), separator);
	const [row] = rowsOf(
		await db.query(sql`SELECT sum(n) FILTER (WHERE ok) AS conforming,
				sum(n) FILTER (WHERE ok AND prefix(ltrim(s, '+-'), '0') AND length(ltrim(s, '+-')) > 1)
					AS leading_zeros,
				min(x) FILTER (WHERE ok) AS min_value, max(x) FILTER (WHERE ok) AS max_value
			FROM (SELECT n, s, regexp_matches(s, ${shape}) AS ok, ${number} AS x FROM ${nonEmpty(values)})`)
	);
	return numberReading(row);
}

export interface DateReading {
	/** Rows parsed with the day-first list, and with the month-first list. */
	dayFirst: { parsed: number; only: number; min: string | null; max: string | null };
	monthFirst: { parsed: number; only: number; min: string | null; max: string | null };
}

function side(row: Row | undefined, prefix: 'a' | 'b'): DateReading['dayFirst'] {
	const text = (cell: unknown) => (typeof cell === 'string' ? cell : null);
	return {
		parsed: Number(row?.[`${prefix}_parsed`] ?? 0),
		only: Number(row?.[`${prefix}_only`] ?? 0),
		min: text(row?.[`${prefix}_min`]),
		max: text(row?.[`${prefix}_max`])
	};
}

/** Whether the formats read day/month values: none, all of them, or only some. */
export type DayMonthFormats = 'none' | 'all' | 'some';

/** Whether `s` starts like '25/12…' or '1.2.…' (a day/month value rather than year-first). */
const DAY_MONTH_START = sql`(substr(s, 2, 1) IN ('/', '.', '-') OR substr(s, 3, 1) IN ('/', '.', '-'))`;

/**
 * Both orders in one pass. Only the day-first list is parsed for every value: a day/month
 * value that parses day-first with a day of 12 or less reads month-first as the same parts
 * swapped (always a valid date), one with a day above 12 cannot read month-first, and only
 * the values that fail day-first are parsed again month-first.
 */
export async function readDates(
	db: Db,
	values: ValueTable,
	lists: { dayFirst: readonly string[]; monthFirst: readonly string[] },
	options: {
		dropsTimeZone: boolean;
		withTime: boolean;
		plausibleYears: boolean;
		dayMonth: DayMonthFormats;
		/** Read only this many different values (a quick look before the full read). */
		limit?: number;
	}
): Promise<DateReading> {
	const input = dateInput(trusted('s'), options.dropsTimeZone);
	const a = sql`try_strptime(${input}, ${formatList(lists.dayFirst)})`;
	const dayMonth = options.dayMonth === 'all' ? sql`TRUE` : DAY_MONTH_START;
	const b =
		options.dayMonth === 'none'
			? trusted('a0')
			: sql`CASE WHEN a0 IS NULL THEN try_strptime(${input}, ${formatList(lists.monthFirst)})
				WHEN NOT ${dayMonth} THEN a0
				WHEN day(a0) <= 12 THEN make_timestamp(year(a0), day(a0), month(a0), hour(a0),
					minute(a0), microsecond(a0) / 1000000) END`;
	// YYYYMMDD shares its shape with eight-digit codes: only believable years count as dates.
	const keep = (column: string) =>
		options.plausibleYears
			? sql`CASE WHEN year(${trusted(column)}) BETWEEN 1850 AND 2150 THEN ${trusted(column)} END`
			: trusted(column);
	const text = (column: string) => dateText(trusted(column), options.withTime);
	const [row] = rowsOf(
		await db.query(sql`WITH parsed AS (
				SELECT n, s, ${a} AS a0 FROM ${nonEmpty(values, options.limit)}
			), both_orders AS (
				SELECT n, a0, ${b} AS b0 FROM parsed
			), kept AS (
				SELECT n, ${keep('a0')} AS a, ${keep('b0')} AS b FROM both_orders
			)
			SELECT sum(n) FILTER (WHERE a IS NOT NULL) AS a_parsed,
				sum(n) FILTER (WHERE a IS NOT NULL AND b IS NULL) AS a_only,
				sum(n) FILTER (WHERE b IS NOT NULL) AS b_parsed,
				sum(n) FILTER (WHERE b IS NOT NULL AND a IS NULL) AS b_only,
				${text('min(a)')} AS a_min, ${text('max(a)')} AS a_max,
				${text('min(b)')} AS b_min, ${text('max(b)')} AS b_max
			FROM kept`)
	);
	return { dayFirst: side(row, 'a'), monthFirst: side(row, 'b') };
}
