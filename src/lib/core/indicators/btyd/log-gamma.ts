// ln Γ by Lanczos' approximation, and the difference quotient (ln Γ(x+ε) − ln Γ(x)) / ε that the
// hypergeometric function needs next to its poles. The tricky point is that quotient at small ε:
// the two logarithms share most of their digits, so the difference is taken term by term inside
// Lanczos' formula, where each term has a form without cancellation; at ε = 0 it is ψ(x).

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

/** ln(1 + u) / u, with its limit 1 at u = 0. */
export function log1pOverU(u: number): number {
	return u === 0 ? 1 : Math.log1p(u) / u;
}

/**
 * (ln Γ(x+ε) − ln Γ(x)) / ε for x > 0 and x + ε > 0, smooth through ε = 0 where it is ψ(x).
 * Arguments below 1 are lifted by ln Γ(x+1) = ln Γ(x) + ln x; in Lanczos' formula
 * ln Γ(y+1) = ½ ln 2π + (y+½) ln t − t + ln S(y), t = y + g + ½, the differences are
 * (y+½) ln(1 + ε/t) + ε ln(t+ε), −ε and ln(1 − ε U/S) with U = Σ cᵢ / ((y+i)(y+i+ε)).
 */
export function lgammaQuotient(x: number, eps: number): number {
	let lift = 0;
	while (Math.min(x, x + eps) < 1) {
		lift -= log1pOverU(eps / x) / x;
		x += 1;
	}
	const y = x - 1;
	let series = LANCZOS[0] as number;
	let u = 0;
	for (let i = 1; i < LANCZOS.length; i++) {
		const d = y + i;
		series += (LANCZOS[i] as number) / d;
		u += (LANCZOS[i] as number) / (d * (d + eps));
	}
	const t = y + LANCZOS_G + 0.5;
	const ratio = u / series;
	return (
		lift +
		((y + 0.5) * log1pOverU(eps / t)) / t +
		Math.log(t + eps) -
		1 -
		ratio * log1pOverU(-eps * ratio)
	);
}
