// The purchase model behind the indicators, BG/NBD or Pareto/NBD, behind one face: fit it on
// distinct histories with their counts, then ask for P(alive) and for what an alive customer
// does next. Both models factor that way — E[Y(t) | x, t_x, T] = P(alive) · E[Y(t) | alive, x, T]
// and P(a purchase in t) = P(alive) · P(a purchase in t | alive, x, T) — and the second factor
// does not depend on t_x, so the costly part (a hypergeometric function per horizon) is computed
// once per (x, T), far fewer than histories. For BG/NBD a customer dies only right after a
// purchase (MBG/NBD: after any purchase, the first included), so P(a purchase in t | alive) =
// 1 − ((α+T)/(α+T+t))^(r+x) exactly; for Pareto/NBD the same expression neglects a death inside
// the window (an upper bound, stated in the UI).
import { fitBgnbd, type BgnbdParams } from './btyd/bgnbd';
import {
	bgnbdConditionalExpectedPurchases,
	bgnbdExpectedPurchases,
	bgnbdProbabilityAlive
} from './btyd/bgnbd-predict';
import { distinctValues, type CompressedSummary } from './btyd/compress';
import {
	fitParetoNbd,
	paretoNbdConditionalExpectedPurchases,
	paretoNbdProbabilityAlive,
	type ParetoNbdParams
} from './btyd/pareto-nbd';
import { fitMbgnbd, type MbgnbdParams } from './btyd/mbgnbd';
import {
	mbgnbdConditionalExpectedPurchases,
	mbgnbdExpectedPurchases,
	mbgnbdProbabilityAlive
} from './btyd/mbgnbd-predict';
import type { FitResult } from './btyd/fit-result';
import type { FittedModel } from './run-state';
import type { PurchaseModelName } from './settings';
import { sql, type Sql } from '../sql/sql';

export interface PurchaseModel {
	fitted: FittedModel;
	pAlive(x: number, recency: number, T: number): number;
	/** P(alive) as SQL over the given columns, when it has a closed form. */
	pAliveSql: ((x: Sql, recency: Sql, T: Sql) => Sql) | null;
	/** E[Y(t) | alive at T, x, T]: purchases expected in the next t from a customer still alive. */
	expectedIfAlive(t: number, x: number, T: number): number;
	/** P(at least one purchase in the next t | alive at T, x, T). */
	buyIfAlive(t: number, x: number, T: number): number;
	/** E[Y(t) | x, t_x, T]: purchases expected in the next t. */
	expected(t: number, x: number, recency: number, T: number): number;
	/** E[X(t)]: purchases of a new customer in their first t (repeat purchases for BG/NBD). */
	unconditional(t: number): number;
}

/** What the run state keeps of a fit. */
export function fittedModel<P extends object>(fit: FitResult<P>): FittedModel {
	return {
		params: { ...(fit.params as Record<string, number>) },
		logLikelihood: fit.logLikelihood,
		converged: fit.converged,
		customers: fit.customers
	};
}

/** 1 − ((α+T)/(α+T+t))^(r+x): the chance an alive customer buys within t (see above). */
function buyWithin(r: number, alpha: number, t: number, x: number, T: number): number {
	return -Math.expm1((r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t)));
}

/** Distinct histories with their counts, as the fitters read them. */
export function compressedOf(
	frequency: Float64Array,
	recency: Float64Array,
	T: Float64Array,
	weight: Float64Array
): CompressedSummary {
	let customers = 0;
	for (const w of weight) customers += w;
	return {
		frequency,
		recency,
		T,
		weight,
		rowOf: Uint32Array.from(frequency, (_, i) => i),
		frequencies: distinctValues(frequency),
		recencies: distinctValues(recency),
		ages: distinctValues(T),
		customers
	};
}

function bgnbdModel(data: CompressedSummary): PurchaseModel {
	const fit = fitBgnbd(data);
	const p: BgnbdParams = fit.params;
	return {
		fitted: fittedModel(fit),
		pAlive: (x, recency, T) => bgnbdProbabilityAlive(p, x, recency, T),
		// 1 / (1 + [x > 0] a/(b+x−1) ((α+T)/(α+t_x))^(r+x)), as bgnbdProbabilityAlive.
		pAliveSql: (x, recency, T) => sql`CASE WHEN ${x} > 0
			THEN 1 / (1 + exp(ln(${p.a}) - ln(${p.b} + ${x} - 1)
				+ (${p.r} + ${x}) * (ln(${p.alpha} + ${T}) - ln(${p.alpha} + ${recency}))))
			ELSE 1.0 END`,
		// At t_x = T the history is the same for the part that does not depend on t_x.
		expectedIfAlive: (t, x, T) =>
			bgnbdConditionalExpectedPurchases(p, t, x, T, T) / bgnbdProbabilityAlive(p, x, T, T),
		buyIfAlive: (t, x, T) => buyWithin(p.r, p.alpha, t, x, T),
		expected: (t, x, recency, T) => bgnbdConditionalExpectedPurchases(p, t, x, recency, T),
		unconditional: (t) => bgnbdExpectedPurchases(p, t)
	};
}

function paretoNbdModel(data: CompressedSummary): PurchaseModel {
	const fit = fitParetoNbd(data);
	const p: ParetoNbdParams = fit.params;
	const expected = (t: number, x: number, recency: number, T: number) =>
		paretoNbdConditionalExpectedPurchases(p, t, x, recency, T);
	return {
		fitted: fittedModel(fit),
		pAlive: (x, recency, T) => paretoNbdProbabilityAlive(p, x, recency, T),
		pAliveSql: null,
		// At t_x = T a Pareto/NBD customer is alive for sure: the factor is E itself.
		expectedIfAlive: (t, x, T) => expected(t, x, T, T),
		buyIfAlive: (t, x, T) => buyWithin(p.r, p.alpha, t, x, T),
		expected,
		// A new customer is alive at 0: the conditional expectation at x = t_x = T = 0.
		unconditional: (t) => expected(t, 0, 0, 0)
	};
}

function mbgnbdModel(data: CompressedSummary): PurchaseModel {
	const fit = fitMbgnbd(data);
	const p: MbgnbdParams = fit.params;
	return {
		fitted: fittedModel(fit),
		pAlive: (x, recency, T) => mbgnbdProbabilityAlive(p, x, recency, T),
		// 1 / (1 + a/(b+x) ((α+T)/(α+t_x))^(r+x)), as mbgnbdProbabilityAlive, for every x.
		pAliveSql: (x, recency, T) => sql`1 / (1 + exp(ln(${p.a}) - ln(${p.b} + ${x})
			+ (${p.r} + ${x}) * (ln(${p.alpha} + ${T}) - ln(${p.alpha} + ${recency}))))`,
		expectedIfAlive: (t, x, T) =>
			mbgnbdConditionalExpectedPurchases(p, t, x, T, T) / mbgnbdProbabilityAlive(p, x, T, T),
		buyIfAlive: (t, x, T) => buyWithin(p.r, p.alpha, t, x, T),
		expected: (t, x, recency, T) => mbgnbdConditionalExpectedPurchases(p, t, x, recency, T),
		unconditional: (t) => mbgnbdExpectedPurchases(p, t)
	};
}

const MODELS: Record<PurchaseModelName, (data: CompressedSummary) => PurchaseModel> = {
	mbgnbd: mbgnbdModel,
	bgnbd: bgnbdModel,
	paretonbd: paretoNbdModel
};

export function fitPurchaseModel(model: PurchaseModelName, data: CompressedSummary): PurchaseModel {
	return MODELS[model](data);
}
