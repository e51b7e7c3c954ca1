// What a column's values look like, measured in SQL on the real engine over a sample of a raw
// table: the share of non-empty values of each shape (e-mail, phone, date, amount…), the
// distinct ratio and the lengths, for every column in one query. The tricky point is that the
// table comes from a user's file: columns are read through ident() only and renamed c0, c1, …
// in the sample so that no header text reaches the rest of the query, the number of sampled
// rows shrinks as the column count grows (10,000 columns must not mean 50M cells), and values
// longer than MAX_SHAPED_LENGTH skip the pattern tests.
import type { Db } from '../db';
import { rowsOf, type Row } from '../sql/rows';
import { ident, join, lit, sql, type Sql } from '../sql/sql';
import {
	DATE_FORMATS,
	DATE_SHAPE,
	MAX_SHAPED_LENGTH,
	shapePredicate,
	TIME_ZONE_SUFFIX,
	VALUE_SHAPES,
	type ValueShape
} from './value-shapes';

export interface ValueProfile {
	/** Rows in the sample. */
	rows: number;
	/** Non-empty values (after trimming spaces). */
	filled: number;
	distinct: number;
	/** distinct / filled, 0 for an empty column. */
	distinctRatio: number;
	/** Share of the non-empty values with each shape, from 0 to 1. */
	shares: Record<ValueShape, number>;
	minLength: number;
	maxLength: number;
	/** Median year of the values that are dates, null when there are none. */
	medianYear: number | null;
}

export interface ColumnValues {
	column: string;
	profile: ValueProfile;
}

export const DEFAULT_SAMPLE_ROWS = 5000;
/** At most this many cells are examined, whatever the number of columns. */
export const CELL_BUDGET = 1_000_000;
const MIN_SAMPLE_ROWS = 50;

export function sampleRowsFor(columnCount: number, requested = DEFAULT_SAMPLE_ROWS): number {
	const affordable = Math.floor(CELL_BUDGET / Math.max(1, columnCount));
	return Math.max(MIN_SAMPLE_ROWS, Math.min(Math.floor(requested), affordable));
}

function shapeAlias(shape: ValueShape): Sql {
	return ident(`shape_${shape}`);
}

/** The one query: a row per column, in column order (empty columns have NULL counts). */
export function valueProfileQuery(table: string, columns: readonly string[], rows: number): Sql {
	if (columns.length === 0) throw new Error('A value profile needs at least one column.');
	if (!Number.isInteger(rows) || rows < 1) throw new Error('The sample needs at least one row.');
	const positions = columns.map((_, i) => ident(`c${i}`));
	const projection = columns.map((name, i) => sql`${ident(name)}::VARCHAR AS ${positions[i]}`);
	const counts = VALUE_SHAPES.map(
		(shape) => sql`count(*) FILTER (WHERE ${shapePredicate(shape)}) AS ${shapeAlias(shape)}`
	);
	const formats = sql`[${join(DATE_FORMATS.map((format) => lit(format)))}]`;
	const blanks = sql`' ' || chr(9) || chr(10) || chr(13) || chr(160)`;
	return sql`WITH sample AS (
		SELECT ${join(projection)} FROM ${ident(table)} LIMIT ${rows}
	), cells AS (
		SELECT unnest(range(${columns.length})) AS col, unnest([${join(positions)}]) AS raw FROM sample
	), vals AS (
		SELECT col, trim(raw, ${blanks}) AS v FROM cells WHERE raw IS NOT NULL
	), shaped AS (
		SELECT col, v, CASE WHEN length(v) <= ${MAX_SHAPED_LENGTH} THEN v END AS s
		FROM vals WHERE v <> ''
	), prepared AS (
		SELECT col, v, s,
			regexp_replace(s, '[\\s.()/-]', '', 'g') AS p,
			regexp_replace(lower(strip_accents(s)), '\\.$', '') AS w,
			CASE WHEN regexp_matches(s, ${DATE_SHAPE})
				THEN try_strptime(regexp_replace(s, ${TIME_ZONE_SUFFIX}, '\\1'), ${formats}) END AS d
		FROM shaped
	), stats AS (
		SELECT col, count(*) AS filled, count(DISTINCT v) AS distinct_values,
			min(length(v)) AS min_length, max(length(v)) AS max_length,
			quantile_disc(year(d), 0.5) AS median_year,
			${join(counts)}
		FROM prepared GROUP BY col
	)
	SELECT k.range AS col, (SELECT count(*) FROM sample) AS sampled, stats.* EXCLUDE (col)
	FROM range(${columns.length}) k LEFT JOIN stats ON stats.col = k.range
	ORDER BY k.range`;
}

function emptyProfile(rows: number): ValueProfile {
	const shares = Object.fromEntries(VALUE_SHAPES.map((shape) => [shape, 0])) as Record<
		ValueShape,
		number
	>;
	return {
		rows,
		filled: 0,
		distinct: 0,
		distinctRatio: 0,
		shares,
		minLength: 0,
		maxLength: 0,
		medianYear: null
	};
}

function profileOf(row: Row): ValueProfile {
	// Empty columns come back with NULL counts: Number(null) is 0.
	const filled = Number(row.filled);
	const distinct = Number(row.distinct_values);
	const profile = emptyProfile(Number(row.sampled));
	for (const shape of VALUE_SHAPES) {
		profile.shares[shape] = filled > 0 ? Number(row[`shape_${shape}`]) / filled : 0;
	}
	return {
		...profile,
		filled,
		distinct,
		distinctRatio: filled > 0 ? distinct / filled : 0,
		minLength: Number(row.min_length),
		maxLength: Number(row.max_length),
		medianYear: row.median_year === null ? null : Number(row.median_year)
	};
}

/** The column names of a table or view, in order. */
export async function columnsOf(db: Db, table: string): Promise<string[]> {
	const empty = await db.query(sql`SELECT * FROM ${ident(table)} LIMIT 0`);
	return empty.schema.fields.map((field) => field.name);
}

/** Profiles the values of every column (or the given ones) of `table` over a sample. */
export async function profileValues(
	db: Db,
	table: string,
	options: { columns?: readonly string[]; sampleRows?: number } = {}
): Promise<ColumnValues[]> {
	const columns = options.columns ?? (await columnsOf(db, table));
	if (columns.length === 0) return [];
	const rows = sampleRowsFor(columns.length, options.sampleRows);
	const result = rowsOf(await db.query(valueProfileQuery(table, columns, rows)));
	return columns.map((column, i) => {
		const row = result[i];
		return { column, profile: row ? profileOf(row) : emptyProfile(0) };
	});
}
