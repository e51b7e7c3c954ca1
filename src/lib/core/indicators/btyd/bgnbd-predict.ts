// What a fitted BG/NBD says about customers (Fader, Hardie & Lee 2005): the expected purchases
// of a new customer in (0, t] (eq. 9), of a customer with history (x, t_x, T) in (T, T+t]
// (eq. 10), the probability that such a customer is still alive (eq. 11 of the technical note)
// and the distribution of purchases in (0, t] (eq. 8). The tricky point is 2F1 near z = 1 and
// the 1 − (…)·2F1 difference: with Euler's transform the bracket of eq. 10 becomes
//   1 − (1−z)^(a−1) 2F1(a+b−1−r, a−1; a+b+x−1; z),  z = t / (α+T+t),
// whose series converges fast for any x, and it is computed as −expm1(ln …) to keep small t exact.
import type { BgnbdParams } from './bgnbd';
import { betaln, lgamma, logAddExp, logHyp2f1 } from './special';

/** ln[a/(b+x−1) ((α+T)/(α+t_x))^(r+x)] for x > 0: the odds of "dropped out" against "alive". */
function logDeathOdds(p: BgnbdParams, x: number, recency: number, T: number): number {
	if (x <= 0) return -Infinity;
	return (
		Math.log(p.a) -
		Math.log(p.b + x - 1) +
		(p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + recency))
	);
}

/** P(alive at T | x, t_x, T); 1 for a customer without repeat purchases. */
export function bgnbdProbabilityAlive(
	p: BgnbdParams,
	x: number,
	recency: number,
	T: number
): number {
	const odds = logDeathOdds(p, x, recency, T);
	return odds === -Infinity ? 1 : 1 / (1 + Math.exp(odds));
}

function expectedWhileAlive(p: BgnbdParams, a: number, t: number, x: number, T: number): number {
	const z = t / (p.alpha + T + t);
	const logF = logHyp2f1(a + p.b - 1 - p.r, a - 1, a + p.b + x - 1, z);
	const bracket = -Math.expm1((a - 1) * Math.log1p(-z) + logF);
	return ((a + p.b + x - 1) / (a - 1)) * bracket;
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in (T, T+t] of a customer with that history. At a = 1
 * the formula is 0/0; its limit is taken as the mean of a = 1 ± 1e-6.
 */
export function bgnbdConditionalExpectedPurchases(
	p: BgnbdParams,
	t: number,
	x: number,
	recency: number,
	T: number
): number {
	if (!(t > 0)) return 0;
	const whileAlive =
		Math.abs(p.a - 1) < 1e-6
			? (expectedWhileAlive(p, 1 - 1e-6, t, x, T) + expectedWhileAlive(p, 1 + 1e-6, t, x, T)) / 2
			: expectedWhileAlive(p, p.a, t, x, T);
	const value = whileAlive * bgnbdProbabilityAlive(p, x, recency, T);
	return Number.isFinite(value) && value > 0 ? value : 0;
}

/** E[X(t)]: expected purchases of a new customer in (0, t] (repeat purchases after the first). */
export function bgnbdExpectedPurchases(p: BgnbdParams, t: number): number {
	return bgnbdConditionalExpectedPurchases(p, t, 0, 0, 0);
}

/**
 * P(Y(t) = 0 | x, t_x, T): no purchase in (T, T+t]. Dead, or alive with no purchase, since
 * dropout only happens right after a purchase: 1 − P(alive) + P(alive) ((α+T)/(α+T+t))^(r+x).
 */
export function bgnbdProbabilityNoPurchase(
	p: BgnbdParams,
	t: number,
	x: number,
	recency: number,
	T: number
): number {
	const alive = bgnbdProbabilityAlive(p, x, recency, T);
	const quiet = Math.exp((p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + T + t)));
	return 1 - alive + alive * quiet;
}

/** ln of the NBD probability of j purchases in (0, t] while alive. */
function logNbd(p: BgnbdParams, j: number, logStay: number, logBuy: number): number {
	return lgamma(p.r + j) - lgamma(p.r) - lgamma(j + 1) + p.r * logStay + j * logBuy;
}

/** P(N ≥ n) for the NBD count in (0, t]: the smaller side is summed to avoid cancellation. */
function nbdTail(p: BgnbdParams, n: number, logStay: number, logBuy: number): number {
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

/** P(X(t) = n): probability that a new customer makes n repeat purchases in (0, t]. */
export function bgnbdProbabilityOfPurchases(p: BgnbdParams, t: number, n: number): number {
	if (!(n >= 0) || !Number.isInteger(n)) return 0;
	if (!(t > 0)) return n === 0 ? 1 : 0;
	const logStay = Math.log(p.alpha) - Math.log(p.alpha + t);
	const logBuy = Math.log(t) - Math.log(p.alpha + t);
	const logB = betaln(p.a, p.b);
	const alive = betaln(p.a, p.b + n) - logB + logNbd(p, n, logStay, logBuy);
	if (n === 0) return Math.exp(alive);
	const dropped = betaln(p.a + 1, p.b + n - 1) - logB + Math.log(nbdTail(p, n, logStay, logBuy));
	return Math.exp(logAddExp(alive, dropped));
}
