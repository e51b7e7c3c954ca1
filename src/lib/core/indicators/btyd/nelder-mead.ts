// Nelder–Mead simplex search (Lagarias et al. 1998 coefficients, adaptive to the dimension as in
// Gao & Han 2012): slow but derivative-free, the fallback when a gradient method stalls on a
// kink or a flat ridge. Non-finite values count as +Infinity, so the simplex walks away from them.

export interface NelderMeadOptions {
	/** Initial simplex edge along each coordinate. */
	step?: number;
	maxEvaluations?: number;
	/** Stop when the values across the simplex differ by less than this (relative). */
	tolerance?: number;
}

export interface NelderMeadResult {
	x: Float64Array;
	value: number;
	evaluations: number;
}

export function nelderMead(
	f: (x: Float64Array) => number,
	start: ArrayLike<number>,
	options: NelderMeadOptions = {}
): NelderMeadResult {
	const n = start.length;
	const step = options.step ?? 0.25;
	const maxEvaluations = options.maxEvaluations ?? 2000 * n;
	const tolerance = options.tolerance ?? 1e-15;
	const alpha = 1;
	const beta = 1 + 2 / n;
	const gamma = 0.75 - 1 / (2 * n);
	const delta = 1 - 1 / n;
	let evaluations = 0;
	const value = (x: Float64Array) => {
		evaluations++;
		const v = f(x);
		return Number.isFinite(v) ? v : Infinity;
	};
	const points: Float64Array[] = [Float64Array.from(start)];
	for (let i = 0; i < n; i++) {
		const p = Float64Array.from(start);
		p[i] = (p[i] as number) + step;
		points.push(p);
	}
	let values = points.map(value);
	const along = (from: Float64Array, to: Float64Array, t: number) =>
		from.map((v, i) => v + t * ((to[i] as number) - v));
	while (evaluations < maxEvaluations) {
		const order = values
			.map((_, i) => i)
			.sort((i, j) => (values[i] as number) - (values[j] as number));
		const sorted = order.map((i) => points[i] as Float64Array);
		values = order.map((i) => values[i] as number);
		points.splice(0, points.length, ...sorted);
		const bestValue = values[0] as number;
		const worstValue = values[n] as number;
		if (Math.abs(worstValue - bestValue) <= tolerance * Math.max(1, Math.abs(bestValue))) break;
		const centroid = new Float64Array(n);
		for (let k = 0; k < n; k++) {
			for (let i = 0; i < n; i++)
				centroid[i] = (centroid[i] as number) + (points[k] as Float64Array)[i]! / n;
		}
		const worst = points[n] as Float64Array;
		const reflected = along(centroid, worst, -alpha);
		const fr = value(reflected);
		if (fr < bestValue) {
			const expanded = along(centroid, worst, -alpha * beta);
			const fe = value(expanded);
			[points[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
			continue;
		}
		if (fr < (values[n - 1] as number)) {
			[points[n], values[n]] = [reflected, fr];
			continue;
		}
		const outside = fr < worstValue;
		const contracted = along(centroid, worst, outside ? -alpha * gamma : gamma);
		const fc = value(contracted);
		if (fc < (outside ? fr : worstValue)) {
			[points[n], values[n]] = [contracted, fc];
			continue;
		}
		const best = points[0] as Float64Array;
		for (let k = 1; k <= n; k++) {
			points[k] = along(best, points[k] as Float64Array, delta);
			values[k] = value(points[k] as Float64Array);
		}
	}
	let bestIndex = 0;
	values.forEach((v, i) => {
		if (v < (values[bestIndex] as number)) bestIndex = i;
	});
	return { x: points[bestIndex] as Float64Array, value: values[bestIndex] as number, evaluations };
}
