// The pattern summary: each value mapped to its shape — a run of lower-case letters becomes
// 'a', a run of capitals 'A', each digit '9', everything else kept ('Marie' → 'Aa',
// '06 12 34 56 78' → '99 99 99 99 99', 'CLI0000123' → 'A9999999', 'a.b@c.fr' → 'a.a@a.a').
// Letter runs collapse because names and words vary in length while their case does not;
// digits do not, because their count is the information (a postcode, a phone grouping). The
// tricky point is cost: the shapes are computed in TypeScript over distinct value heads read
// back from the engine, so a column with more than PATTERN_EXACT_VALUES different values is
// summarised from a row sample instead, its counts extrapolated and flagged as estimated. The
// type inference reads the same rows, with an example value per pattern.
import type { Db } from '../db';
import { ident, sql, type Sql } from '../sql/sql';
import { relationSql, trimmed, type Relation, type ValueTable } from './value-table';

/** Columns with at most this many different values get exact pattern counts. */
export const PATTERN_EXACT_VALUES = 20_000;
/** Rows sampled for the patterns of a column with more different values. */
export const PATTERN_SAMPLE_ROWS = 20_000;
/** Patterns are written for the first characters only; longer values end with '…'. */
export const PATTERN_PREFIX_LENGTH = 60;
/** Patterns read back for the type inference (the most frequent ones). */
export const PATTERNS_READ = 200;

const LOWER_RUN = /\p{Ll}+/gu;
const UPPER_RUN = /\p{Lu}+/gu;
const OTHER_LETTERS = /[\p{Lt}\p{Lm}\p{Lo}]+/gu;
const DIGIT = /[0-9]/g;

/** The pattern of a trimmed value. */
export function patternOf(value: string): string {
	const head = [...value].slice(0, PATTERN_PREFIX_LENGTH).join('');
	const pattern = head
		.replace(LOWER_RUN, 'a')
		.replace(UPPER_RUN, 'A')
		.replace(OTHER_LETTERS, 'a')
		.replace(DIGIT, '9');
	return head.length < value.length ? `${pattern}…` : pattern;
}

export interface PatternRow {
	pattern: string;
	/** Rows with this pattern (extrapolated when estimated). */
	count: number;
	/** One value with this pattern (the smallest), for reading date formats. */
	example: string;
}

export interface PatternRead {
	rows: PatternRow[];
	distinct: number;
	estimated: boolean;
}

/** Where the patterns are counted: the grouped values, or a row sample of the source. */
export type PatternBasis =
	| { kind: 'values'; values: ValueTable }
	| { kind: 'sample'; relation: Relation; column: string; rows: number; seed: number };

function valuesOf(basis: PatternBasis): Sql {
	if (basis.kind === 'values') {
		return sql`SELECT v, n FROM ${basis.values.name} WHERE v <> ''`;
	}
	return sql`SELECT v, 1 AS n FROM (
		SELECT ${trimmed(ident(basis.column))} AS v
		FROM (SELECT ${ident(basis.column)} FROM ${relationSql(basis.relation)})
		USING SAMPLE reservoir(${basis.rows} ROWS) REPEATABLE (${basis.seed})
	) WHERE v <> ''`;
}

/**
 * The most frequent patterns of the non-empty values with an example each, and how many
 * patterns there are. Sample counts are scaled so that they add up to `filled`, the column's
 * non-empty values (a ratio estimate: a pattern never counts more rows than are filled). The values
 * (at most PATTERN_EXACT_VALUES or PATTERN_SAMPLE_ROWS of them, cut to their first
 * characters) are shaped here in TypeScript: regular expressions over Unicode classes are an
 * order of magnitude slower in the engine, and in its wasm build above all.
 */
export async function readPatterns(
	db: Db,
	basis: PatternBasis,
	filled: number
): Promise<PatternRead> {
	const table = await db.query(sql`SELECT left(v, ${PATTERN_PREFIX_LENGTH + 1}) AS head,
			sum(n) AS n FROM (${valuesOf(basis)}) GROUP BY 1`);
	const heads = table.getChild('head');
	const counts = table.getChild('n');
	const byPattern = new Map<string, PatternRow>();
	for (let i = 0; i < table.numRows; i++) {
		const head = String(heads?.get(i) ?? '');
		const count = Number(counts?.get(i) ?? 0);
		const pattern = patternOf(head);
		const known = byPattern.get(pattern);
		if (!known) byPattern.set(pattern, { pattern, count, example: head });
		else {
			known.count += count;
			if (head < known.example) known.example = head;
		}
	}
	const sampled = [...byPattern.values()].reduce((sum, row) => sum + row.count, 0);
	const scale = basis.kind === 'sample' && sampled > 0 ? filled / sampled : 1;
	const rows = [...byPattern.values()]
		.map((row) => ({ ...row, count: Math.round(row.count * scale) }))
		.sort(
			(a, b) => b.count - a.count || (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0)
		)
		.slice(0, PATTERNS_READ);
	return { rows, distinct: byPattern.size, estimated: basis.kind === 'sample' };
}
