// SQL that turns a transactions table into the repeat-purchase summary, on DuckDB (wasm and
// native alike, no ICU): purchases on the same day count once (their amounts summed), only
// purchases on or before the calibration end count, times are whole days divided by the unit.
// The tricky point is dates: a column may hold DATEs, timestamps, ISO text or YYYYMMDD numbers,
// so each value is read through text, and day differences are DATE subtraction, never time
// zones or `current_date`.
import { empty, ident, sql, trusted, type Sql } from '../../sql/sql';
import { DAYS_PER_UNIT, type TimeUnit } from './summary';

export interface TransactionColumns {
	/** The transactions: a table or view name (`ident(…)`) or a parenthesised subquery. */
	from: Sql;
	customer: string;
	date: string;
	/** The amount of each transaction; without it monetary is 0. */
	amount?: string;
	/**
	 * True when the rows are already one per customer and day with `date` a DATE column (as the
	 * indicators build prepares them): no reading of dates, no second grouping.
	 */
	days?: boolean;
}

export interface SummaryRequest extends TransactionColumns {
	/** Last day of the calibration period, YYYY-MM-DD; the last transaction's day by default. */
	calibrationEnd?: string;
	/** Last day of the holdout period, YYYY-MM-DD; the last transaction's day by default. */
	holdoutEnd?: string;
	timeUnit: TimeUnit;
	/** False to leave the rows unsorted (sorting a million customer ids costs a second). */
	ordered?: boolean;
}

/** Why a YYYY-MM-DD text is not a calendar day, or null when it is one. */
export function invalidDay(text: string): string | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!match) return `'${text}' is not a date written YYYY-MM-DD`;
	const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
	const date = new Date(Date.UTC(year, month - 1, day));
	if (
		date.getUTCFullYear() !== year ||
		date.getUTCMonth() !== month - 1 ||
		date.getUTCDate() !== day
	) {
		return `'${text}' is not a day of the calendar`;
	}
	return null;
}

function dayLiteral(text: string): Sql {
	const problem = invalidDay(text);
	if (problem) throw new Error(problem);
	return sql`CAST(${text} AS DATE)`;
}

/**
 * The calendar day of a value: DATE, TIMESTAMP, ISO text ('1997-01-01', '1997-01-01 10:00') or
 * a YYYYMMDD number or text ('19970101'); NULL when it is none of them.
 */
export function transactionDay(value: Sql): Sql {
	const text = sql`trim(CAST(${value} AS VARCHAR))`;
	return sql`coalesce(TRY_CAST(TRY_CAST(${text} AS TIMESTAMP) AS DATE),
		TRY_CAST(try_strptime(${text}, '%Y%m%d') AS DATE))`;
}

/** One row per customer and purchase day that can be read: customer, day, amount. */
export function purchaseDaysSql(columns: TransactionColumns): Sql {
	const amount = columns.amount
		? sql`TRY_CAST(${ident(columns.amount)} AS DOUBLE)`
		: trusted('CAST(0 AS DOUBLE)');
	if (columns.days) {
		return sql`SELECT CAST(${ident(columns.customer)} AS VARCHAR) AS customer,
			${ident(columns.date)} AS day, coalesce(${amount}, 0) AS amount
		FROM ${columns.from} WHERE ${ident(columns.customer)} IS NOT NULL AND ${ident(columns.date)} IS NOT NULL`;
	}
	return sql`SELECT customer, day, coalesce(sum(amount), 0) AS amount FROM (
		SELECT CAST(${ident(columns.customer)} AS VARCHAR) AS customer,
			${transactionDay(ident(columns.date))} AS day, ${amount} AS amount
		FROM ${columns.from}
	) WHERE customer IS NOT NULL AND day IS NOT NULL GROUP BY customer, day`;
}

/**
 * `WITH purchase_days AS (…), bounds AS (…)`: the purchase days and the calibration and holdout
 * ends as DATEs (the last purchase day when not given), for a query to continue with more CTEs.
 */
export function purchaseDaysWith(request: SummaryRequest): Sql {
	const calibration = request.calibrationEnd ? dayLiteral(request.calibrationEnd) : trusted('NULL');
	const holdout = request.holdoutEnd ? dayLiteral(request.holdoutEnd) : trusted('NULL');
	return sql`WITH purchase_days AS (${purchaseDaysSql(request)}),
	bounds AS (SELECT coalesce(${calibration}, max(day)) AS calibration_end,
		coalesce(${holdout}, max(day)) AS holdout_end FROM purchase_days)`;
}

/**
 * Per customer with a purchase on or before the calibration end: customer (text), frequency,
 * recency, T, monetary (in the time unit) and holdout_frequency (distinct purchase days after
 * the calibration end up to the holdout end); ordered by customer.
 */
export function repeatSummarySql(request: SummaryRequest): Sql {
	// A holdout ending where the calibration ends is empty: no second pass over the days.
	const noHoldout =
		request.calibrationEnd !== undefined && request.holdoutEnd === request.calibrationEnd;
	const unit = trusted(`${DAYS_PER_UNIT[request.timeUnit].toFixed(1)}`);
	return sql`${purchaseDaysWith(request)},
	calibration AS (
		SELECT p.customer, count(*) AS days, min(p.day) AS first_day, max(p.day) AS last_day,
			sum(p.amount) AS total, arg_min(p.amount, p.day) AS first_amount,
			any_value(b.calibration_end) AS calibration_end
		FROM purchase_days p, bounds b WHERE p.day <= b.calibration_end GROUP BY p.customer
	),
	holdout AS (${
		noHoldout
			? sql`SELECT NULL::VARCHAR AS customer, 0 AS days WHERE FALSE`
			: sql`SELECT p.customer, count(*) AS days FROM purchase_days p, bounds b
		WHERE p.day > b.calibration_end AND p.day <= b.holdout_end GROUP BY p.customer`
	})
	SELECT c.customer,
		CAST(c.days - 1 AS DOUBLE) AS frequency,
		(c.last_day - c.first_day) / ${unit} AS recency,
		(c.calibration_end - c.first_day) / ${unit} AS "T",
		CASE WHEN c.days > 1 THEN (c.total - c.first_amount) / (c.days - 1) ELSE 0.0 END AS monetary,
		CAST(coalesce(h.days, 0) AS DOUBLE) AS holdout_frequency
	FROM calibration c LEFT JOIN holdout h USING (customer)
	${request.ordered === false ? empty : sql`ORDER BY c.customer`}`;
}

/**
 * One row: the calibration and holdout ends (YYYY-MM-DD text), the first and last purchase days,
 * the purchase days read and those on or before the calibration end.
 */
export function summaryBoundsSql(request: SummaryRequest): Sql {
	return sql`${purchaseDaysWith(request)}
	SELECT strftime(any_value(b.calibration_end), '%Y-%m-%d') AS calibration_end,
		strftime(any_value(b.holdout_end), '%Y-%m-%d') AS holdout_end,
		strftime(min(p.day), '%Y-%m-%d') AS first_day, strftime(max(p.day), '%Y-%m-%d') AS last_day,
		CAST(count(p.day) AS DOUBLE) AS purchase_days,
		CAST(count(p.day) FILTER (WHERE p.day <= b.calibration_end) AS DOUBLE) AS calibration_days
	FROM bounds b LEFT JOIN purchase_days p ON TRUE`;
}

/** How many values of the date column can and cannot be read as days (for messages). */
export function dateReadabilitySql(columns: TransactionColumns): Sql {
	const value = ident(columns.date);
	return sql`SELECT count(${value}) AS filled,
		count(${transactionDay(value)}) AS readable,
		any_value(CAST(${value} AS VARCHAR)) FILTER (WHERE ${value} IS NOT NULL
			AND ${transactionDay(value)} IS NULL) AS example
	FROM ${columns.from}`;
}
