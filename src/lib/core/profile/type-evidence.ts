// The evidence a column's type is chosen from, read off its patterns (whole numbers '9999',
// decimals '99,99' or '9,999.99', dates through their example values) and, for the few
// columns with a handful of different values, off the values themselves (yes/no words). The
// tricky point: '1,234' is read as a decimal comma, not as a thousands separator, because
// amounts with three decimals are rarer in exports than grouping without decimals is in
// French ones; and '0'/'1' alone make a yes/no column only when there is nothing else.
import type { Db } from '../db';
import { shapePredicate } from '../roles/value-shapes';
import { rowsOf } from '../sql/rows';
import { sql } from '../sql/sql';
import { dateFormatsOf, type DateFormatShare } from './date-formats';
import type { PatternRow } from './patterns';
import type { ValueTable } from './value-table';

const INTEGER_PATTERN = /^[-+]?9+$/;
const POINT_PATTERN = /^[-+]?(9{1,3}(,999)+|9*)\.9+$/;
const COMMA_PATTERN = /^[-+]?(9{1,3}([ .\u00a0\u202f]999)+|9*),9+$/;

/** Columns with more different values than this are never yes/no columns. */
export const MAX_BOOLEAN_VALUES = 40;

export interface TypeEvidence {
	/** Rows whose pattern is a whole number. */
	integer: number;
	/** Rows whose pattern is a number with a decimal point, or a decimal comma. */
	pointDecimal: number;
	commaDecimal: number;
	/** Date formats found, most frequent first, with their rows. */
	dates: DateFormatShare[];
}

export function typeEvidence(patterns: readonly PatternRow[]): TypeEvidence {
	const evidence: TypeEvidence = { integer: 0, pointDecimal: 0, commaDecimal: 0, dates: [] };
	for (const { pattern, count } of patterns) {
		if (INTEGER_PATTERN.test(pattern)) evidence.integer += count;
		else if (POINT_PATTERN.test(pattern)) evidence.pointDecimal += count;
		else if (COMMA_PATTERN.test(pattern)) evidence.commaDecimal += count;
	}
	evidence.dates = dateFormatsOf(patterns);
	return evidence;
}

export interface BooleanEvidence {
	/** Rows holding a yes/no word ('oui', 'N', 'true', '0'…). */
	words: number;
	/** Of those, rows holding a word rather than the digits 0 and 1. */
	lettered: number;
}

/** Yes/no words among the non-empty values (reads `w` like the role detector does). */
export async function readBooleans(db: Db, values: ValueTable): Promise<BooleanEvidence> {
	const [row] = rowsOf(
		await db.query(sql`SELECT sum(n) FILTER (WHERE ${shapePredicate('boolean')}) AS words,
				sum(n) FILTER (WHERE ${shapePredicate('boolean')} AND w NOT IN ('0', '1')) AS lettered
			FROM (
				SELECT n, regexp_replace(lower(strip_accents(s)), '\\.$', '') AS w
				FROM ${values.name} WHERE v <> ''
			)`)
	);
	return { words: Number(row?.words ?? 0), lettered: Number(row?.lettered ?? 0) };
}
