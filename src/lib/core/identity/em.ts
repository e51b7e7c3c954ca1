// Fellegi–Sunter parameters estimated without labels, by expectation–maximisation over the
// comparison patterns of the candidate pairs. A pattern is one combination of comparison levels
// with the number of pairs showing it, so each iteration costs the number of distinct patterns,
// not of pairs. The tricky points: a missing field (-1) neither supports nor opposes a match, so
// it is left out of both products; and no probability may reach 0 or 1, or one level would
// veto or force every pair, so estimates are kept inside [FLOOR, 1 − FLOOR].

export interface Pattern {
	/** One level per comparison: 0 … levels − 1, or −1 when missing. */
	levels: readonly number[];
	count: number;
}

export interface FsParameters {
	/** The share of candidate pairs that are matches. */
	lambda: number;
	/** m[c][k]: P(level k of comparison c | the records are the same person). */
	m: number[][];
	/** u[c][k]: P(level k of comparison c | they are not). */
	u: number[][];
}

export interface EmResult extends FsParameters {
	iterations: number;
	converged: boolean;
	logLikelihood: number;
}

export interface EmOptions {
	maxIterations?: number;
	/** Stop when no parameter moves by more than this. */
	tolerance?: number;
	/** Keep u as given (estimated from random pairs) and learn m and λ only. */
	fixU?: boolean;
}

const FLOOR = 1e-6;

const clamp = (p: number) => Math.min(1 - FLOOR, Math.max(FLOOR, p));

function normalise(row: number[]): number[] {
	const total = row.reduce((sum, x) => sum + x, 0);
	return total > 0 ? row.map((x) => clamp(x / total)) : row.map(() => 1 / row.length);
}

/** matrix[c][k], 0 outside it. */
function cell(matrix: readonly (readonly number[])[], c: number, k: number): number {
	return matrix[c]?.[k] ?? 0;
}

function add(matrix: number[][], c: number, k: number, value: number): void {
	const row = matrix[c];
	if (row && k < row.length) row[k] = (row[k] ?? 0) + value;
}

const sum = (row: readonly number[]) => row.reduce((s, x) => s + x, 0);

/** P(pattern | match) and P(pattern | non-match), missing levels left out. */
function likelihoods(pattern: Pattern, params: FsParameters): [number, number] {
	let pm = 1;
	let pu = 1;
	pattern.levels.forEach((level, c) => {
		if (level < 0) return;
		pm *= cell(params.m, c, level);
		pu *= cell(params.u, c, level);
	});
	return [pm, pu];
}

export function matchProbability(pattern: Pattern, params: FsParameters): number {
	const [pm, pu] = likelihoods(pattern, params);
	const a = params.lambda * pm;
	const b = (1 - params.lambda) * pu;
	return a + b > 0 ? a / (a + b) : 0;
}

export function fitEm(
	patterns: readonly Pattern[],
	start: FsParameters,
	options: EmOptions = {}
): EmResult {
	const maxIterations = options.maxIterations ?? 200;
	const tolerance = options.tolerance ?? 1e-7;
	let params: FsParameters = {
		lambda: clamp(start.lambda),
		m: start.m.map(normalise),
		u: start.u.map(normalise)
	};
	let iterations = 0;
	let converged = false;
	let logLikelihood = -Infinity;
	while (iterations < maxIterations && !converged) {
		iterations++;
		const mCounts = params.m.map((row) => row.map(() => 0));
		const uCounts = params.u.map((row) => row.map(() => 0));
		let matches = 0;
		let total = 0;
		logLikelihood = 0;
		for (const pattern of patterns) {
			const [pm, pu] = likelihoods(pattern, params);
			const a = params.lambda * pm;
			const b = (1 - params.lambda) * pu;
			const p = a + b > 0 ? a / (a + b) : 0;
			logLikelihood += pattern.count * Math.log(Math.max(a + b, Number.MIN_VALUE));
			matches += pattern.count * p;
			total += pattern.count;
			pattern.levels.forEach((level, c) => {
				if (level < 0) return;
				add(mCounts, c, level, pattern.count * p);
				add(uCounts, c, level, pattern.count * (1 - p));
			});
		}
		const next: FsParameters = {
			lambda: clamp(total > 0 ? matches / total : start.lambda),
			m: mCounts.map((row, c) => (sum(row) > 0 ? normalise(row) : (params.m[c] ?? row))),
			u: options.fixU
				? params.u
				: uCounts.map((row, c) => (sum(row) > 0 ? normalise(row) : (params.u[c] ?? row)))
		};
		const moved = Math.max(
			Math.abs(next.lambda - params.lambda),
			...next.m.flatMap((row, c) => row.map((x, k) => Math.abs(x - cell(params.m, c, k)))),
			...next.u.flatMap((row, c) => row.map((x, k) => Math.abs(x - cell(params.u, c, k))))
		);
		params = next;
		converged = moved < tolerance;
	}
	return { ...params, iterations, converged, logLikelihood };
}

/** The match weight of each level: log2(m / u). */
export function levelWeights(params: FsParameters): number[][] {
	return params.m.map((row, c) => row.map((m, k) => Math.log2(m / cell(params.u, c, k))));
}
