// How well a fitted BG/NBD describes the data (Fader, Hardie & Lee 2005, §4): the tracking of
// the cohort's repeat purchases period by period, predicted from the unconditional E[X(t)] of
// each customer's age, against what happened; and the holdout purchases predicted from each
// customer's calibration history (conditional expectation), against the actual ones, grouped
// by calibration frequency. Plus information criteria to compare models on one data set.
import type { BgnbdParams } from './bgnbd';
import { bgnbdConditionalExpectedPurchases, bgnbdExpectedPurchases } from './bgnbd-predict';
import { compressSummary } from './compress';
import type { RepeatSummary } from './summary';

export interface TrackingRow {
	/** Period index; the period covers ages [period·L, (period+1)·L) from the cohort's first day. */
	period: number;
	actual: number;
	expected: number;
	actualCumulative: number;
	expectedCumulative: number;
}

export interface Cohort {
	/** Distinct first-purchase times, in the time unit since the cohort's first day. */
	birth: ArrayLike<number>;
	/** Customers born at each of them. */
	customers: ArrayLike<number>;
}

/**
 * Expected against actual repeat purchases per period: the expected purchases up to the end of
 * period k are Σ customers · E[X(end_k − birth)] over the cohort.
 */
export function trackingSeries(
	params: BgnbdParams,
	cohort: Cohort,
	actual: ArrayLike<number>,
	periodLength: number
): TrackingRow[] {
	const rows: TrackingRow[] = [];
	let expectedBefore = 0;
	let actualCumulative = 0;
	for (let k = 0; k < actual.length; k++) {
		const end = (k + 1) * periodLength;
		let expectedCumulative = 0;
		for (let g = 0; g < cohort.birth.length; g++) {
			const age = end - (cohort.birth[g] as number);
			if (age > 0)
				expectedCumulative += (cohort.customers[g] as number) * bgnbdExpectedPurchases(params, age);
		}
		actualCumulative += actual[k] as number;
		rows.push({
			period: k,
			actual: actual[k] as number,
			expected: expectedCumulative - expectedBefore,
			actualCumulative,
			expectedCumulative
		});
		expectedBefore = expectedCumulative;
	}
	return rows;
}

export interface HoldoutRow {
	/** Calibration frequency; the last bucket holds that many or more. */
	frequency: number;
	customers: number;
	actualMean: number;
	expectedMean: number;
}

/** Mean holdout purchases, actual and expected, by calibration frequency (0 … `lastBucket`+). */
export function holdoutByFrequency(
	params: BgnbdParams,
	summary: Pick<RepeatSummary, 'frequency' | 'recency' | 'T'>,
	holdoutFrequency: ArrayLike<number>,
	holdoutLength: number,
	lastBucket = 7
): HoldoutRow[] {
	const compressed = compressSummary(summary);
	const expectedOfRow = Float64Array.from(compressed.frequency, (x, i) =>
		bgnbdConditionalExpectedPurchases(
			params,
			holdoutLength,
			x,
			compressed.recency[i] as number,
			compressed.T[i] as number
		)
	);
	const buckets = Array.from({ length: lastBucket + 1 }, (_, frequency) => ({
		frequency,
		customers: 0,
		actual: 0,
		expected: 0
	}));
	for (let c = 0; c < summary.frequency.length; c++) {
		const bucket =
			buckets[Math.min(lastBucket, Math.max(0, Math.floor(summary.frequency[c] as number)))];
		if (!bucket) continue;
		bucket.customers++;
		bucket.actual += holdoutFrequency[c] as number;
		bucket.expected += expectedOfRow[compressed.rowOf[c] as number] as number;
	}
	return buckets
		.filter((b) => b.customers > 0)
		.map((b) => ({
			frequency: b.frequency,
			customers: b.customers,
			actualMean: b.actual / b.customers,
			expectedMean: b.expected / b.customers
		}));
}

/** Akaike and Bayesian information criteria of a fit with `parameters` free parameters. */
export function informationCriteria(logLikelihood: number, parameters: number, customers: number) {
	return {
		aic: 2 * parameters - 2 * logLikelihood,
		bic: parameters * Math.log(Math.max(customers, 1)) - 2 * logLikelihood
	};
}
