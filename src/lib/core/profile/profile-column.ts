// The profile of one column: its values grouped once, then a handful of small queries over
// the groups — counts and text range, top values, patterns, type, role check. The tricky
// point: when the table was too large to read whole, the values come from a sample and the
// fill and distinct figures from the whole table (`whole`), and the two must not be mixed up:
// fill rate and distinct count are the table's, everything value-level is the sample's.
import type { Db } from '../db';
import type { RoleId } from '../roles/vocabulary';
import { rowsOf } from '../sql/rows';
import { sql, trusted } from '../sql/sql';
import { inferType, type TypeInference } from './infer-type';
import {
	PATTERN_EXACT_VALUES,
	PATTERN_SAMPLE_ROWS,
	readPatterns,
	type PatternBasis,
	type PatternRead
} from './patterns';
import { checkRole } from './role-checks';
import type { ColumnProfile, ValueCount, ValueRange } from './types';
import { shown, withValueTable, type Relation, type ValueTable } from './value-table';

export interface ColumnOptions {
	role?: RoleId;
	topValues: number;
	patterns: number;
	examples: number;
	threshold: number;
	preferDayFirst: boolean;
	/** Seed of the pattern sample of high-cardinality columns. */
	seed: number;
}

/** Whole-table figures, given when `relation` is only a sample of the table. */
export interface WholeColumn {
	rows: number;
	filled: number;
	approximateDistinct: number;
}

export interface Counts {
	rows: number;
	filled: number;
	distinct: number;
	textRange: ValueRange | null;
}

async function readCounts(db: Db, values: ValueTable): Promise<Counts> {
	const [row] = rowsOf(
		await db.query(sql`SELECT coalesce(sum(n), 0) AS total,
				coalesce(sum(n) FILTER (WHERE v <> ''), 0) AS filled,
				count(*) FILTER (WHERE v <> '') AS distinct_values,
				left(min(v) FILTER (WHERE v <> ''), 200) AS min_text,
				left(max(v) FILTER (WHERE v <> ''), 200) AS max_text
			FROM ${values.name}`)
	);
	const min = row?.min_text;
	const max = row?.max_text;
	return {
		rows: Number(row?.total ?? 0),
		filled: Number(row?.filled ?? 0),
		distinct: Number(row?.distinct_values ?? 0),
		textRange:
			typeof min === 'string' && typeof max === 'string' ? { kind: 'text', min, max } : null
	};
}

async function readTopValues(db: Db, values: ValueTable, limit: number): Promise<ValueCount[]> {
	if (limit <= 0) return [];
	const rows = rowsOf(
		// Cut for display after the top-N, so only the chosen rows pay for it.
		await db.query(sql`SELECT ${shown(trusted('raw'), 'value')}, n FROM (
				SELECT raw, n FROM ${values.name} WHERE v <> '' ORDER BY n DESC, raw LIMIT ${limit}
			) ORDER BY n DESC, raw`)
	);
	return rows.map((row) => ({
		value: String(row.value),
		count: Number(row.n),
		truncated: row.value_cut === true
	}));
}

function patternBasis(
	values: ValueTable,
	relation: Relation,
	column: string,
	counts: Counts,
	seed: number
): PatternBasis {
	if (counts.distinct <= PATTERN_EXACT_VALUES || counts.rows <= PATTERN_SAMPLE_ROWS) {
		return { kind: 'values', values };
	}
	return { kind: 'sample', relation, column, rows: PATTERN_SAMPLE_ROWS, seed };
}

export interface ColumnReading {
	counts: Counts;
	patterns: PatternRead;
	inference: TypeInference;
}

/** Counts, patterns and type of a column whose values are grouped in `values`. */
export async function readColumn(
	db: Db,
	relation: Relation,
	column: string,
	values: ValueTable,
	options: Pick<ColumnOptions, 'threshold' | 'preferDayFirst' | 'seed'>
): Promise<ColumnReading> {
	const counts = await readCounts(db, values);
	const basis = patternBasis(values, relation, column, counts, options.seed);
	const patterns = await readPatterns(db, basis, counts.filled);
	const inference = await inferType(
		db,
		values,
		{
			filled: counts.filled,
			distinct: counts.distinct,
			patterns: patterns.rows,
			textRange: counts.textRange
		},
		options
	);
	return { counts, patterns, inference };
}

/** Profiles `column` of `relation` (the table, or a sample of it with `whole` given). */
export async function profileColumn(
	db: Db,
	relation: Relation,
	column: string,
	options: ColumnOptions,
	whole?: WholeColumn
): Promise<ColumnProfile> {
	return withValueTable(db, relation, column, async (values) => {
		const { counts, patterns, inference } = await readColumn(db, relation, column, values, options);
		const topValues = await readTopValues(db, values, options.topValues);
		const roleCheck = options.role
			? await checkRole(db, values, options.role, inference.type, options.examples)
			: null;
		const rows = whole?.rows ?? counts.rows;
		const filled = whole?.filled ?? counts.filled;
		return {
			column,
			type: inference.type,
			conforming: inference.conforming,
			conformingShare: counts.filled > 0 ? inference.conforming / counts.filled : 0,
			rows,
			filled,
			fillRate: rows > 0 ? filled / rows : 0,
			distinct: whole?.approximateDistinct ?? counts.distinct,
			distinctMethod: whole ? 'approximate' : 'exact',
			topValues,
			range: inference.range,
			patterns: {
				top: patterns.rows
					.slice(0, options.patterns)
					.map(({ pattern, count }) => ({ pattern, count })),
				distinct: patterns.distinct,
				estimated: patterns.estimated
			},
			roleCheck
		};
	});
}
