// Comparison levels of record pairs: of the candidate pairs (stored, one TINYINT column per
// comparison) and of a sample of random pairs (only counted), from which the u probabilities —
// how often two different people agree by chance — are estimated.
import type { Db } from '../db';
import { rowsOf } from '../sql/rows';
import { ident, join, sql } from '../sql/sql';
import { levelOf, sideOf, type Comparison } from './comparisons';
import type { Pattern } from './em';
import { IDENTITY_TABLES } from './tables';

export const gammaColumn = (comparison: Comparison) => `g_${comparison.id}`;

/** Compared candidate pairs, before they are scored into the pair table (temporary). */
export const COMPARED_PAIRS = 'cc_id_compared';

/**
 * Creates the temporary table `into`: the candidates with each comparison's level. Only the
 * scored pairs are kept in the database (see score.ts): writing both cost a second a million.
 */
export async function compareCandidates(
	db: Db,
	comparisons: readonly Comparison[],
	candidates: string,
	into: string = COMPARED_PAIRS
): Promise<void> {
	const { record } = IDENTITY_TABLES;
	const pair = into;
	const a = sideOf('a');
	const b = sideOf('b');
	const levels = comparisons.map((c) => sql`${levelOf(c, a, b)} AS ${ident(gammaColumn(c))}`);
	await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${ident(pair)} AS
		SELECT c.l, c.r, c.rules${levels.length > 0 ? sql`, ${join(levels)}` : sql``}
		FROM ${ident(candidates)} c
		JOIN ${ident(record)} a ON a.rid = c.l
		JOIN ${ident(record)} b ON b.rid = c.r`);
}

/** A level pattern with the bitmask of the blocking rules its pairs came from. */
export interface RulePattern extends Pattern {
	rules: number;
}

/** The distinct level patterns of the candidate pairs, by generating rules, with their counts. */
export async function candidatePatterns(
	db: Db,
	comparisons: readonly Comparison[],
	compared: string = COMPARED_PAIRS
): Promise<RulePattern[]> {
	if (comparisons.length === 0) return [];
	const columns = comparisons.map((c) => ident(gammaColumn(c)));
	const rows = rowsOf(
		await db.query(sql`SELECT rules, ${join(columns)}, count(*) AS n FROM ${ident(compared)}
			GROUP BY ALL`)
	);
	return rows.map((row) => ({
		rules: Number(row.rules),
		levels: comparisons.map((c) => Number(row[gammaColumn(c)])),
		count: Number(row.n)
	}));
}

/**
 * u[c][k] estimated on random pairs of records (seeded, so a re-run estimates the same): among
 * pairs where both records have the field, the share at each level.
 */
export async function randomPairLevels(
	db: Db,
	comparisons: readonly Comparison[],
	sampleRecords: number
): Promise<number[][]> {
	const record = ident(IDENTITY_TABLES.record);
	const a = sideOf('a');
	const b = sideOf('b');
	const levels = comparisons.map((c) => sql`${levelOf(c, a, b)} AS ${ident(gammaColumn(c))}`);
	const counts = comparisons.map((c) =>
		join(
			Array.from(
				{ length: c.levels.length + 1 },
				(_, k) =>
					sql`count(*) FILTER (WHERE ${ident(gammaColumn(c))} = ${k}) AS ${ident(`${c.id}_${k}`)}`
			)
		)
	);
	const [row] = rowsOf(
		// The sample is drawn on the record numbers alone, then read: a top-N over whole records
		// would carry every column of every record through the sort.
		await db.query(sql`WITH s AS (
				SELECT * FROM ${record} WHERE rid IN (
					SELECT rid FROM ${record} ORDER BY hash(rid + 7919) LIMIT ${sampleRecords})
			), t AS (
				SELECT * FROM ${record} WHERE rid IN (
					SELECT rid FROM ${record} ORDER BY hash(rid + 104729) LIMIT ${sampleRecords})
			), compared AS (
				SELECT ${join(levels)} FROM s a JOIN t b ON a.rid <> b.rid
			)
			SELECT ${join(counts)} FROM compared`)
	);
	return comparisons.map((c) =>
		Array.from({ length: c.levels.length + 1 }, (_, k) => Number(row?.[`${c.id}_${k}`] ?? 0))
	);
}
