// Special functions the buy-till-you-die models need: digamma, log-beta, stable log-sums and the
// Gauss hypergeometric function 2F1 on 0 ≤ z < 1, as a logarithm (ln Γ lives in log-gamma.ts).
// The tricky point is 2F1 near z = 1, where its series needs up to millions of terms. The form
// the Pareto/NBD uses, 2F1(1, b; c; z), comes from Gauss's continued fraction (after Pfaff's
// transformation beyond z = ½, so that 1 − z keeps its digits) and, within 0.01 of z = 1, from
// the transformation to 1 − z (Abramowitz & Stegun 15.3.6) rewritten so that its poles at integer
// c − b − 1 cancel analytically: a few hundred steps at most. Other parameters are summed as a
// series in whichever of the direct and Euler-transformed forms decays faster.
import { lgamma, lgammaQuotient, log1pOverU } from './log-gamma';

export { lgamma } from './log-gamma';

/** ψ(x) = d/dx ln Γ(x), for x > 0: recurrence up to 10, then the asymptotic series. */
export function digamma(x: number): number {
	if (!(x > 0)) return x === 0 ? -Infinity : NaN;
	let shift = 0;
	while (x < 10) {
		shift -= 1 / x;
		x += 1;
	}
	const inv2 = 1 / (x * x);
	const tail =
		inv2 *
		(1 / 12 -
			inv2 *
				(1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760))))));
	return shift + Math.log(x) - 0.5 / x - tail;
}

/** ln B(a, b). */
export function betaln(a: number, b: number): number {
	return lgamma(a) + lgamma(b) - lgamma(a + b);
}

/** ln(e^u + e^v) without overflow; -Infinity terms are neutral. */
export function logAddExp(u: number, v: number): number {
	if (u === -Infinity) return v;
	if (v === -Infinity) return u;
	return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}

/** ln Σ e^values, stable for large and very negative values. */
export function logSumExp(values: ArrayLike<number>): number {
	let max = -Infinity;
	for (let i = 0; i < values.length; i++) max = Math.max(max, values[i] as number);
	if (max === -Infinity || !Number.isFinite(max)) return max;
	let sum = 0;
	for (let i = 0; i < values.length; i++) sum += Math.exp((values[i] as number) - max);
	return max + Math.log(sum);
}

/** ln(e^u − e^v) for u ≥ v; -Infinity when they are equal. */
export function logSubExp(u: number, v: number): number {
	if (v === -Infinity) return u;
	if (v >= u) return -Infinity;
	return u + Math.log1p(-Math.exp(v - u));
}

const SERIES_EPSILON = 1e-17;
const SERIES_MAX_TERMS = 500_000;
const RESCALE_ABOVE = 1e250;

/**
 * ln of the hypergeometric series Σ (a)_n (b)_n / ((c)_n n!) z^n for 0 ≤ z < 1, summed with a
 * running rescale so large values do not overflow. NaN when the sum is not positive.
 */
function logSeries(a: number, b: number, c: number, z: number): number {
	let term = 1;
	let sum = 1;
	let logScale = 0;
	for (let n = 0; n < SERIES_MAX_TERMS; n++) {
		const ratio = ((a + n) * (b + n)) / ((c + n) * (n + 1));
		term *= ratio * z;
		sum += term;
		if (Math.abs(sum) > RESCALE_ABOVE) {
			logScale += Math.log(Math.abs(sum));
			term /= Math.abs(sum);
			sum = Math.sign(sum);
		}
		if (term === 0) break;
		// Once the ratio of successive terms is below one it tends to z; the tail is then a
		// geometric series bounded by the larger of the two.
		const next = Math.abs(((a + n + 1) * (b + n + 1)) / ((c + n + 1) * (n + 2))) * z;
		if (next < 1) {
			const rho = Math.max(next, z);
			if ((Math.abs(term) * rho) / (1 - rho) <= SERIES_EPSILON * Math.abs(sum)) break;
		}
	}
	return sum > 0 ? logScale + Math.log(sum) : NaN;
}

/** Closer than this to z = 1, 2F1(1, b; c; z) is transformed to 1 − z. */
const NEAR_ONE = 0.01;
/** Beyond this c − b − 1 the continued fraction is fast at any z; the transform not always. */
const FRACTION_FAST_ABOVE = 8;
/** A bound no evaluation reaches (a few hundred steps at most), against endless loops. */
const MAX_STEPS = 50_000;
const TINY = 1e-300;

const nonzero = (v: number) => (Math.abs(v) < TINY ? TINY : v);

/**
 * 2F1(b, 1; b+d; z) for b + d > 1 and z < 1 from Gauss's continued fraction (the one of the
 * incomplete beta function), by the modified Lentz method; d is given apart from b so that
 * c − b is exact however large b is.
 */
function gaussFraction(b: number, d: number, z: number): number {
	const c = b + d;
	let C = 1;
	let D = 1 / nonzero(1 - (b * z) / c);
	let value = D;
	for (let k = 1; k <= MAX_STEPS; k++) {
		const even = (k * (1 - d - k) * z) / ((c - 2 + 2 * k) * (c - 1 + 2 * k));
		D = 1 / nonzero(1 + even * D);
		C = nonzero(1 + even / C);
		value *= D * C;
		const odd = (-(c - 1 + k) * (b + k) * z) / ((c - 1 + 2 * k) * (c + 2 * k));
		D = 1 / nonzero(1 + odd * D);
		C = nonzero(1 + odd / C);
		const step = D * C;
		value *= step;
		if (Math.abs(step - 1) <= 2 * Number.EPSILON) break;
	}
	return value;
}

/**
 * ln 2F1(1, b; c; 1 − w) for m = c − b − 1 < −½, where A&S 15.3.6 with a = 1 reads
 *   (c−1)/m · Σₙ (b)ₙ wⁿ / (1−m)ₙ + Γ(−m) Γ(c)/Γ(b) · w^m (1−w)^(1−c)
 * and neither part has a pole; the second dominates. c − 1 is taken as b + m throughout.
 */
function logNearOneBelowPoles(b: number, m: number, w: number): number {
	let term = 1;
	let sum = 1;
	for (let n = 0; n < MAX_STEPS && term > SERIES_EPSILON * sum; n++) {
		term *= ((b + n) * w) / (n + 1 - m);
		sum += term;
	}
	// ln Γ(c) − ln Γ(b) as a difference quotient: for large b the two share their leading digits.
	const logGammaRatio = (m + 1) * lgammaQuotient(b, m + 1);
	const logSecond = m * Math.log(w) - (b + m) * Math.log1p(-w) + logGammaRatio + lgamma(-m);
	return logSecond + Math.log1p(((b + m) / m) * sum * Math.exp(-logSecond));
}

/**
 * 2F1(1, b; c; 1 − w) for m = c − b − 1 ≥ −½. In the form above both parts have poles at
 * m = 0, 1, 2, … that cancel; with m = N + ε, |ε| ≤ ½, the terms n ≥ N of the series are paired
 * with the binomial series of (1−w)^(1−c), which gives (exactly, for every ε)
 *   (c−1)/m Σ_{n<N} (b)ₙ wⁿ/(1−m)ₙ
 *   + (−1)^(N+1) (c−1)/(1+ε)_N · Σⱼ (b)_{N+j} w^(N+j)/(1−ε)ⱼ · (e^(ε Rⱼ) − 1)/ε,
 *   Rⱼ = ln w + [ln Γ(b+N+j+ε) − ln Γ(b+N+j)]/ε − [ln Γ(j+1−ε) − ln Γ(j+1)]/(−ε),
 * with no pole left: at ε = 0 it is A&S 15.3.10–15.3.12.
 */
function nearOneAcrossPoles(b: number, m: number, w: number): number {
	const poles = Math.max(0, Math.round(m));
	const eps = m - poles;
	// c − 1 as b + m, so that it agrees with ε to the last bit: (c−1)/ε is 1 + b/ε for small b.
	const cMinusOne = b + m;
	let regular = 0;
	let term = cMinusOne / m;
	let weight = 1;
	let scale = cMinusOne;
	for (let n = 0; n < poles; n++) {
		regular += term;
		term *= ((b + n) * w) / (n + 1 - m);
		weight *= (b + n) * w;
		scale /= -(n + 1 + eps);
	}
	const logW = Math.log(w);
	let quotientX = lgammaQuotient(b + poles, eps);
	let quotientJ = lgammaQuotient(1, -eps);
	let sum = 0;
	for (let j = 0; j < MAX_STEPS; j++) {
		const r = logW + quotientX - quotientJ;
		const next = weight * (eps === 0 ? r : Math.expm1(eps * r) / eps);
		sum += next;
		const x = b + poles + j;
		const ratio = (x * w) / (j + 1 - eps);
		if (j > 0 && ratio < 0.5 && Math.abs(next) <= SERIES_EPSILON * Math.abs(sum)) break;
		weight *= ratio;
		quotientX += log1pOverU(eps / x) / x;
		quotientJ += log1pOverU(-eps / (j + 1)) / (j + 1);
	}
	return regular - scale * sum;
}

/**
 * ln 2F1(1, b; b+d; z) for b > 0, d > 0, b + d > 1 and 0 ≤ z < 1, in a few hundred steps at most
 * (the Pareto/NBD's 2F1: d is s + 1 or r + x). d is passed apart from b because the value hangs
 * on it and b may be in the millions; w = 1 − z may be passed too: when z is a ratio such as
 * (α−β)/(α+u), w = (β+u)/(α+u) keeps the digits that 1 − z loses (z may even round to 1).
 */
export function logHyp2f1One(b: number, d: number, z: number, w = 1 - z): number {
	if (!(z >= 0 && z <= 1 && w > 0 && b > 0 && d > 0 && b + d > 1 && b < Infinity)) return NaN;
	if (z === 0) return 0;
	const m = d - 1;
	if (w < NEAR_ONE && m <= FRACTION_FAST_ABOVE && (b + m) * w <= 0.5) {
		const log = m < -0.5 ? logNearOneBelowPoles(b, m, w) : Math.log(nearOneAcrossPoles(b, m, w));
		if (Number.isFinite(log)) return log;
	}
	// Beyond z = ½ through Pfaff's 2F1(1, b; c; z) = 2F1(1, d; c; −z/w) / w, whose argument
	// carries w to the last digit where z no longer does.
	const log =
		z <= 0.5 ? Math.log(gaussFraction(b, d, z)) : Math.log(gaussFraction(d, b, -z / w) / w);
	return Number.isFinite(log) ? log : NaN;
}

/**
 * ln 2F1(a, b; c; z) for 0 ≤ z < 1 where the function is positive (every use in these models).
 * With a = 1 (or b = 1) see logHyp2f1One. Otherwise terms of the direct series decay like
 * n^(a+b−c−1) zⁿ, those of Euler's transform 2F1(a,b;c;z) = (1−z)^(c−a−b) 2F1(c−a, c−b; c; z)
 * like n^(c−a−b−1) zⁿ: the faster one is used.
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
	if (!(z >= 0 && z < 1) || !Number.isFinite(a + b + c)) return NaN;
	if (c <= 0 && Number.isInteger(c)) return NaN;
	if (z === 0) return 0;
	const other = a === 1 ? b : b === 1 ? a : NaN;
	if (other > 0 && c > other && c > 1) return logHyp2f1One(other, c - other, z);
	if (c < a + b) {
		const euler = logSeries(c - a, c - b, c, z);
		if (!Number.isNaN(euler)) return (c - a - b) * Math.log1p(-z) + euler;
	}
	return logSeries(a, b, c, z);
}

/** 2F1(a, b; c; z) for 0 ≤ z < 1, where it is positive. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
	return Math.exp(logHyp2f1(a, b, c, z));
}
