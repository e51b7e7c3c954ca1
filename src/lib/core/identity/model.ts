// Fitting the match model of a workspace: which comparisons its records allow, their u
// probabilities from random pairs, then m and the match share by EM on the candidate pairs.
import type { Db } from '../db';
import { rowsOf } from '../sql/rows';
import { ident, join, sql } from '../sql/sql';
import { COMPARISONS, type Comparison } from './comparisons';
import { fitEm, matchProbability, type FsParameters } from './em';
import { hasRule, ruleFields, trainsModel, type BlockingRule } from './blocking';
import { candidatePatterns, randomPairLevels, type RulePattern } from './pairs';
import { RECORD_FIELDS, type RecordField } from './records';
import { IDENTITY_TABLES } from './tables';

/** A field filled on fewer records than this share is not compared (nor blocked on). */
const MIN_FILL = 0.01;
/** Records drawn on each side of the random pairs u is estimated on. */
const RANDOM_SAMPLE = 500;

export interface FieldFill {
	field: RecordField;
	filled: number;
}

export async function fieldFill(db: Db): Promise<{ records: number; fill: FieldFill[] }> {
	const counts = RECORD_FIELDS.map((f) => sql`count(${ident(f)}) AS ${ident(f)}`);
	const [row] = rowsOf(
		await db.query(
			sql`SELECT count(*) AS records, ${join(counts)} FROM ${ident(IDENTITY_TABLES.record)}`
		)
	);
	return {
		records: Number(row?.records ?? 0),
		fill: RECORD_FIELDS.map((field) => ({ field, filled: Number(row?.[field] ?? 0) }))
	};
}

/** The fields present on enough records to compare and block on. */
export function presentFields(records: number, fill: readonly FieldFill[]): Set<RecordField> {
	return new Set(
		fill.filter((f) => f.filled > 0 && f.filled >= records * MIN_FILL).map((f) => f.field)
	);
}

export function activeComparisons(
	present: ReadonlySet<RecordField>,
	switches: Readonly<Record<string, boolean>>
): Comparison[] {
	return COMPARISONS.filter((c) => present.has(c.field) && switches[c.id] !== false);
}

/** A start where agreeing is likely for matches and each weaker level less so. */
function startingM(comparison: Comparison): number[] {
	const levels = comparison.levels.length;
	const m = comparison.levels.map((_, k) => (k === 0 ? 0.8 : 0.15 / levels));
	return [...m, 0.05];
}

/** A training run needs this many pairs for its estimates to count. */
const MIN_TRAINING_PAIRS = 20;

export interface TrainingRun {
	ruleId: string;
	pairs: number;
	/** The comparisons estimated in this run (those not on the rule's own fields). */
	estimated: string[];
	lambda: number;
	iterations: number;
}

export interface FittedModel extends FsParameters {
	comparisons: Comparison[];
	/** The share of all record pairs that are matches (the prior). */
	lambda: number;
	training: TrainingRun[];
}

/**
 * u from random pairs; m by EM on the pairs of each blocking rule in turn, with the comparisons
 * on that rule's own fields left out (its pairs agree on them by construction, matches or not),
 * averaged over the rules; then the prior, the share of all pairs that match, as the fixed
 * point of λ = Σ P(match | pair) / all pairs over the candidates (other pairs count as non-matches).
 */
export async function fitModel(
	db: Db,
	comparisons: Comparison[],
	rules: readonly BlockingRule[],
	records: number,
	exactByChance: Readonly<Record<string, number>>
): Promise<FittedModel> {
	const randomCounts = await randomPairLevels(db, comparisons, RANDOM_SAMPLE);
	// Add-one smoothing: a level never seen among random pairs is rare, not impossible.
	const u = randomCounts.map((row, c) => {
		const total = row.reduce((s, x) => s + x, 0) + row.length;
		const sampled = row.map((x) => (x + 1) / total);
		// The exact level's chance agreement is known exactly; the sample shares out the rest.
		const exact = exactByChance[comparisons[c]?.id ?? ''];
		if (exact === undefined || exact <= 0 || exact >= 1) return sampled;
		const rest = sampled.slice(1).reduce((s, x) => s + x, 0);
		return [exact, ...sampled.slice(1).map((x) => (x / rest) * (1 - exact))];
	});
	const patterns = await candidatePatterns(db, comparisons);
	const estimates: number[][][] = comparisons.map(() => []);
	const training: TrainingRun[] = [];
	rules.forEach((rule, i) => {
		if (!trainsModel(rule)) return;
		const own = new Set(ruleFields(rule));
		const masked = comparisons.map((c) => own.has(c.field));
		const mine = patterns
			.filter((p) => hasRule(p.rules, i))
			.map((p) => ({ levels: p.levels.map((l, c) => (masked[c] ? -1 : l)), count: p.count }));
		const pairs = mine.reduce((s, p) => s + p.count, 0);
		if (pairs < MIN_TRAINING_PAIRS || masked.every(Boolean)) return;
		const fitted = fitEm(mine, { lambda: 0.5, m: comparisons.map(startingM), u }, { fixU: true });
		fitted.m.forEach((row, c) => {
			if (!masked[c]) estimates[c]?.push(row);
		});
		training.push({
			ruleId: rule.id,
			pairs,
			estimated: comparisons.filter((_, c) => !masked[c]).map((c) => c.id),
			lambda: fitted.lambda,
			iterations: fitted.iterations
		});
	});
	const m = comparisons.map((c, i) => meanRows(estimates[i] ?? []) ?? startingM(c));
	const lambda = priorShare(patterns, { lambda: 0, m, u }, (records * (records - 1)) / 2);
	return { lambda, m, u, comparisons, training };
}

/** The element-wise mean of equally long rows, or null when there are none. */
function meanRows(rows: readonly number[][]): number[] | null {
	const first = rows[0];
	if (!first) return null;
	return first.map((_, k) => rows.reduce((s, row) => s + (row[k] ?? 0), 0) / rows.length);
}

/** The fixed point of λ = Σ n·P(match) / all pairs. */
function priorShare(
	patterns: readonly RulePattern[],
	params: FsParameters,
	allPairs: number
): number {
	let lambda = Math.min(0.5, patterns.reduce((s, p) => s + p.count, 0) / Math.max(1, allPairs));
	for (let i = 0; i < 200; i++) {
		const expected = patterns.reduce(
			(s, p) => s + p.count * matchProbability(p, { ...params, lambda }),
			0
		);
		const next = Math.min(0.5, Math.max(1e-12, expected / Math.max(1, allPairs)));
		if (Math.abs(next - lambda) < lambda * 1e-6) return next;
		lambda = next;
	}
	return lambda;
}
