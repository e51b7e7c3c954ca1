// A seeded BG/NBD world, for checking that fits recover known parameters and for demos: each
// customer draws λ ~ Gamma(r, α) and p ~ Beta(a, b), makes a first purchase at their birth, then
// buys at Poisson rate λ and drops out with probability p after each repeat purchase, until
// their age T. Times may be floored to a grid (whole days, as recorded data is), which merges
// nothing but keeps the many ties that real summaries have.
import type { BgnbdParams } from './bgnbd';
import type { RepeatSummary } from './summary';

/** Mulberry32: small, fast, good enough for simulation; the same seed gives the same world. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function normal(random: () => number): number {
	let u = 0;
	while (u === 0) u = random();
	return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000), boosted for shape < 1. */
export function gammaSample(random: () => number, shape: number): number {
	if (shape < 1) {
		let u = 0;
		while (u === 0) u = random();
		return gammaSample(random, shape + 1) * Math.pow(u, 1 / shape);
	}
	const d = shape - 1 / 3;
	const c = 1 / Math.sqrt(9 * d);
	for (;;) {
		let x: number;
		let v: number;
		do {
			x = normal(random);
			v = 1 + c * x;
		} while (v <= 0);
		v = v * v * v;
		const u = random();
		if (u < 1 - 0.0331 * x * x * x * x) return d * v;
		if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
	}
}

export interface SimulationOptions {
	customers: number;
	seed: number;
	/** Customers' ages T are uniform on [minAge, maxAge] (time units). */
	minAge: number;
	maxAge: number;
	/** Floor recency and T to multiples of this (e.g. 1/7 for whole days in weeks); exact by default. */
	grid?: number;
}

/** Repeat-purchase summaries of customers living under a BG/NBD with the given parameters. */
export function simulateBgnbd(params: BgnbdParams, options: SimulationOptions): RepeatSummary {
	const random = seededRandom(options.seed);
	const n = options.customers;
	const frequency = new Float64Array(n);
	const recency = new Float64Array(n);
	const T = new Float64Array(n);
	const snap = (t: number) =>
		options.grid ? Math.floor(t / options.grid + 1e-9) * options.grid : t;
	for (let i = 0; i < n; i++) {
		const age = options.minAge + (options.maxAge - options.minAge) * random();
		const lambda = gammaSample(random, params.r) / params.alpha;
		const ga = gammaSample(random, params.a);
		const p = ga / (ga + gammaSample(random, params.b));
		let t = 0;
		let x = 0;
		let last = 0;
		for (;;) {
			t += -Math.log(1 - random()) / lambda;
			if (!(t <= age)) break;
			x++;
			last = t;
			if (random() < p) break;
		}
		frequency[i] = x;
		recency[i] = snap(last);
		T[i] = snap(age);
	}
	return { frequency, recency, T, monetary: new Float64Array(n) };
}

/**
 * Mean spend of each customer's repeat purchases under a Gamma–Gamma with parameters (p, q, v):
 * ν ~ Gamma(q, rate v) per customer; the sum of x values Gamma(p, rate ν) is Gamma(px, rate ν).
 * 0 for customers without repeat purchases.
 */
export function simulateSpend(
	params: { p: number; q: number; v: number },
	frequency: Float64Array,
	seed: number
): Float64Array {
	const random = seededRandom(seed);
	return frequency.map((x) => {
		if (!(x > 0)) return 0;
		const nu = gammaSample(random, params.q) / params.v;
		return gammaSample(random, params.p * x) / nu / x;
	});
}
