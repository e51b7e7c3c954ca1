// SQL for the tracking diagnostic (Fader, Hardie & Lee 2005, fig. 1–2): the cohort's first
// purchases and its repeat purchases per period of calendar time, counted from the cohort's
// first day through the holdout end. Only customers whose first purchase is on or before the
// calibration end belong to the cohort; a repeat purchase is any purchase day after a customer's
// first one.
import { sql, type Sql } from '../../sql/sql';
import { purchaseDaysWith, type SummaryRequest } from './summary-sql';

function cohortSql(request: SummaryRequest): Sql {
	return sql`${purchaseDaysWith(request)},
	firsts AS (SELECT customer, min(day) AS first_day FROM purchase_days GROUP BY customer),
	cohort AS (SELECT f.* FROM firsts f, bounds b WHERE f.first_day <= b.calibration_end),
	origin AS (SELECT min(first_day) AS start_day FROM cohort)`;
}

/**
 * Customers by first purchase day: birth (days since the cohort's first day) and customers;
 * plus, on every row, the calibration and holdout ends in days since that first day.
 */
export function cohortBirthsSql(request: SummaryRequest): Sql {
	return sql`${cohortSql(request)}
	SELECT CAST(c.first_day - o.start_day AS DOUBLE) AS birth, CAST(count(*) AS DOUBLE) AS customers,
		CAST(any_value(b.calibration_end) - any_value(o.start_day) AS DOUBLE) AS calibration_end,
		CAST(any_value(b.holdout_end) - any_value(o.start_day) AS DOUBLE) AS holdout_end
	FROM cohort c, origin o, bounds b GROUP BY c.first_day - o.start_day ORDER BY birth`;
}

/**
 * Repeat purchase days of the cohort per period of `periodDays` days, every period from the
 * cohort's first day through the holdout end (empty ones too): period (0, 1, …), purchases.
 */
export function repeatPurchasesByPeriodSql(request: SummaryRequest, periodDays: number): Sql {
	if (!(periodDays > 0) || !Number.isInteger(periodDays)) {
		throw new Error('A period must last a whole number of days');
	}
	return sql`${cohortSql(request)},
	periods AS (
		SELECT unnest(range(0, CAST(floor((b.holdout_end - o.start_day) / ${periodDays}) AS BIGINT) + 1)) AS period
		FROM origin o, bounds b
	),
	counted AS (
		SELECT CAST(floor((p.day - o.start_day) / ${periodDays}) AS BIGINT) AS period, count(*) AS purchases
		FROM purchase_days p JOIN cohort c USING (customer), origin o, bounds b
		WHERE p.day > c.first_day AND p.day <= b.holdout_end
		GROUP BY 1
	)
	SELECT CAST(period AS DOUBLE) AS period, CAST(coalesce(purchases, 0) AS DOUBLE) AS purchases
	FROM periods LEFT JOIN counted USING (period) ORDER BY period`;
}
