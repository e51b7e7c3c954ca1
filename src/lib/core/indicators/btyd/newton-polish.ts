// A last Newton step or two on an analytic gradient, after BFGS has stopped. Near the optimum
// the objective's value changes by less than its rounding along a flat ridge (the Gamma–Gamma
// p, q, v are such a ridge), so a method that compares values stops early; the gradient is
// still precise there, and Newton's step on a Hessian differenced from it reaches the point
// where the gradient vanishes. A step is kept only when it shrinks the gradient without raising
// the value.

type GradientObjective = (x: Float64Array, gradient?: Float64Array) => number;

function maxAbs(v: Float64Array): number {
	let m = 0;
	for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i] as number));
	return m;
}

/** Solves A d = b (A row-major n×n) by Gaussian elimination with partial pivoting; null when singular. */
export function solveLinear(A: Float64Array, b: Float64Array): Float64Array | null {
	const n = b.length;
	const m = Float64Array.from(A);
	const x = Float64Array.from(b);
	for (let col = 0; col < n; col++) {
		let pivot = col;
		for (let row = col + 1; row < n; row++) {
			if (Math.abs(m[row * n + col] as number) > Math.abs(m[pivot * n + col] as number))
				pivot = row;
		}
		if (!(Math.abs(m[pivot * n + col] as number) > 0)) return null;
		for (let k = 0; k < n; k++) {
			const t = m[col * n + k] as number;
			m[col * n + k] = m[pivot * n + k] as number;
			m[pivot * n + k] = t;
		}
		const t = x[col] as number;
		x[col] = x[pivot] as number;
		x[pivot] = t;
		for (let row = col + 1; row < n; row++) {
			const factor = (m[row * n + col] as number) / (m[col * n + col] as number);
			for (let k = col; k < n; k++)
				m[row * n + k] = (m[row * n + k] as number) - factor * (m[col * n + k] as number);
			x[row] = (x[row] as number) - factor * (x[col] as number);
		}
	}
	for (let row = n - 1; row >= 0; row--) {
		let s = x[row] as number;
		for (let k = row + 1; k < n; k++) s -= (m[row * n + k] as number) * (x[k] as number);
		x[row] = s / (m[row * n + row] as number);
	}
	return x.every(Number.isFinite) ? x : null;
}

/** Up to `steps` Newton steps from x; returns the improved point and its value. */
export function newtonPolish(
	f: GradientObjective,
	start: Float64Array,
	steps = 2
): { x: Float64Array; value: number; evaluations: number } {
	const n = start.length;
	let x = Float64Array.from(start);
	let g = new Float64Array(n);
	let value = f(x, g);
	let evaluations = 1;
	for (let step = 0; step < steps && Number.isFinite(value); step++) {
		const H = new Float64Array(n * n);
		const gUp = new Float64Array(n);
		const gDown = new Float64Array(n);
		for (let j = 0; j < n; j++) {
			const h = 1e-5 * Math.max(1, Math.abs(x[j] as number));
			const probe = Float64Array.from(x);
			probe[j] = (x[j] as number) + h;
			f(probe, gUp);
			probe[j] = (x[j] as number) - h;
			f(probe, gDown);
			evaluations += 2;
			for (let i = 0; i < n; i++)
				H[i * n + j] = ((gUp[i] as number) - (gDown[i] as number)) / (2 * h);
		}
		for (let i = 0; i < n; i++) {
			for (let j = 0; j < i; j++) {
				const mean = ((H[i * n + j] as number) + (H[j * n + i] as number)) / 2;
				H[i * n + j] = mean;
				H[j * n + i] = mean;
			}
		}
		const d = solveLinear(
			H,
			g.map((v) => -v)
		);
		if (!d || maxAbs(d) > 1e-2) break;
		const next = x.map((v, i) => v + (d[i] as number));
		const gNext = new Float64Array(n);
		const valueNext = f(next, gNext);
		evaluations++;
		const better =
			Number.isFinite(valueNext) &&
			maxAbs(gNext) < maxAbs(g) &&
			valueNext <= value + 1e-13 * Math.max(1, Math.abs(value));
		if (!better) break;
		x = next;
		g = gNext;
		value = valueNext;
	}
	return { x, value, evaluations };
}
