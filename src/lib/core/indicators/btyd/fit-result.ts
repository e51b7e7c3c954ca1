// What every model fit reports, and the guards every likelihood shares: log-parameters kept in
// a range where exp() is finite, and a penalty (as in common practice, an L2 term on the
// natural parameters, added to the mean negative log-likelihood per customer).

export interface FitResult<P> {
	params: P;
	/** Total log-likelihood of the data at `params` (without the penalty). */
	logLikelihood: number;
	/** Customers the model was fitted on. */
	customers: number;
	iterations: number;
	converged: boolean;
}

export interface FitOptions<P> {
	/** L2 penalty on the parameters, added to the mean negative log-likelihood; 0 by default. */
	penalizer?: number;
	/** Where the search starts; a guess from the data by default. */
	start?: P;
}

/** Log-parameters beyond ±LOG_BOUND make exp() overflow in the formulas: refused outright. */
export const LOG_BOUND = 40;

export function outOfBounds(logParams: Float64Array): boolean {
	for (let i = 0; i < logParams.length; i++) {
		const v = logParams[i] as number;
		if (!(Math.abs(v) <= LOG_BOUND)) return true;
	}
	return false;
}

/** penalizer · Σ θ², and its gradient with respect to ln θ (2 · penalizer · θ²) added to `gradient`. */
export function l2Penalty(
	params: Float64Array,
	penalizer: number,
	gradient?: Float64Array
): number {
	if (!penalizer) return 0;
	let sum = 0;
	for (let i = 0; i < params.length; i++) {
		const p = params[i] as number;
		sum += p * p;
		if (gradient) gradient[i] = (gradient[i] as number) + 2 * penalizer * p * p;
	}
	return penalizer * sum;
}
