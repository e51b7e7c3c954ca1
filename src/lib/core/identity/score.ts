// Match weights and probabilities of pairs. A pair's weight is the prior log-odds plus, for each
// comparison, log2(m/u) of its level; an exact match on a term-frequency comparison is then
// adjusted by how common the shared value is: log2(u_exact / tf(value)), where u_exact is the
// chance that two random records agree on that field (the sum of squared value frequencies) —
// so "Smith" weighs less than "Szczepański". The probability is 1 / (1 + 2^−weight).
import type { Db } from '../db';
import { rowsOf } from '../sql/rows';
import { ident, join, sql, type Sql } from '../sql/sql';
import { gammaColumn } from './pairs';
import type { Comparison, Side } from './comparisons';
import { levelWeights, type FsParameters } from './em';
import { IDENTITY_TABLES } from './tables';

export const tfColumn = (comparison: Comparison) => `tf_${comparison.id}`;

/** Each value of a field with its share of the records holding the field (value, tf). */
function valueShares(field: Sql): Sql {
	const record = ident(IDENTITY_TABLES.record);
	return sql`SELECT ${field} AS value, count(*) / sum(count(*)) OVER () AS tf
		FROM ${record} WHERE ${field} IS NOT NULL GROUP BY ${field}`;
}

/**
 * The chance that two random records agree exactly on a field: its values' shares, squared and
 * summed.
 */
async function exactAgreementOf(db: Db, field: Sql): Promise<number> {
	const [row] = rowsOf(await db.query(sql`SELECT sum(tf * tf) AS u FROM (${valueShares(field)})`));
	return Number(row?.u ?? 0);
}

/**
 * Adds each term-frequency comparison's value frequency to every record (`tf_<id>`: the share
 * of the records holding the field that hold its value), and returns, for every comparison, the
 * chance that two random records agree exactly on its field — exact, where a sample of random
 * pairs would only estimate it. For a term-frequency comparison that chance is the frequencies'
 * average over the records (the sum of the squared shares), read from the column just written.
 */
export async function addTermFrequencies(
	db: Db,
	comparisons: readonly Comparison[]
): Promise<Record<string, number>> {
	const record = ident(IDENTITY_TABLES.record);
	const exact: Record<string, number> = {};
	const frequent = comparisons.filter((c) => c.termFrequency);
	for (const c of frequent) {
		const field = ident(c.field);
		const column = ident(tfColumn(c));
		await db.exec(sql`ALTER TABLE ${record} ADD COLUMN IF NOT EXISTS ${column} DOUBLE`);
		await db.exec(sql`UPDATE ${record} AS t SET ${column} = f.tf
			FROM (${valueShares(field)}) f WHERE t.${field} = f.value`);
	}
	if (frequent.length > 0) {
		const averages = frequent.map(
			(c) => sql`coalesce(avg(${ident(tfColumn(c))}), 0) AS ${ident(c.id)}`
		);
		const [row] = rowsOf(await db.query(sql`SELECT ${join(averages)} FROM ${record}`));
		for (const c of frequent) exact[c.id] = Number(row?.[c.id] ?? 0);
	}
	for (const c of comparisons.filter((c) => !c.termFrequency)) {
		exact[c.id] = await exactAgreementOf(db, ident(c.field));
	}
	return exact;
}

export interface ScoringModel {
	comparisons: readonly Comparison[];
	parameters: FsParameters;
	/** u_exact per comparison id (see exactAgreementByChance). */
	exactByChance: Record<string, number>;
}

export function priorWeight(parameters: FsParameters): number {
	return Math.log2(parameters.lambda / (1 - parameters.lambda));
}

/** The weight each comparison adds for the pair's level (0 when missing). */
export function comparisonWeight(model: ScoringModel, index: number, gamma: Sql): Sql {
	const weights = levelWeights(model.parameters)[index] ?? [];
	const cases = weights.map((w, k) => sql`WHEN ${k} THEN ${w}`);
	return sql`(CASE ${gamma} ${join(cases, ' ')} ELSE 0 END)`;
}

/** The term-frequency adjustment of a comparison for the pair of records `a`, `b`. */
export function frequencyAdjustment(
	model: ScoringModel,
	comparison: Comparison,
	gamma: Sql,
	a: Side,
	b: Side,
	tfA: Sql
): Sql {
	const exact = model.exactByChance[comparison.id];
	if (!comparison.termFrequency || !exact) return sql`0`;
	return sql`(CASE WHEN ${gamma} = 0 AND ${a(comparison.field)} = ${b(comparison.field)} AND ${tfA} > 0
		THEN log2(${exact} / ${tfA}) ELSE 0 END)`;
}

/**
 * The household guard: both first names present and plainly different (not similar, not an
 * initial, not swapped) and the birth dates not agreeing. Two such records may share a last
 * name, an address, an e-mail or a phone — a family does — and are still two people.
 */
export function householdPair(comparisons: readonly Comparison[]): Sql {
	const first = comparisons.find((c) => c.id === 'first_name');
	if (!first) return sql`FALSE`;
	const firstDifferent = sql`p.${ident(gammaColumn(first))} = ${first.levels.length}`;
	const birth = comparisons.find((c) => c.id === 'birth_date');
	if (!birth) return firstDifferent;
	const birthAgrees = sql`p.${ident(gammaColumn(birth))} BETWEEN 0 AND ${birth.levels.length - 1}`;
	return sql`(${firstDifferent} AND NOT ${birthAgrees})`;
}

/** The comparisons conflictPair reads. */
export const CONFLICT_COMPARISONS: readonly string[] = ['first_name', 'birth_date'];

/** Two records that are plainly two people: first names and birth dates both plainly different. */
export function conflictPair(comparisons: readonly Comparison[], pair: Sql = sql`p`): Sql {
	const [firstId, birthId] = CONFLICT_COMPARISONS;
	const first = comparisons.find((c) => c.id === firstId);
	const birth = comparisons.find((c) => c.id === birthId);
	if (!first || !birth) return sql`FALSE`;
	return sql`(${pair}.${ident(gammaColumn(first))} = ${first.levels.length}
		AND ${pair}.${ident(gammaColumn(birth))} = ${birth.levels.length})`;
}

/** Where scorePairs writes: the pair table with more columns, or (by default) `from` in place. */
export interface ScoreTarget {
	into: string;
	/** More columns of the scored table, over the compared pair `p`. */
	columns?: readonly Sql[];
	/** Which scored pairs the table keeps (over its columns); all when missing. */
	keep?: Sql;
}

/**
 * Adds weight, probability and the household flag to the compared pairs `from` (a temporary
 * table), in place, or into the kept table `target.into`.
 */
export async function scorePairs(
	db: Db,
	model: ScoringModel,
	from: string,
	target?: ScoreTarget
): Promise<void> {
	const { record } = IDENTITY_TABLES;
	const a = (field: string) => sql`a.${ident(field)}`;
	const b = (field: string) => sql`b.${ident(field)}`;
	const terms = model.comparisons.flatMap((c, i) => {
		const gamma = sql`p.${ident(gammaColumn(c))}`;
		return [
			comparisonWeight(model, i, gamma),
			frequencyAdjustment(model, c, gamma, a, b, sql`a.${ident(tfColumn(c))}`)
		];
	});
	const weight = sql`${priorWeight(model.parameters)} + ${join(terms, ' + ')}`;
	const more = target?.columns?.length ? sql`, ${join(target.columns)}` : sql``;
	const create = target
		? sql`CREATE OR REPLACE TABLE ${ident(target.into)}`
		: sql`CREATE OR REPLACE TEMP TABLE ${ident(from)}`;
	await db.exec(sql`${create} AS
		SELECT * EXCLUDE (w), w AS weight, 1 / (1 + pow(2, -w)) AS probability FROM (
			SELECT p.*, ${weight} AS w, ${householdPair(model.comparisons)} AS household${more}
			FROM ${ident(from)} p
			JOIN ${ident(record)} a ON a.rid = p.l JOIN ${ident(record)} b ON b.rid = p.r
		) p${target?.keep ? sql` WHERE ${target.keep}` : sql``}`);
}
