// What a fitted MBG/NBD says about customers (Batislam, Denizel & Filiztekin 2007, appendix A;
// Wagner & Hoppe 2008): the probability that a customer with history (x, t_x, T) is alive,
//   1 / (1 + a/(b+x) ((α+T)/(α+t_x))^(r+x)),  x = 0 included,
// their expected purchases in (T, T+t],
//   (a+b+x)/(a−1) [1 − ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; z)] · P(alive),
// z = t/(α+T+t), that of a new customer, b/(a−1) [1 − (α/(α+t))^r 2F1(r, b+1; a+b; t/(α+t))]
// (the same at x = t_x = T = 0), and the distribution of purchases in (0, t]. Given alive the
// dropout is Beta(a, b+x+1), BG/NBD's Beta(a, b+x) with b one higher, so the tricky points are
// those of bgnbd-predict.ts: with Euler's transform the bracket becomes
//   1 − (1−z)^(a−1) 2F1(a+b−r, a−1; a+b+x; z),
// fast to sum for any x and taken as −expm1(ln …) to keep small t exact, and a = 1 is a 0/0,
// resolved here by taking the factor a − 1 out of the 2F1 series before summing it.
import type { MbgnbdParams } from './mbgnbd';
import { betaln, lgamma, logAddExp, logHyp2f1 } from './special';

/** ln[a/(b+x) ((α+T)/(α+t_x))^(r+x)]: the odds of "dropped out" against "alive". */
function logDeathOdds(p: MbgnbdParams, x: number, recency: number, T: number): number {
	return (
		Math.log(p.a) -
		Math.log(p.b + x) +
		(p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + recency))
	);
}

/** P(alive at T | x, t_x, T); below 1 for every customer, and falling with T when x = 0. */
export function mbgnbdProbabilityAlive(
	p: MbgnbdParams,
	x: number,
	recency: number,
	T: number
): number {
	const odds = logDeathOdds(p, x, recency, T);
	if (odds > 0) {
		const e = Math.exp(-odds);
		return e / (1 + e);
	}
	return 1 / (1 + Math.exp(odds));
}

/** Within this distance of a = 1 the bracket is divided by a − 1 analytically (see below). */
const NEAR_A_ONE = 1e-3;
const SERIES_EPSILON = 1e-17;
const SERIES_MAX_TERMS = 500_000;

/**
 * H = Σ_{n≥1} (A)_n (a)_{n−1} / ((c)_n n!) zⁿ, so that 2F1(A, a−1; c; z) = 1 + (a−1) H: the
 * factor a − 1 that every term of the series shares is taken out before summing.
 */
function seriesOverAMinusOne(A: number, a: number, c: number, z: number): number {
	let term = (A / c) * z;
	let sum = term;
	for (let n = 1; n < SERIES_MAX_TERMS; n++) {
		const ratio = (((A + n) * (a + n - 1)) / ((c + n) * (n + 1))) * z;
		if (Math.abs(ratio) < 1) {
			const rho = Math.max(Math.abs(ratio), z);
			if ((Math.abs(term) * rho) / (1 - rho) <= SERIES_EPSILON * Math.abs(sum)) break;
		}
		term *= ratio;
		sum += term;
	}
	return sum;
}

/** ln(1+y)/y and (eʸ−1)/y, both 1 at y = 0. */
const log1pOver = (y: number) => (y === 0 ? 1 : Math.log1p(y) / y);
const expm1Over = (y: number) => (y === 0 ? 1 : Math.expm1(y) / y);

/** E[purchases in (T, T+t] | alive at T]: (a+b+x)/(a−1) · bracket. */
function expectedWhileAlive(p: MbgnbdParams, t: number, x: number, T: number): number {
	const { a, b, r } = p;
	const z = t / (p.alpha + T + t);
	const delta = a - 1;
	if (Math.abs(delta) >= NEAR_A_ONE) {
		const logF = logHyp2f1(a + b - r, delta, a + b + x, z);
		return ((a + b + x) / delta) * -Math.expm1(delta * Math.log1p(-z) + logF);
	}
	// Near a = 1 both bracket and a − 1 vanish. With F = 1 + δH, the bracket is −expm1(δv) for
	// v = ln(1−z) + ln(1 + δH)/δ, so bracket/δ = −v (e^(δv)−1)/(δv), exact at δ = 0 too.
	const H = seriesOverAMinusOne(a + b - r, a, a + b + x, z);
	const v = Math.log1p(-z) + H * log1pOver(delta * H);
	return -(a + b + x) * v * expm1Over(delta * v);
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in (T, T+t] of a customer with that history; at and
 * near a = 1, where the formula is 0/0, by its limit.
 */
export function mbgnbdConditionalExpectedPurchases(
	p: MbgnbdParams,
	t: number,
	x: number,
	recency: number,
	T: number
): number {
	if (!(t > 0)) return 0;
	const value = expectedWhileAlive(p, t, x, T) * mbgnbdProbabilityAlive(p, x, recency, T);
	return Number.isFinite(value) && value > 0 ? value : 0;
}

/** E[X(t)]: expected repeat purchases of a new customer in (0, t] after the first purchase. */
export function mbgnbdExpectedPurchases(p: MbgnbdParams, t: number): number {
	return mbgnbdConditionalExpectedPurchases(p, t, 0, 0, 0);
}

/**
 * P(Y(t) = 0 | x, t_x, T): no purchase in (T, T+t]. Dead, or alive with no purchase, since
 * dropout only happens right after a purchase: 1 − P(alive) + P(alive) ((α+T)/(α+T+t))^(r+x).
 */
export function mbgnbdProbabilityNoPurchase(
	p: MbgnbdParams,
	t: number,
	x: number,
	recency: number,
	T: number
): number {
	if (!(t > 0)) return 1;
	const alive = mbgnbdProbabilityAlive(p, x, recency, T);
	const buys = -Math.expm1((p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + T + t)));
	return 1 - alive * buys;
}

/** ln of the NBD probability of j purchases in (0, t] while alive. */
function logNbd(p: MbgnbdParams, j: number, logStay: number, logBuy: number): number {
	return lgamma(p.r + j) - lgamma(p.r) - lgamma(j + 1) + p.r * logStay + j * logBuy;
}

/** P(N ≥ n) for the NBD count in (0, t]: the smaller side is summed to avoid cancellation. */
function nbdTail(p: MbgnbdParams, n: number, logStay: number, logBuy: number): number {
	let below = 0;
	for (let j = 0; j < n; j++) below += Math.exp(logNbd(p, j, logStay, logBuy));
	if (below < 0.5) return 1 - below;
	let tail = 0;
	let term = Math.exp(logNbd(p, n, logStay, logBuy));
	const buy = Math.exp(logBuy);
	for (let j = n; j < n + 1_000_000 && term > 1e-17 * tail; j++) {
		tail += term;
		term *= ((p.r + j) / (j + 1)) * buy;
	}
	return tail;
}

/**
 * P(X(t) = n): probability that a new customer makes n repeat purchases in (0, t]. Alive after
 * n purchases with none since, B(a, b+n+1)/B(a, b) · NBD(n), or dropped out right after the
 * n-th (the first purchase when n = 0), B(a+1, b+n)/B(a, b) · P(NBD ≥ n).
 */
export function mbgnbdProbabilityOfPurchases(p: MbgnbdParams, t: number, n: number): number {
	if (!(n >= 0) || !Number.isInteger(n)) return 0;
	if (!(t > 0)) return n === 0 ? 1 : 0;
	const logStay = Math.log(p.alpha) - Math.log(p.alpha + t);
	const logBuy = Math.log(t) - Math.log(p.alpha + t);
	const logB = betaln(p.a, p.b);
	const alive = betaln(p.a, p.b + n + 1) - logB + logNbd(p, n, logStay, logBuy);
	const tail = n === 0 ? 1 : nbdTail(p, n, logStay, logBuy);
	const dropped = betaln(p.a + 1, p.b + n) - logB + Math.log(tail);
	return Math.exp(logAddExp(alive, dropped));
}
