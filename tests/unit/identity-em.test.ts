// The unsupervised parts of the match model, on data whose truth is known by construction:
// EM recovers the m and u probabilities and the match share it was generated with, and never
// produces NaN or certainty from empty or one-sided data; the cohesion cut separates two people
// chained by one weak link and leaves a cluster alone when nothing conflicts.
import { describe, expect, it } from 'vitest';
import { splitAtWeakLinks, type MemberPair } from '../../src/lib/core/identity/cohesion';
import { fitEm, matchProbability, type Pattern } from '../../src/lib/core/identity/em';

/** Exact pattern counts for two comparisons of three levels, from known parameters. */
function patternsFrom(lambda: number, m: number[][], u: number[][], pairs: number): Pattern[] {
	const patterns: Pattern[] = [];
	for (let a = 0; a < 3; a++) {
		for (let b = 0; b < 3; b++) {
			const pm = (m[0]?.[a] ?? 0) * (m[1]?.[b] ?? 0);
			const pu = (u[0]?.[a] ?? 0) * (u[1]?.[b] ?? 0);
			patterns.push({ levels: [a, b], count: pairs * (lambda * pm + (1 - lambda) * pu) });
		}
	}
	return patterns;
}

describe('EM on comparison patterns', () => {
	const m = [
		[0.85, 0.1, 0.05],
		[0.9, 0.07, 0.03]
	];
	const u = [
		[0.02, 0.08, 0.9],
		[0.01, 0.04, 0.95]
	];
	// A third comparison, needed for identifiability of a two-class mixture.
	const m3 = [0.8, 0.15, 0.05];
	const u3 = [0.05, 0.15, 0.8];

	it('recovers the parameters it was generated with', () => {
		const two = patternsFrom(0.2, m, u, 100_000);
		const patterns = two.flatMap((p) =>
			[0, 1, 2].map((c) => {
				const [a = 0, b = 0] = p.levels;
				const pm = (m[0]?.[a] ?? 0) * (m[1]?.[b] ?? 0) * (m3[c] ?? 0);
				const pu = (u[0]?.[a] ?? 0) * (u[1]?.[b] ?? 0) * (u3[c] ?? 0);
				return { levels: [a, b, c], count: 100_000 * (0.2 * pm + 0.8 * pu) };
			})
		);
		const fitted = fitEm(patterns, {
			lambda: 0.5,
			m: [
				[0.6, 0.2, 0.2],
				[0.6, 0.2, 0.2],
				[0.6, 0.2, 0.2]
			],
			u: [
				[0.2, 0.2, 0.6],
				[0.2, 0.2, 0.6],
				[0.2, 0.2, 0.6]
			]
		});
		expect(fitted.converged).toBe(true);
		expect(fitted.lambda).toBeCloseTo(0.2, 3);
		expect(fitted.m[0]?.[0]).toBeCloseTo(0.85, 2);
		expect(fitted.u[1]?.[2]).toBeCloseTo(0.95, 2);
		expect(fitted.m[2]?.[0]).toBeCloseTo(0.8, 2);
	});

	it('stays finite on empty, one-sided and all-missing data', () => {
		const start = { lambda: 0.3, m: [[0.8, 0.2]], u: [[0.1, 0.9]] };
		for (const patterns of [[], [{ levels: [0], count: 500 }], [{ levels: [-1], count: 500 }]]) {
			const fitted = fitEm(patterns, start);
			const all = [fitted.lambda, ...fitted.m.flat(), ...fitted.u.flat()];
			expect(all.every((x) => Number.isFinite(x) && x > 0 && x < 1)).toBe(true);
			expect(Number.isNaN(matchProbability({ levels: [1], count: 1 }, fitted))).toBe(false);
		}
	});
});

describe('cohesion cut', () => {
	const pair = (l: number, r: number, p: number, extra: Partial<MemberPair> = {}): MemberPair => ({
		l,
		r,
		p,
		link: p >= 0.5,
		kept: false,
		byRule: false,
		conflict: null,
		...extra
	});

	it('cuts the weak link chaining two people together', () => {
		const pairs = [
			pair(1, 2, 0.999),
			pair(2, 3, 0.6),
			pair(3, 4, 0.999),
			pair(1, 4, 0.001, { conflict: 'data' }),
			pair(1, 3, 0.01),
			pair(2, 4, 0.01)
		];
		const { labels, flagged } = splitAtWeakLinks([1, 2, 3, 4], pairs);
		expect(flagged).toBe(false);
		expect([labels.get(1), labels.get(2), labels.get(3), labels.get(4)]).toEqual([1, 1, 3, 3]);
	});

	it('leaves a cluster without conflict whole, and flags one held by strong links', () => {
		const calm = [pair(1, 2, 0.9), pair(2, 3, 0.7), pair(1, 3, 0.2)];
		expect(new Set(splitAtWeakLinks([1, 2, 3], calm).labels.values()).size).toBe(1);
		const strong = [
			pair(1, 2, 0.9999),
			pair(2, 3, 0.9999),
			pair(1, 3, 0.001, { conflict: 'data' })
		];
		const result = splitAtWeakLinks([1, 2, 3], strong);
		expect(result.flagged).toBe(true);
		expect(new Set(result.labels.values()).size).toBe(1);
	});

	it('cuts even a rule link for a manual "not the same" decision, never a "same" one', () => {
		const pairs = [
			pair(1, 2, 1, { byRule: true }),
			pair(2, 3, 1, { kept: true, link: true }),
			pair(1, 3, 0.1, { conflict: 'decided' })
		];
		const { labels } = splitAtWeakLinks([1, 2, 3], pairs);
		expect(labels.get(2)).toBe(labels.get(3));
		expect(labels.get(1)).not.toBe(labels.get(3));
	});
});
