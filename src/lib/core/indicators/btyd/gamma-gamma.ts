// Gamma–Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves",
// and Hardie's note "The Gamma-Gamma model of monetary value"): each transaction's value is
// Gamma(p, ν), ν ~ Gamma(q, γ) across customers (γ is `v` here). The mean z̄ of x transactions
// has density Γ(px+q) / (Γ(px)Γ(q)) · v^q (z̄x)^(px−1) x / (v + z̄x)^(px+q). Only customers with
// x > 0 and z̄ > 0 inform the fit. Terms that depend on x alone are computed once per distinct x;
// per customer only ln(v + x z̄) remains.
import { distinctValues } from './compress';
import { l2Penalty, outOfBounds, type FitOptions, type FitResult } from './fit-result';
import { minimize } from './optimize';
import { digamma, lgamma } from './special';

export interface GammaGammaParams {
	p: number;
	q: number;
	v: number;
}

export type GammaGammaFit = FitResult<GammaGammaParams>;

interface SpendData {
	x: Float64Array;
	spend: Float64Array;
	/** ln(x z̄) + ln x / (px−1) pieces that do not depend on the parameters. */
	logTotal: Float64Array;
	xs: ReturnType<typeof distinctValues>;
	weightOfX: Float64Array;
	/** Σ ln(x z̄) per distinct x, and Σ ln x. */
	logTotalOfX: Float64Array;
	sumLogX: number;
}

function spendData(frequency: ArrayLike<number>, monetary: ArrayLike<number>): SpendData {
	const keep: number[] = [];
	for (let i = 0; i < frequency.length; i++) {
		if ((frequency[i] as number) > 0 && (monetary[i] as number) > 0) keep.push(i);
	}
	const x = Float64Array.from(keep, (i) => frequency[i] as number);
	const spend = Float64Array.from(keep, (i) => monetary[i] as number);
	const logTotal = x.map((xi, i) => Math.log(xi * (spend[i] as number)));
	const xs = distinctValues(x);
	const weightOfX = new Float64Array(xs.values.length);
	const logTotalOfX = new Float64Array(xs.values.length);
	let sumLogX = 0;
	for (let i = 0; i < x.length; i++) {
		const k = xs.index[i] as number;
		weightOfX[k] = (weightOfX[k] as number) + 1;
		logTotalOfX[k] = (logTotalOfX[k] as number) + (logTotal[i] as number);
		sumLogX += Math.log(x[i] as number);
	}
	return { x, spend, logTotal, xs, weightOfX, logTotalOfX, sumLogX };
}

/** Mean negative log-likelihood (plus penalty) at log-parameters, with its analytic gradient. */
function objective(data: SpendData, penalizer: number) {
	const { xs, weightOfX, logTotalOfX } = data;
	const n = data.x.length;
	const logShareOfX = new Float64Array(xs.values.length); // Σ ln(v + x z̄) per distinct x
	const invShareOfX = new Float64Array(xs.values.length); // Σ 1/(v + x z̄) per distinct x
	return (theta: Float64Array, gradient?: Float64Array): number => {
		if (outOfBounds(theta)) return Infinity;
		const p = Math.exp(theta[0] as number);
		const q = Math.exp(theta[1] as number);
		const v = Math.exp(theta[2] as number);
		logShareOfX.fill(0);
		invShareOfX.fill(0);
		for (let i = 0; i < n; i++) {
			const k = xs.index[i] as number;
			const share = v + (data.x[i] as number) * (data.spend[i] as number);
			logShareOfX[k] = (logShareOfX[k] as number) + Math.log(share);
			if (gradient) invShareOfX[k] = (invShareOfX[k] as number) + 1 / share;
		}
		const logV = Math.log(v);
		const lgq = lgamma(q);
		let ll = data.sumLogX;
		let gp = 0;
		let gq = 0;
		let gv = 0;
		const psiQ = gradient ? digamma(q) : 0;
		for (let k = 0; k < xs.values.length; k++) {
			const x = xs.values[k] as number;
			const c = weightOfX[k] as number;
			const px = p * x;
			ll +=
				c * (lgamma(px + q) - lgamma(px) - lgq + q * logV) +
				(px - 1) * (logTotalOfX[k] as number) -
				(px + q) * (logShareOfX[k] as number);
			if (gradient) {
				const psiPXQ = digamma(px + q);
				gp +=
					x *
					(c * (psiPXQ - digamma(px)) + (logTotalOfX[k] as number) - (logShareOfX[k] as number));
				gq += c * (psiPXQ - psiQ + logV) - (logShareOfX[k] as number);
				gv += (c * q) / v - (px + q) * (invShareOfX[k] as number);
			}
		}
		if (gradient) {
			gradient[0] = (-p * gp) / n;
			gradient[1] = (-q * gq) / n;
			gradient[2] = (-v * gv) / n;
			l2Penalty(new Float64Array([p, q, v]), penalizer, gradient);
		}
		return -ll / n + l2Penalty(new Float64Array([p, q, v]), penalizer);
	};
}

/** Total log-likelihood of the spend of customers with x > 0 and z̄ > 0. */
export function gammaGammaLogLikelihood(
	params: GammaGammaParams,
	frequency: ArrayLike<number>,
	monetary: ArrayLike<number>
): number {
	const data = spendData(frequency, monetary);
	if (data.x.length === 0) return 0;
	const theta = Float64Array.from([params.p, params.q, params.v], Math.log);
	return -objective(data, 0)(theta) * data.x.length;
}

/**
 * Maximum-likelihood Gamma–Gamma parameters from customers' frequency and mean repeat spend;
 * customers with x = 0 or z̄ ≤ 0 are left out. Starts at a mean spend equal to the data's.
 */
export function fitGammaGamma(
	frequency: ArrayLike<number>,
	monetary: ArrayLike<number>,
	options: FitOptions<GammaGammaParams> = {}
): GammaGammaFit {
	const data = spendData(frequency, monetary);
	if (data.x.length === 0) {
		throw new Error('The spend model needs customers with a repeat purchase of a positive amount');
	}
	let mean = 0;
	for (let i = 0; i < data.spend.length; i++) mean += (data.spend[i] as number) / data.spend.length;
	const start = options.start ?? { p: 2, q: 3, v: mean };
	const f = objective(data, options.penalizer ?? 0);
	const result = minimize(f, [start.p, start.q, start.v].map(Math.log), { analyticGradient: true });
	const [p, q, v] = Array.from(result.x, Math.exp) as [number, number, number];
	const params = { p, q, v };
	return {
		params,
		logLikelihood: -f(result.x) * data.x.length,
		customers: data.x.length,
		iterations: result.iterations,
		converged: result.converged
	};
}

/** Population mean spend per transaction, p v / (q − 1); infinite when q ≤ 1. */
export function gammaGammaMeanSpend(params: GammaGammaParams): number {
	return params.q > 1 ? (params.p * params.v) / (params.q - 1) : Infinity;
}

/**
 * E[Z | z̄, x]: expected spend per transaction of a customer, a weighted mean of the population
 * mean and the customer's own, p (v + x z̄) / (p x + q − 1); the population mean when x = 0.
 */
export function gammaGammaExpectedSpend(
	params: GammaGammaParams,
	x: number,
	spend: number
): number {
	if (!(x > 0) || !(spend > 0)) return gammaGammaMeanSpend(params);
	const { p, q, v } = params;
	return (p * (v + x * spend)) / (p * x + q - 1);
}
