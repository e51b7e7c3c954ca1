// The purchase model behind the indicators, BG/NBD or Pareto/NBD, behind one face: fit it on
// distinct histories with their counts, then ask each history for P(alive), expected purchases
// and the chance of no purchase in a window. Pareto/NBD has no closed form for that chance; it
// is taken as e^(−E[Y(t)]), the Poisson reading of its expected purchases (stated in the UI).
import { fitBgnbd, type BgnbdParams } from './btyd/bgnbd';
import {
	bgnbdConditionalExpectedPurchases,
	bgnbdExpectedPurchases,
	bgnbdProbabilityAlive,
	bgnbdProbabilityNoPurchase
} from './btyd/bgnbd-predict';
import { distinctValues, type CompressedSummary } from './btyd/compress';
import {
	fitParetoNbd,
	paretoNbdConditionalExpectedPurchases,
	paretoNbdProbabilityAlive,
	type ParetoNbdParams
} from './btyd/pareto-nbd';
import type { FittedModel } from './run-state';

export interface PurchaseModel {
	fitted: FittedModel;
	pAlive(x: number, recency: number, T: number): number;
	/** E[Y(t) | x, t_x, T]: purchases expected in the next t. */
	expected(t: number, x: number, recency: number, T: number): number;
	/** P(Y(t) = 0 | x, t_x, T). */
	noPurchase(t: number, x: number, recency: number, T: number): number;
	/** E[X(t)]: purchases of a new customer in their first t (repeat purchases for BG/NBD). */
	unconditional(t: number): number;
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
		fitted: {
			params: { ...p },
			logLikelihood: fit.logLikelihood,
			converged: fit.converged,
			customers: fit.customers
		},
		pAlive: (x, recency, T) => bgnbdProbabilityAlive(p, x, recency, T),
		expected: (t, x, recency, T) => bgnbdConditionalExpectedPurchases(p, t, x, recency, T),
		noPurchase: (t, x, recency, T) => bgnbdProbabilityNoPurchase(p, t, x, recency, T),
		unconditional: (t) => bgnbdExpectedPurchases(p, t)
	};
}

function paretoNbdModel(data: CompressedSummary): PurchaseModel {
	const fit = fitParetoNbd(data);
	const p: ParetoNbdParams = fit.params;
	const expected = (t: number, x: number, recency: number, T: number) =>
		paretoNbdConditionalExpectedPurchases(p, t, x, recency, T);
	return {
		fitted: {
			params: { ...p },
			logLikelihood: fit.logLikelihood,
			converged: fit.converged,
			customers: fit.customers
		},
		pAlive: (x, recency, T) => paretoNbdProbabilityAlive(p, x, recency, T),
		expected,
		noPurchase: (t, x, recency, T) => Math.exp(-expected(t, x, recency, T)),
		// A new customer is alive at 0: the conditional expectation at x = t_x = T = 0.
		unconditional: (t) => expected(t, 0, 0, 0)
	};
}

export function fitPurchaseModel(
	model: 'bgnbd' | 'paretonbd',
	data: CompressedSummary
): PurchaseModel {
	return model === 'bgnbd' ? bgnbdModel(data) : paretoNbdModel(data);
}
