// Special functions the buy-till-you-die models need: log-gamma, digamma, log-beta, stable
// log-sums and the Gauss hypergeometric function 2F1 on 0 ≤ z < 1. The tricky point is 2F1 near
// z = 1, where its series converges slowly or its value overflows: the series is summed in
// whichever of the direct and Euler-transformed forms decays faster, on a rescaled running sum,
// and returned as a logarithm.

/** Lanczos coefficients, g = 607/128 (Godfrey): relative error about 1e-15 on Γ. */
const LANCZOS_G = 607 / 128;
const LANCZOS = [
	0.9999999999999971, 57.15623566586292, -59.59796035547549, 14.136097974741746,
	-0.4919138160976202, 0.00003399464998481189, 0.00004652362892704858, -0.00009837447530487956,
	0.0001580887032249125, -0.00021026444172410488, 0.00021743961811521265, -0.0001643181065367639,
	0.00008441822398385275, -0.000026190838401581408, 0.0000036899182659531625
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0 (and ln |Γ(x)| for negative non-integers, by reflection). */
export function lgamma(x: number): number {
	if (Number.isNaN(x)) return NaN;
	if (x < 0.5) {
		if (Number.isInteger(x)) return Infinity;
		return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
	}
	if (x === 1 || x === 2) return 0;
	const y = x - 1;
	let series = LANCZOS[0] as number;
	for (let i = 1; i < LANCZOS.length; i++) series += (LANCZOS[i] as number) / (y + i);
	const t = y + LANCZOS_G + 0.5;
	return HALF_LOG_TWO_PI + (y + 0.5) * Math.log(t) - t + Math.log(series);
}

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

/**
 * ln 2F1(a, b; c; z) for 0 ≤ z < 1 where the function is positive (every use in these models).
 * Terms of the direct series decay like n^(a+b−c−1) z^n, those of Euler's transform
 * 2F1(a,b;c;z) = (1−z)^(c−a−b) 2F1(c−a, c−b; c; z) like n^(c−a−b−1) z^n: the faster one is used.
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
	if (!(z >= 0 && z < 1) || !Number.isFinite(a + b + c)) return NaN;
	if (c <= 0 && Number.isInteger(c)) return NaN;
	if (z === 0) return 0;
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
