// MBG/NBD (Batislam, Denizel & Filiztekin 2007, "Empirical validation and comparison of models
// for customer base analysis", appendix A; erratum Wagner & Hoppe 2008): the BG/NBD in which a
// customer may also drop out right after the first purchase, so a customer without a repeat
// purchase is not certain to be alive. Purchases at Poisson rate λ ~ Gamma(r, α) while alive,
// dropout with probability p ~ Beta(a, b) after every purchase, the first included. The
// log-likelihood of (x, t_x, T) is
//   ln[Γ(r+x)α^r / Γ(r)] + ln[B(a, b+x+1) / B(a, b)]
//   + ln[(α+T)^−(r+x) + a/(b+x) (α+t_x)^−(r+x)]
// for every x, 0 included (where t_x = 0 and the second term is "dropped out at the start").
// Fitted like BG/NBD (bgnbd.ts): over the log-parameters with the analytic gradient, on
// compressed histories, terms of x, T or t_x alone computed once per distinct value.
import { compressSummary, type CompressedSummary } from './compress';
import { l2Penalty, outOfBounds, type FitOptions, type FitResult } from './fit-result';
import { minimize } from './optimize';
import { digamma, lgamma, logAddExp } from './special';
import type { RepeatSummary } from './summary';

export interface MbgnbdParams {
	r: number;
	alpha: number;
	a: number;
	b: number;
}

export type MbgnbdFit = FitResult<MbgnbdParams>;

/** Log-likelihood of each customer's history. */
export function mbgnbdLogLikelihoods(
	params: MbgnbdParams,
	summary: Pick<RepeatSummary, 'frequency' | 'recency' | 'T'>
): Float64Array {
	const { r, alpha, a, b } = params;
	const base = lgamma(a + b) - lgamma(b) - lgamma(r) + r * Math.log(alpha);
	const out = new Float64Array(summary.frequency.length);
	for (let i = 0; i < out.length; i++) {
		const x = summary.frequency[i] as number;
		const rx = r + x;
		const common = base + lgamma(rx) + lgamma(b + x + 1) - lgamma(a + b + x + 1);
		const stay = -rx * Math.log(alpha + (summary.T[i] as number));
		const drop =
			Math.log(a) - Math.log(b + x) - rx * Math.log(alpha + (summary.recency[i] as number));
		out[i] = common + logAddExp(stay, drop);
	}
	return out;
}

/**
 * The mean negative log-likelihood per customer (plus penalty) at log-parameters θ, and its
 * gradient with respect to θ.
 */
function objective(data: CompressedSummary, penalizer: number) {
	const { frequencies, recencies, ages, weight } = data;
	const nx = frequencies.values.length;
	const perX = new Float64Array(nx);
	const weightOfX = new Float64Array(nx);
	for (let i = 0; i < weight.length; i++) {
		const k = frequencies.index[i] as number;
		weightOfX[k] = (weightOfX[k] as number) + (weight[i] as number);
	}
	const dropWeight = new Float64Array(nx);
	const logDrop = new Float64Array(nx);
	const logAge = new Float64Array(ages.values.length);
	const invAge = new Float64Array(ages.values.length);
	const logRecency = new Float64Array(recencies.values.length);
	const invRecency = new Float64Array(recencies.values.length);
	const total = data.customers;
	return (theta: Float64Array, gradient?: Float64Array): number => {
		if (outOfBounds(theta)) return Infinity;
		const [r, alpha, a, b] = Array.from(theta, Math.exp) as [number, number, number, number];
		const logAlpha = Math.log(alpha);
		const base = lgamma(a + b) - lgamma(b) - lgamma(r) + r * logAlpha;
		for (let k = 0; k < nx; k++) {
			const x = frequencies.values[k] as number;
			perX[k] = base + lgamma(r + x) + lgamma(b + x + 1) - lgamma(a + b + x + 1);
			logDrop[k] = Math.log(a) - Math.log(b + x);
		}
		for (let k = 0; k < ages.values.length; k++) {
			logAge[k] = Math.log(alpha + (ages.values[k] as number));
			invAge[k] = 1 / (alpha + (ages.values[k] as number));
		}
		for (let k = 0; k < recencies.values.length; k++) {
			logRecency[k] = Math.log(alpha + (recencies.values[k] as number));
			invRecency[k] = 1 / (alpha + (recencies.values[k] as number));
		}
		dropWeight.fill(0);
		let ll = 0;
		let gR = 0; // Σ c · ∂/∂r of the bracket's log
		let gAlpha = 0;
		for (let i = 0; i < weight.length; i++) {
			const c = weight[i] as number;
			const kx = frequencies.index[i] as number;
			const kT = ages.index[i] as number;
			const kt = recencies.index[i] as number;
			const rx = r + (frequencies.values[kx] as number);
			const stay = -rx * (logAge[kT] as number);
			const drop = (logDrop[kx] as number) - rx * (logRecency[kt] as number);
			// w: the drop branch's share of the bracket, for the gradient.
			let term: number;
			let w: number;
			if (drop > stay) {
				const e = Math.exp(stay - drop);
				term = drop + Math.log1p(e);
				w = 1 / (1 + e);
			} else {
				const e = Math.exp(drop - stay);
				term = stay + Math.log1p(e);
				w = e / (1 + e);
			}
			ll += c * ((perX[kx] as number) + term);
			if (gradient) {
				dropWeight[kx] = (dropWeight[kx] as number) + c * w;
				gR -= c * ((1 - w) * (logAge[kT] as number) + w * (logRecency[kt] as number));
				gAlpha -= c * rx * ((1 - w) * (invAge[kT] as number) + w * (invRecency[kt] as number));
			}
		}
		if (gradient) {
			let gA = 0;
			let gB = 0;
			const psiAB = digamma(a + b);
			const psiB = digamma(b);
			gR += total * (logAlpha - digamma(r));
			gAlpha += (total * r) / alpha;
			for (let k = 0; k < nx; k++) {
				const x = frequencies.values[k] as number;
				const c = weightOfX[k] as number;
				const psiABX = digamma(a + b + x + 1);
				const drops = dropWeight[k] as number;
				gR += c * digamma(r + x);
				gA += c * (psiAB - psiABX) + drops / a;
				gB += c * (psiAB + digamma(b + x + 1) - psiB - psiABX) - drops / (b + x);
			}
			const natural = [r, alpha, a, b];
			const partial = [gR, gAlpha, gA, gB];
			for (let j = 0; j < 4; j++)
				gradient[j] = (-(natural[j] as number) * (partial[j] as number)) / total;
			l2Penalty(Float64Array.from(natural), penalizer, gradient);
		}
		return -ll / total + l2Penalty(new Float64Array([r, alpha, a, b]), penalizer);
	};
}

/**
 * A start from the data: the gamma's mean r/α at the mean purchase rate of those who came back,
 * and a dropout whose mean a/(a+b) is the share of customers without a repeat purchase, capped
 * to keep the start away from the edges.
 */
function guess(data: CompressedSummary): MbgnbdParams {
	let purchases = 0;
	let time = 0;
	let quiet = 0;
	for (let i = 0; i < data.weight.length; i++) {
		const c = data.weight[i] as number;
		purchases += c * (data.frequency[i] as number);
		time += c * Math.max(data.T[i] as number, 0);
		if (!((data.frequency[i] as number) > 0)) quiet += c;
	}
	const rate =
		purchases > 0 && time > 0 ? purchases / time : 1 / Math.max(time / data.customers, 1);
	const dropout = Math.min(Math.max(quiet / data.customers, 0.1), 0.7);
	return { r: 1, alpha: 1 / rate, a: 1, b: (1 - dropout) / dropout };
}

/** Total log-likelihood of the (compressed) data at `params`. */
export function mbgnbdLogLikelihood(params: MbgnbdParams, data: CompressedSummary): number {
	const f = objective(data, 0);
	const theta = Float64Array.from([params.r, params.alpha, params.a, params.b], Math.log);
	return -f(theta) * data.customers;
}

/** Maximum-likelihood MBG/NBD parameters. */
export function fitMbgnbd(
	summary: CompressedSummary | Pick<RepeatSummary, 'frequency' | 'recency' | 'T'>,
	options: FitOptions<MbgnbdParams> = {}
): MbgnbdFit {
	const data = 'weight' in summary ? summary : compressSummary(summary);
	if (data.customers === 0) throw new Error('MBG/NBD needs at least one customer');
	const start = options.start ?? guess(data);
	const f = objective(data, options.penalizer ?? 0);
	const result = minimize(f, [start.r, start.alpha, start.a, start.b].map(Math.log), {
		analyticGradient: true
	});
	const [r, alpha, a, b] = Array.from(result.x, Math.exp) as [number, number, number, number];
	const params = { r, alpha, a, b };
	return {
		params,
		logLikelihood: mbgnbdLogLikelihood(params, data),
		customers: data.customers,
		iterations: result.iterations,
		converged: result.converged
	};
}
