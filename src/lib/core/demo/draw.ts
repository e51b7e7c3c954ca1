// Deterministic randomness for the demo: every random number is a hash of (seed, keys, salt).
// The tricky point: random()/setseed() depend on thread scheduling, and DuckDB's ln/exp/pow
// differ in the last bit between native and wasm builds (measured), so draws use only hash(),
// +, -, *, / and sqrt, which give the same bits on every host. Skewed distributions come from
// lookup tables computed in TypeScript (quantiles.ts) instead of from ln/exp in SQL. A second
// trap: hash(a, b, c) combines its arguments as (h(a)·k ^ h(b))·k ^ h(c), so two persons' draws
// differ by the same XOR mask under every salt (measured: a quarter of id pairs were strongly
// correlated); hashing that hash again mixes the bits and removes it.
import { join, lit, sql, trusted, type Sql, type SqlInterpolation } from '../sql/sql';

const RESOLUTION = 4294967296; // 2^32 distinct values per draw.

/** A draw function bound to a seed: draw(key…, 'salt') is uniform on [0, 1). */
export type Draw = (...keys: SqlInterpolation[]) => Sql;

export function drawWith(seed: number): Draw {
	return (...keys) => {
		const hashed = sql`hash(hash(${seed}, ${join(keys.map((key) => sql`${key}`))}))`;
		return sql`((${hashed} % ${RESOLUTION})::DOUBLE / ${RESOLUTION})`;
	};
}

/** A whole number in [0, n) from a uniform draw. */
export function below(u: Sql, n: number | Sql): Sql {
	return sql`floor(${u} * ${n})::INTEGER`;
}

/** A whole number in [low, high] from a uniform draw. */
export function between(u: Sql, low: number, high: number): Sql {
	return sql`(${low} + floor(${u} * ${high - low + 1})::INTEGER)`;
}

/** A SQL list literal of texts (NULL where a value is null). */
export function textList(values: readonly (string | null)[]): Sql {
	return sql`[${join(values.map((value) => lit(value)))}]`;
}

/** One element of a list, every element equally likely. */
export function pick(values: readonly string[], u: Sql): Sql {
	return sql`list_element(${textList(values)}, 1 + ${below(u, values.length)})`;
}

/**
 * One element of a list ordered from most to least common: the density falls linearly from
 * 2.5× to 0.6× the average, a mild skew like real name frequencies.
 */
export function pickCommonFirst(values: readonly string[], u: Sql): Sql {
	return pick(values, sql`(${u} * (0.4 + 0.6 * ${u}))`);
}

/**
 * A 1-based index into `weights`, drawn in proportion to them. The weights are turned into a
 * table of 1,000 slots in TypeScript, so SQL does a single list lookup per row.
 */
export function weightedIndex(weights: readonly number[], u: Sql): Sql {
	const slots = 1000;
	const total = weights.reduce((a, b) => a + b, 0);
	const table: number[] = [];
	let cumulative = 0;
	let index = 0;
	for (let slot = 0; slot < slots; slot++) {
		const at = ((slot + 0.5) / slots) * total;
		while (index < weights.length - 1 && cumulative + (weights[index] ?? 0) <= at) {
			cumulative += weights[index] ?? 0;
			index++;
		}
		table.push(index + 1);
	}
	return sql`list_element([${trusted(table.join(','))}], 1 + ${below(u, slots)})`;
}

/** One text of a list of [text, weight] pairs, drawn in proportion to the weights. */
export function pickWeighted(entries: readonly (readonly [string | null, number])[], u: Sql): Sql {
	const texts = textList(entries.map(([text]) => text));
	return sql`list_element(${texts}, ${weightedIndex(
		entries.map(([, weight]) => weight),
		u
	)})`;
}

/**
 * Picks one of several SQL expressions with the given probabilities, in order; `otherwise`
 * takes the remaining probability. Written as a CASE so only the chosen branch matters.
 */
export function oneOf(u: Sql, cases: readonly (readonly [number, Sql])[], otherwise: Sql): Sql {
	let cumulative = 0;
	const branches = cases.map(([p, then]) => {
		cumulative += p;
		return sql`WHEN ${u} < ${Number(cumulative.toFixed(9))} THEN ${then}`;
	});
	if (cumulative > 1 + 1e-9) throw new Error('oneOf: the probabilities add up to more than 1');
	return sql`(CASE ${join(branches, ' ')} ELSE ${otherwise} END)`;
}
