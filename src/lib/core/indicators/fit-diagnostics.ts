// How well the purchase model predicts, on the data itself: the model is fitted again on the
// history up to a calibration end (the as-of date less the holdout), then (1) the cohort's
// repeat purchases per period, actual against the model's expectation for customers of each
// age, over calibration and holdout; and (2) holdout purchases per calibration repeat count,
// actual against the conditional expectation. This is the check of Fader, Hardie & Lee (2005).
import type { Db } from '../db';
import { rowsOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';
import { repeatSummarySql } from './btyd/summary-sql';
import { addDays, daysBetween } from './days';
import { compressedOf, fitPurchaseModel } from './purchase-model';
import type { FrequencyCheck, IndicatorDiagnostics, PeriodCheck } from './run-state';
import type { PurchaseModelName } from './settings';
import { numberColumn } from './btyd/summary';

const CALIBRATION_TABLE = 'cc_indicator_calibration';
const CHECK_DAYS_TABLE = 'cc_indicator_check_days';
/** Repeat counts from this one on are one bucket of the holdout check. */
const TOP_FREQUENCY = 7;
/** At most about this many periods in the chart. */
const MAX_PERIODS = 40;
/** Customers the check is made on at most: a seeded sample above (a check, not the scores). */
export const CHECK_SAMPLE = 50_000;

export type DiagnosticsResult =
	{ diagnostics: IndicatorDiagnostics; note: null } | { diagnostics: null; note: string };

/**
 * Fits `model` on purchase days (table `allDays`: customer_id, day, amount; `buyers` customers)
 * up to `asOf` less `holdoutDays` and compares its predictions with what happened up to `asOf`.
 * The sampled customers' days are copied once into a small table that every step then reads.
 */
export async function fitDiagnostics(
	db: Db,
	allDays: string,
	buyers: number,
	asOf: string,
	holdoutDays: number,
	model: PurchaseModelName
): Promise<DiagnosticsResult> {
	const calibrationEnd = addDays(asOf, -holdoutDays);
	const days = CHECK_DAYS_TABLE;
	const sample =
		buyers <= CHECK_SAMPLE
			? sql`TRUE`
			: sql`hash(customer_id, 'check') % 1000000 < ${Math.ceil((CHECK_SAMPLE / buyers) * 1_000_000)}`;
	try {
		await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${ident(days)} AS
			SELECT * FROM ${ident(allDays)} WHERE ${sample}`);
		return await checkOn(db, days, asOf, calibrationEnd, holdoutDays, model);
	} finally {
		await db.exec(sql`DROP TABLE IF EXISTS ${ident(CALIBRATION_TABLE)}`);
		await db.exec(sql`DROP TABLE IF EXISTS ${ident(days)}`);
	}
}

async function checkOn(
	db: Db,
	days: string,
	asOf: string,
	calibrationEnd: string,
	holdoutDays: number,
	model: PurchaseModelName
): Promise<DiagnosticsResult> {
	const [range] = rowsOf(
		await db.query(sql`SELECT min(day)::VARCHAR AS first_day,
				count(DISTINCT customer_id) FILTER (WHERE day <= ${calibrationEnd}::DATE) AS customers
			FROM ${ident(days)}`)
	);
	const firstDay = typeof range?.first_day === 'string' ? range.first_day : null;
	if (
		!firstDay ||
		Number(range?.customers ?? 0) < 2 ||
		daysBetween(firstDay, calibrationEnd) < 28
	) {
		return {
			diagnostics: null,
			note: `Too little history before ${calibrationEnd} (the as-of date less the ${holdoutDays}-day holdout) to check the model: shorten the holdout.`
		};
	}
	await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${ident(CALIBRATION_TABLE)} AS
			${repeatSummarySql({
				from: ident(days),
				customer: 'customer_id',
				date: 'day',
				amount: 'amount',
				days: true,
				calibrationEnd,
				holdoutEnd: asOf,
				timeUnit: 'weeks',
				ordered: false
			})}`);
	const groups = await db.query(sql`SELECT frequency, recency, "T", count(*)::DOUBLE AS n,
				sum(holdout_frequency)::DOUBLE AS holdout
			FROM ${ident(CALIBRATION_TABLE)} GROUP BY ALL`);
	const frequency = numberColumn(groups, 'frequency');
	const recency = numberColumn(groups, 'recency');
	const T = numberColumn(groups, 'T');
	const weight = numberColumn(groups, 'n');
	const holdout = numberColumn(groups, 'holdout');
	const fitted = fitPurchaseModel(model, compressedOf(frequency, recency, T, weight));

	const byBucket = new Map<number, FrequencyCheck>();
	const holdoutWeeks = holdoutDays / 7;
	for (let i = 0; i < frequency.length; i += 1) {
		const bucket = Math.min(frequency[i] ?? 0, TOP_FREQUENCY);
		const check = byBucket.get(bucket) ?? {
			frequency: bucket,
			customers: 0,
			actual: 0,
			predicted: 0
		};
		const n = weight[i] ?? 0;
		check.customers += n;
		check.actual += holdout[i] ?? 0;
		check.predicted +=
			n * fitted.expected(holdoutWeeks, frequency[i] ?? 0, recency[i] ?? 0, T[i] ?? 0);
		byBucket.set(bucket, check);
	}
	const byFrequency = [...byBucket.values()]
		.sort((a, b) => a.frequency - b.frequency)
		.map((c) => ({ ...c, actual: c.actual / c.customers, predicted: c.predicted / c.customers }));

	const periods = await periodChecks(
		db,
		days,
		firstDay,
		calibrationEnd,
		asOf,
		fitted.unconditional
	);
	return {
		diagnostics: { calibrationEnd, holdoutDays, model: fitted.fitted, periods, byFrequency },
		note: null
	};
}

/** Actual and expected repeat purchases of the calibration cohort, period by period. */
async function periodChecks(
	db: Db,
	days: string,
	firstDay: string,
	calibrationEnd: string,
	asOf: string,
	unconditional: (weeks: number) => number
): Promise<PeriodCheck[]> {
	const span = daysBetween(firstDay, asOf) + 1;
	const length = Math.max(7, Math.ceil(span / MAX_PERIODS / 7) * 7);
	const count = Math.ceil(span / length);
	// A customer's first purchase is T weeks before the calibration end.
	const holdoutFrom = daysBetween(firstDay, calibrationEnd);
	const cohort = rowsOf(
		await db.query(sql`SELECT (${holdoutFrom} - round("T" * 7))::INTEGER AS d, count(*)::DOUBLE AS n
			FROM ${ident(CALIBRATION_TABLE)} GROUP BY 1`)
	).map((r) => ({ d: Number(r.d), n: Number(r.n) }));
	const actualRows = rowsOf(
		await db.query(sql`SELECT floor((p.day - ${firstDay}::DATE) / ${length})::INTEGER AS k,
				count(*)::DOUBLE AS purchases
			FROM ${ident(days)} p JOIN ${ident(CALIBRATION_TABLE)} c ON c.customer = p.customer_id::VARCHAR
			WHERE p.day > ${calibrationEnd}::DATE - round(c."T" * 7)::INTEGER AND p.day <= ${asOf}::DATE
			GROUP BY 1`)
	);
	const actual = new Map(actualRows.map((r) => [Number(r.k), Number(r.purchases)]));
	// Expected repeat purchases of the cohort up to `end` days after the first day.
	const cumulative = (end: number) =>
		cohort.reduce((sum, { d, n }) => (end > d ? sum + n * unconditional((end - d) / 7) : sum), 0);
	const checks: PeriodCheck[] = [];
	let before = 0;
	for (let k = 0; k < count; k += 1) {
		const end = Math.min((k + 1) * length, span);
		const upTo = cumulative(end);
		checks.push({
			day: end,
			date: addDays(firstDay, end - 1),
			actual: actual.get(k) ?? 0,
			predicted: upTo - before,
			holdout: end - 1 > holdoutFrom
		});
		before = upTo;
	}
	return checks;
}
