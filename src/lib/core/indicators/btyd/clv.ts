// Customer lifetime value, propensity and churn from a fitted BG/NBD and Gamma–Gamma.
// CLV is computed as in common practice (lifetimes' `customer_lifetime_value`): the horizon is
// cut into periods (30-day months by default); in each period k the customer's expected
// purchases E[Y(k·L)] − E[Y((k−1)·L)] (conditional on their history) are valued at their
// expected spend per purchase and discounted by (1 + d)^k, d the discount rate per period.
// Propensity is P(at least one purchase in the next t) = 1 − P(Y(t) = 0 | x, t_x, T), churn is
// 1 − P(alive). Everything that depends on the history alone is computed once per distinct
// (x, t_x, T) and spread to customers, so scoring a million customers stays quick.
import type { BgnbdParams } from './bgnbd';
import {
	bgnbdConditionalExpectedPurchases,
	bgnbdProbabilityAlive,
	bgnbdProbabilityNoPurchase
} from './bgnbd-predict';
import { compressSummary, type CompressedSummary } from './compress';
import { gammaGammaExpectedSpend, type GammaGammaParams } from './gamma-gamma';
import type { RepeatSummary } from './summary';

export interface ClvOptions {
	/** Periods in the horizon; 12 by default. */
	periods?: number;
	/** Length of a period in the summary's time unit; 30 days by default. */
	periodLength?: number;
	/** Discount rate per period; 0.01 by default (about 12.7% a year for months). */
	discountRate?: number;
}

/** Σ_k [E[Y(kL)] − E[Y((k−1)L)]] / (1+d)^k for one history. */
export function discountedPurchases(
	params: BgnbdParams,
	x: number,
	recency: number,
	T: number,
	options: Required<ClvOptions>
): number {
	let total = 0;
	let before = 0;
	for (let k = 1; k <= options.periods; k++) {
		const upTo = bgnbdConditionalExpectedPurchases(params, k * options.periodLength, x, recency, T);
		total += (upTo - before) / Math.pow(1 + options.discountRate, k);
		before = upTo;
	}
	return total;
}

function completeOptions(options: ClvOptions, daysPerUnit: number): Required<ClvOptions> {
	return {
		periods: options.periods ?? 12,
		periodLength: options.periodLength ?? 30 / daysPerUnit,
		discountRate: options.discountRate ?? 0.01
	};
}

export interface CustomerScores {
	pAlive: Float64Array;
	churn: Float64Array;
	/** Expected purchases in the next t, for each horizon asked (in the time unit). */
	expectedPurchases: Float64Array[];
	/** P(at least one purchase in the next t), for each horizon asked. */
	propensity: Float64Array[];
	/** Expected spend per purchase (Gamma–Gamma), or 0 without a spend model. */
	expectedSpend: Float64Array;
	clv: Float64Array;
}

export interface ScoreOptions extends ClvOptions {
	/** Horizons of expected purchases and propensity, in the time unit. */
	horizons: readonly number[];
	/** Days in one time unit (1 for days, 7 for weeks); sets the default period of 30 days. */
	daysPerUnit?: number;
}

/** Scores every customer of the summary; `compressed` may be passed when already computed. */
export function scoreCustomers(
	summary: RepeatSummary,
	bgnbd: BgnbdParams,
	spend: GammaGammaParams | null,
	options: ScoreOptions,
	compressed: CompressedSummary = compressSummary(summary)
): CustomerScores {
	const clvOptions = completeOptions(options, options.daysPerUnit ?? 1);
	const rows = compressed.weight.length;
	const alive = new Float64Array(rows);
	const discounted = new Float64Array(rows);
	const expected = options.horizons.map(() => new Float64Array(rows));
	const propensity = options.horizons.map(() => new Float64Array(rows));
	for (let i = 0; i < rows; i++) {
		const x = compressed.frequency[i] as number;
		const recency = compressed.recency[i] as number;
		const T = compressed.T[i] as number;
		alive[i] = bgnbdProbabilityAlive(bgnbd, x, recency, T);
		discounted[i] = discountedPurchases(bgnbd, x, recency, T, clvOptions);
		options.horizons.forEach((t, h) => {
			(expected[h] as Float64Array)[i] = bgnbdConditionalExpectedPurchases(bgnbd, t, x, recency, T);
			(propensity[h] as Float64Array)[i] = 1 - bgnbdProbabilityNoPurchase(bgnbd, t, x, recency, T);
		});
	}
	const n = summary.frequency.length;
	const out: CustomerScores = {
		pAlive: new Float64Array(n),
		churn: new Float64Array(n),
		expectedPurchases: options.horizons.map(() => new Float64Array(n)),
		propensity: options.horizons.map(() => new Float64Array(n)),
		expectedSpend: new Float64Array(n),
		clv: new Float64Array(n)
	};
	for (let c = 0; c < n; c++) {
		const row = compressed.rowOf[c] as number;
		const pAlive = alive[row] as number;
		out.pAlive[c] = pAlive;
		out.churn[c] = 1 - pAlive;
		options.horizons.forEach((_, h) => {
			(out.expectedPurchases[h] as Float64Array)[c] = (expected[h] as Float64Array)[row] as number;
			(out.propensity[h] as Float64Array)[c] = (propensity[h] as Float64Array)[row] as number;
		});
		const value = spend
			? gammaGammaExpectedSpend(
					spend,
					summary.frequency[c] as number,
					summary.monetary[c] as number
				)
			: 0;
		out.expectedSpend[c] = Number.isFinite(value) ? value : 0;
		out.clv[c] = (out.expectedSpend[c] as number) * (discounted[row] as number);
	}
	return out;
}

/**
 * Deciles of the values: 1 for the top tenth, 10 for the bottom tenth; ties are split by
 * position so each decile holds a tenth of the customers (±1).
 */
export function deciles(values: ArrayLike<number>): Uint8Array {
	const n = values.length;
	const order = Array.from({ length: n }, (_, i) => i);
	const key = (i: number) => {
		const v = values[i] as number;
		return Number.isNaN(v) ? -Infinity : v;
	};
	order.sort((i, j) => key(j) - key(i) || i - j);
	const out = new Uint8Array(n);
	order.forEach((customer, rank) => {
		out[customer] = Math.floor((rank * 10) / n) + 1;
	});
	return out;
}
