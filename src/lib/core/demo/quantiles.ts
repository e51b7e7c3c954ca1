// Skewed random numbers without ln/exp in SQL. Each distribution is a table of 1,024 quantiles
// computed here in TypeScript and rounded to 6 decimals, then looked up by a uniform draw.
// The tricky point: DuckDB's ln/exp/pow give different last bits on native and wasm, which would
// make the two engines' demo data differ; a table of constants is the same text on both.
import { sql, trusted, type Sql } from '../sql/sql';
import { below } from './draw';

const SIZE = 1024;

/** Horner evaluation of a polynomial whose coefficients run from the highest power down. */
function polynomial(coefficients: readonly number[], x: number): number {
	return coefficients.reduce((sum, coefficient) => sum * x + coefficient, 0);
}

// P. J. Acklam's rational approximation of the normal quantile, |relative error| < 1.2e-9.
const A = [
	-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
	2.506628277459239
];
const B = [
	-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
	1
];
const C = [
	-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
	4.374664141464968, 2.938163982698783
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416, 1];

function normalQuantile(p: number): number {
	const tail = (q: number) => polynomial(C, q) / polynomial(D, q);
	if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
	if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
	const q = p - 0.5;
	return (polynomial(A, q * q) * q) / polynomial(B, q * q);
}

function table(quantile: (p: number) => number): Sql {
	const values = Array.from({ length: SIZE }, (_, i) => quantile((i + 0.5) / SIZE).toFixed(6));
	return trusted(`[${values.join(',')}]`);
}

/** Exponential with mean 1: waiting times, lifetimes, Gamma(1) rate heterogeneity. */
const exponential = table((p) => -Math.log(1 - p));

const lognormalTables = new Map<number, Sql>();

/** Lognormal with mean 1 and log-scale spread sigma: basket sizes and spend levels. */
function lognormalTable(sigma: number): Sql {
	let found = lognormalTables.get(sigma);
	if (!found) {
		found = table((p) => Math.exp(sigma * normalQuantile(p) - (sigma * sigma) / 2));
		lognormalTables.set(sigma, found);
	}
	return found;
}

/** An exponential draw with mean 1 from a uniform draw u. */
export function exponentialOf(u: Sql): Sql {
	return sql`list_element(${exponential}, 1 + ${below(u, SIZE)})`;
}

/** A lognormal draw with mean 1 from a uniform draw u. */
export function lognormalOf(u: Sql, sigma: number): Sql {
	return sql`list_element(${lognormalTable(sigma)}, 1 + ${below(u, SIZE)})`;
}
