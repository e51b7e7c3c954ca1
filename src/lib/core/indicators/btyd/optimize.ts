// Minimising a smooth objective of a few unconstrained variables (the models' log-parameters):
// BFGS with a backtracking line search, on an analytic gradient when the model has one and on
// central differences otherwise, restarted from its own answer until a restart no longer
// improves it; Nelder–Mead takes over when BFGS stalls, and with an analytic gradient a Newton
// step finishes the job along flat ridges. The tricky point is the objective's edges: a
// non-finite value counts as +Infinity, so a step into overflow is simply refused and the
// result is never NaN.
import { nelderMead } from './nelder-mead';
import { newtonPolish } from './newton-polish';

/** The objective's value at x; when `gradient` is given, also fills it with ∂f/∂x. */
export type Objective = (x: Float64Array, gradient?: Float64Array) => number;

export interface MinimizeOptions {
	/** True when the objective fills the gradient itself; central differences otherwise. */
	analyticGradient?: boolean;
	/** Stop when every gradient component is below this (in the objective's units). */
	gradientTolerance?: number;
	maxIterations?: number;
	/** BFGS runs restarted from the previous answer, at most. */
	restarts?: number;
}

export interface MinimizeResult {
	x: Float64Array;
	value: number;
	iterations: number;
	evaluations: number;
	converged: boolean;
}

const finite = (value: number) => (Number.isFinite(value) ? value : Infinity);

function dot(u: Float64Array, v: Float64Array): number {
	let s = 0;
	for (let i = 0; i < u.length; i++) s += (u[i] as number) * (v[i] as number);
	return s;
}

function maxAbs(v: Float64Array): number {
	let m = 0;
	for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i] as number));
	return m;
}

/** Counts evaluations and supplies a gradient, analytic or by central differences. */
class Evaluator {
	evaluations = 0;
	constructor(
		private readonly objective: Objective,
		private readonly analytic: boolean
	) {}

	value(x: Float64Array): number {
		this.evaluations++;
		return finite(this.objective(x));
	}

	valueAndGradient(x: Float64Array, gradient: Float64Array): number {
		if (this.analytic) {
			this.evaluations++;
			const value = finite(this.objective(x, gradient));
			if (!Number.isFinite(maxAbs(gradient))) this.centralDifferences(x, gradient);
			return value;
		}
		this.centralDifferences(x, gradient);
		return this.value(x);
	}

	private centralDifferences(x: Float64Array, gradient: Float64Array): void {
		const probe = Float64Array.from(x);
		for (let i = 0; i < x.length; i++) {
			const h = 6e-6 * Math.max(1, Math.abs(x[i] as number));
			probe[i] = (x[i] as number) + h;
			const up = this.value(probe);
			probe[i] = (x[i] as number) - h;
			const down = this.value(probe);
			probe[i] = x[i] as number;
			gradient[i] = Number.isFinite(up - down) ? (up - down) / (2 * h) : 0;
		}
	}
}

/** Largest step (in the variables' units) a line search may try: e^5 in a log-parameter. */
const MAX_STEP = 5;

function bfgs(
	evaluator: Evaluator,
	start: Float64Array,
	tolerance: number,
	maxIterations: number
): MinimizeResult {
	const n = start.length;
	let x = Float64Array.from(start);
	let g = new Float64Array(n);
	let f = evaluator.valueAndGradient(x, g);
	// Inverse Hessian approximation, row-major.
	const H = new Float64Array(n * n);
	const resetH = (scale: number) => {
		H.fill(0);
		for (let i = 0; i < n; i++) H[i * n + i] = scale;
	};
	resetH(1);
	const p = new Float64Array(n);
	let iterations = 0;
	let converged = maxAbs(g) < tolerance;
	while (!converged && iterations < maxIterations && Number.isFinite(f)) {
		iterations++;
		for (let i = 0; i < n; i++) {
			let s = 0;
			for (let j = 0; j < n; j++) s -= (H[i * n + j] as number) * (g[j] as number);
			p[i] = s;
		}
		let slope = dot(p, g);
		if (!(slope < 0)) {
			resetH(1);
			for (let i = 0; i < n; i++) p[i] = -(g[i] as number);
			slope = dot(p, g);
		}
		const longest = maxAbs(p);
		let step = longest > MAX_STEP ? MAX_STEP / longest : 1;
		const next = new Float64Array(n);
		let fNext = Infinity;
		for (let tries = 0; tries < 60; tries++) {
			for (let i = 0; i < n; i++) next[i] = (x[i] as number) + step * (p[i] as number);
			fNext = evaluator.value(next);
			if (fNext <= f + 1e-4 * step * slope) break;
			step *= tries < 2 ? 0.5 : 0.2;
		}
		if (!(fNext <= f + 1e-4 * step * slope)) {
			// No step decreases f: at the limit of the objective's precision when the gradient is
			// already tiny, stuck otherwise.
			converged = maxAbs(g) < 1e3 * tolerance;
			break;
		}
		const gNext = new Float64Array(n);
		const value = evaluator.valueAndGradient(next, gNext);
		if (Number.isFinite(value)) fNext = value;
		const s = new Float64Array(n);
		const y = new Float64Array(n);
		for (let i = 0; i < n; i++) {
			s[i] = (next[i] as number) - (x[i] as number);
			y[i] = (gNext[i] as number) - (g[i] as number);
		}
		const sy = dot(s, y);
		if (iterations === 1 && sy > 0) resetH(sy / dot(y, y));
		if (sy > 1e-14 * Math.sqrt(dot(s, s) * dot(y, y))) updateInverseHessian(H, s, y, sy);
		const change = f - fNext;
		x = next;
		g = gNext;
		f = fNext;
		converged =
			maxAbs(g) < tolerance || (change <= 1e-15 * Math.max(1, Math.abs(f)) && maxAbs(s) < 1e-10);
	}
	return { x, value: f, iterations, evaluations: evaluator.evaluations, converged };
}

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, with ρ = 1 / (yᵀ s). */
function updateInverseHessian(H: Float64Array, s: Float64Array, y: Float64Array, sy: number) {
	const n = s.length;
	const rho = 1 / sy;
	const Hy = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		let v = 0;
		for (let j = 0; j < n; j++) v += (H[i * n + j] as number) * (y[j] as number);
		Hy[i] = v;
	}
	const yHy = dot(y, Hy);
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < n; j++) {
			H[i * n + j] =
				(H[i * n + j] as number) -
				rho * ((Hy[i] as number) * (s[j] as number) + (s[i] as number) * (Hy[j] as number)) +
				(rho * rho * yHy + rho) * (s[i] as number) * (s[j] as number);
		}
	}
}

/** Minimises `objective` from `start`; the answer is the best point found, never NaN. */
export function minimize(
	objective: Objective,
	start: ArrayLike<number>,
	options: MinimizeOptions = {}
): MinimizeResult {
	const evaluator = new Evaluator(objective, options.analyticGradient ?? false);
	const tolerance = options.gradientTolerance ?? 1e-11;
	const maxIterations = options.maxIterations ?? 500;
	let best = bfgs(evaluator, Float64Array.from(start), tolerance, maxIterations);
	let iterations = best.iterations;
	for (let restart = 0; restart < (options.restarts ?? 3); restart++) {
		let next = bfgs(evaluator, best.x, tolerance, maxIterations);
		if (!next.converged) {
			// BFGS stalled (a kink, a flat ridge, overflow at the edge): simplex search, then BFGS
			// again from where it ends.
			const simplex = nelderMead((x) => evaluator.value(x), next.x, { maxEvaluations: 4000 });
			next = bfgs(evaluator, simplex.x, tolerance, maxIterations);
			if (simplex.value < next.value) next = { ...next, x: simplex.x, value: simplex.value };
		}
		iterations += next.iterations;
		const improved = next.value < best.value - 1e-13 * Math.max(1, Math.abs(best.value));
		if (next.value <= best.value) best = { ...next, converged: next.converged };
		if (!improved && best.converged) break;
	}
	if (!Number.isFinite(best.value)) best = { ...best, x: Float64Array.from(start) };
	if (options.analyticGradient && Number.isFinite(best.value)) {
		const polished = newtonPolish(objective, best.x);
		evaluator.evaluations += polished.evaluations;
		if (polished.value <= best.value + 1e-13 * Math.max(1, Math.abs(best.value))) {
			best = { ...best, x: polished.x, value: Math.min(best.value, polished.value) };
		}
	}
	return { ...best, iterations, evaluations: evaluator.evaluations };
}
