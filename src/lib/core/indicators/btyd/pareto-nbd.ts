// Pareto/NBD (Schmittlein, Morrison & Colombo 1987) in the formulation of Fader & Hardie, "A note
// on deriving the Pareto/NBD model and related expressions" (2005): purchases at Poisson rate
// λ ~ Gamma(r, α) while alive, lifetime exponential with rate μ ~ Gamma(s, β). With
// P_u = (α+u)^−(r+x) (β+u)^−s and k = s/(r+s+x), the likelihood (note, eq. 22) is
//   Γ(r+x) α^r β^s / Γ(r) · [P_T + k (P_tx H(t_x) − P_T H(T))]
// where H(u) is its 2F1 divided by P_u. The tricky point is that 2F1, whose first parameter grows
// with x: after Euler's transform it becomes 2F1(1, r+x; r+s+x+1; (α−β)/(α+u)) when α ≥ β and
// ((α+u)/(β+u)) 2F1(1, s+1; r+s+x+1; (β−α)/(β+u)) otherwise, both bounded. Its argument nears 1
// when α and β are far apart, as the search often tries: logHyp2f1One stays fast there. α^r β^s
// is folded into P_u as (1+u/α)^−r (1+u/β)^−s, which keeps its digits when r or s is large. Over
// a summary, P_u and H(u) are computed once per distinct (x, u) pair, fewer than twice the rows.
import { compressSummary, groupRows, type CompressedSummary } from './compress';
import { l2Penalty, outOfBounds, type FitOptions, type FitResult } from './fit-result';
import { minimize } from './optimize';
import { lgammaQuotient } from './log-gamma';
import { logAddExp, logHyp2f1One } from './special';
import type { RepeatSummary } from './summary';

export interface ParetoNbdParams {
	r: number;
	alpha: number;
	s: number;
	beta: number;
}

export type ParetoNbdFit = FitResult<ParetoNbdParams>;

/** ln(α^r β^s P_u) and ln H(u) for one age u (t_x or T). */
interface Pieces {
	logP: number;
	logH: number;
}

function logPieces(p: ParetoNbdParams, x: number, u: number): Pieces {
	const { r, alpha, s, beta } = p;
	const logP = -r * Math.log1p(u / alpha) - x * Math.log(alpha + u) - s * Math.log1p(u / beta);
	// c = r+s+x+1 passed as c − b, and 1 − z as its own ratio: near z = 1 these carry the value,
	// and c − b or 1 − z computed from large or nearly equal numbers would have lost it.
	const logH =
		alpha >= beta
			? logHyp2f1One(r + x, s + 1, (alpha - beta) / (alpha + u), (beta + u) / (alpha + u))
			: Math.log(alpha + u) -
				Math.log(beta + u) +
				logHyp2f1One(s + 1, r + x, (beta - alpha) / (beta + u), (alpha + u) / (beta + u));
	return { logP, logH };
}

/** ln of the bracket [P_T + k (P_tx H(t_x) − P_T H(T))] from the pieces at t_x and T. */
function logBracketOf(p: ParetoNbdParams, x: number, atRecency: Pieces, atT: Pieces): number {
	const logK = Math.log(p.s / (p.r + p.s + x));
	// 1 − k H(T) ≥ 0 in exact arithmetic; rounding may take it a hair below.
	const stay = atT.logP + Math.log(Math.max(0, -Math.expm1(logK + atT.logH)));
	return logAddExp(stay, atRecency.logP + logK + atRecency.logH);
}

/** ln of the bracket and ln P_T (both times α^r β^s): their difference is −ln P(alive). */
function logBracket(
	p: ParetoNbdParams,
	x: number,
	recency: number,
	T: number
): { log: number; logAliveTerm: number } {
	const atT = logPieces(p, x, T);
	const log = logBracketOf(p, x, logPieces(p, x, recency), atT);
	return { log, logAliveTerm: atT.logP };
}

/** ln Γ(r+x)/Γ(r), the bracket's factor once α^r β^s is in P_u. */
function logHead(p: ParetoNbdParams, x: number): number {
	return x * lgammaQuotient(p.r, x);
}

export function paretoNbdLogLikelihood(
	p: ParetoNbdParams,
	x: number,
	recency: number,
	T: number
): number {
	return logHead(p, x) + logBracket(p, x, recency, T).log;
}

/** Distinct (x, u) pairs of a summary: row i's (x, t_x) is pair of[i], its (x, T) of[rows + i]. */
interface AgePairs {
	frequency: Float64Array;
	age: Float64Array;
	of: Uint32Array;
}

const agePairsOf = new WeakMap<CompressedSummary, AgePairs>();

function agePairs(data: CompressedSummary): AgePairs {
	let pairs = agePairsOf.get(data);
	if (!pairs) {
		const rows = data.weight.length;
		const frequency = new Float64Array(2 * rows);
		const age = new Float64Array(2 * rows);
		frequency.set(data.frequency);
		frequency.set(data.frequency, rows);
		age.set(data.recency);
		age.set(data.T, rows);
		const { groups, firstRow } = groupRows([frequency, age]);
		const pick = (column: Float64Array) =>
			Float64Array.from(firstRow, (row) => column[row] as number);
		pairs = { frequency: pick(frequency), age: pick(age), of: groups };
		agePairsOf.set(data, pairs);
	}
	return pairs;
}

/** Total log-likelihood over distinct histories with their counts. */
export function paretoNbdTotalLogLikelihood(p: ParetoNbdParams, data: CompressedSummary): number {
	const pairs = agePairs(data);
	const pieces = Array.from(pairs.age, (u, k) => logPieces(p, pairs.frequency[k] as number, u));
	const rows = data.weight.length;
	let total = 0;
	for (let i = 0; i < rows; i++) {
		const x = data.frequency[i] as number;
		const atRecency = pieces[pairs.of[i] as number] as Pieces;
		const atT = pieces[pairs.of[rows + i] as number] as Pieces;
		total += (data.weight[i] as number) * (logHead(p, x) + logBracketOf(p, x, atRecency, atT));
	}
	return total;
}

/** P(alive at T | x, t_x, T) (note, eq. 18). */
export function paretoNbdProbabilityAlive(
	p: ParetoNbdParams,
	x: number,
	recency: number,
	T: number
): number {
	const { log, logAliveTerm } = logBracket(p, x, recency, T);
	const value = Math.exp(logAliveTerm - log);
	return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

/**
 * E[Y(t) | x, t_x, T] (note, eq. 20): (r+x)(β+T) / ((α+T)(s−1)) [1 − ((β+T)/(β+T+t))^(s−1)]
 * · P(alive); at s = 1 the bracket over (s−1) is its limit ln((β+T+t)/(β+T)).
 */
export function paretoNbdConditionalExpectedPurchases(
	p: ParetoNbdParams,
	t: number,
	x: number,
	recency: number,
	T: number
): number {
	if (!(t > 0)) return 0;
	const logRatio = Math.log(p.beta + T + t) - Math.log(p.beta + T);
	const s1 = p.s - 1;
	const lifetime = Math.abs(s1) < 1e-9 ? logRatio : -Math.expm1(-s1 * logRatio) / s1;
	const value =
		(((p.r + x) * (p.beta + T)) / (p.alpha + T)) *
		lifetime *
		paretoNbdProbabilityAlive(p, x, recency, T);
	return Number.isFinite(value) && value > 0 ? value : 0;
}

function guess(data: CompressedSummary): ParetoNbdParams {
	let purchases = 0;
	let time = 0;
	for (let i = 0; i < data.weight.length; i++) {
		purchases += (data.weight[i] as number) * (data.frequency[i] as number);
		time += (data.weight[i] as number) * Math.max(data.T[i] as number, 0);
	}
	const meanT = Math.max(time / data.customers, 1e-3);
	const rate = purchases > 0 ? purchases / Math.max(time, 1e-9) : 1 / meanT;
	return { r: 1, alpha: 1 / rate, s: 1, beta: meanT };
}

/** Maximum-likelihood Pareto/NBD parameters (numerical gradient: 2F1 has no cheap derivative). */
export function fitParetoNbd(
	summary: CompressedSummary | Pick<RepeatSummary, 'frequency' | 'recency' | 'T'>,
	options: FitOptions<ParetoNbdParams> = {}
): ParetoNbdFit {
	const data = 'weight' in summary ? summary : compressSummary(summary);
	if (data.customers === 0) throw new Error('Pareto/NBD needs at least one customer');
	const penalizer = options.penalizer ?? 0;
	const start = options.start ?? guess(data);
	const unpack = (theta: Float64Array): ParetoNbdParams => {
		const [r, alpha, s, beta] = Array.from(theta, Math.exp) as [number, number, number, number];
		return { r, alpha, s, beta };
	};
	const objective = (theta: Float64Array) => {
		if (outOfBounds(theta)) return Infinity;
		const p = unpack(theta);
		const ll = paretoNbdTotalLogLikelihood(p, data);
		// Overflow or a failed 2F1 anywhere makes the point unusable: the search must back off.
		if (!Number.isFinite(ll)) return Infinity;
		return (
			-ll / data.customers + l2Penalty(new Float64Array([p.r, p.alpha, p.s, p.beta]), penalizer)
		);
	};
	const result = minimize(objective, [start.r, start.alpha, start.s, start.beta].map(Math.log), {
		gradientTolerance: 1e-8
	});
	const params = unpack(result.x);
	return {
		params,
		logLikelihood: paretoNbdTotalLogLikelihood(params, data),
		customers: data.customers,
		iterations: result.iterations,
		converged: result.converged
	};
}
