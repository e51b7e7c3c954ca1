// Profiling a raw table, column by column. Up to `exactRowLimit` rows every figure is exact
// and read from the table itself. Above it, each column's fill and distinct count still come
// from the whole table (one scan of that column, distinct values counted by hash), while the
// value-level figures — top values, patterns, type, role failures — come from a seeded
// Bernoulli sample of about `sampleRows` rows, read in place rather than copied (copying a
// million wide rows costs more than sampling them again per column). The tricky point is
// honesty: the result's basis says which figures are the sample's, and columns are named in
// SQL only through ident(), aggregates by position, never by header.
import type { Db } from '../db';
import { columnsOf } from '../roles/value-detect';
import type { RoleId } from '../roles/vocabulary';
import { rowsOf, scalarOf } from '../sql/rows';
import { ident, sql, trusted, type Sql } from '../sql/sql';
import { profileColumn, type ColumnOptions, type WholeColumn } from './profile-column';
import type { ColumnProfile, ProfileBasis, TableProfile } from './types';
import { trimmedColumn } from './value-table';

export interface ProfileOptions {
	/** Roles of (some of) the columns: their values are checked against the role's rule. */
	roles?: readonly { column: string; role: RoleId }[];
	/** Columns to profile, in this order (default: all, in table order). */
	columns?: readonly string[];
	/** Top values per column (default 10), patterns (5), examples of role failures (5). */
	topValues?: number;
	patterns?: number;
	examples?: number;
	/** Tables with more rows get approximate distinct counts and a sample (default 1,000,000). */
	exactRowLimit?: number;
	/** Rows in that sample, about (default 250,000). */
	sampleRows?: number;
	/** Share of non-empty values that must read as a type (default 0.9). */
	typeThreshold?: number;
	/** The order assumed when no value tells day-first from month-first (default day-first). */
	preferDayFirst?: boolean;
	/** Called before each column and once at the end with done === total. */
	onProgress?: (done: number, total: number, column: string) => void;
}

export const DEFAULT_EXACT_ROW_LIMIT = 1_000_000;
/** Plenty for shares, types and patterns to within a fraction of a percent. */
export const DEFAULT_SAMPLE_ROWS = 250_000;
const SAMPLE_SEED = 42;

/** A seeded Bernoulli sample of about `size` rows of the table, read in place (no copy). */
function sampleOf(table: string, rows: number, size: number): Sql {
	const percent = Math.min(100, Math.max(0.0001, (100 * size) / Math.max(1, rows)));
	// A number computed here, written as plain digits: the sample clause takes no expression.
	return sql`(SELECT * FROM ${ident(table)}
		USING SAMPLE ${trusted(percent.toFixed(4))} PERCENT (bernoulli, ${SAMPLE_SEED}))`;
}

/**
 * A column's non-empty values and different values over the whole table, in one scan. Values
 * are counted different by their 64-bit hashes (exact unless two share a hash), one column at
 * a time so memory holds one hash set; approx_count_distinct was tried and is off by a third
 * on timestamp text at a million values, too far to show.
 */
async function wholeColumn(
	db: Db,
	table: string,
	column: string,
	rows: number
): Promise<WholeColumn> {
	const value = sql`${ident(column)}::VARCHAR`;
	const [row] = rowsOf(
		await db.query(sql`SELECT count(nullif(${trimmedColumn(value)}, '')) AS filled,
				count(DISTINCT hash(${value})) FILTER (WHERE ${value} <> '') AS distinct_values
			FROM ${ident(table)}`)
	);
	return {
		rows,
		filled: Number(row?.filled ?? 0),
		approximateDistinct: Number(row?.distinct_values ?? 0)
	};
}

/** Profiles every column (or the chosen ones) of a raw table. */
export async function profileTable(
	db: Db,
	table: string,
	options: ProfileOptions = {}
): Promise<TableProfile> {
	const started = Date.now();
	const existing = await columnsOf(db, table);
	const wanted = options.columns ?? existing;
	const columns = wanted.filter((column) => existing.includes(column));
	const missing = wanted.filter((column) => !existing.includes(column));
	const roles = new Map((options.roles ?? []).map((entry) => [entry.column, entry.role]));
	const limit = options.exactRowLimit ?? DEFAULT_EXACT_ROW_LIMIT;
	const rows = Number(scalarOf(await db.query(sql`SELECT count(*) FROM ${ident(table)}`)));
	const base: Omit<ColumnOptions, 'role'> = {
		topValues: options.topValues ?? 10,
		patterns: options.patterns ?? 5,
		examples: options.examples ?? 5,
		threshold: options.typeThreshold ?? 0.9,
		preferDayFirst: options.preferDayFirst ?? true,
		seed: SAMPLE_SEED
	};
	const sampled = rows > limit && columns.length > 0;
	const sampleRows = Math.max(1, Math.floor(options.sampleRows ?? DEFAULT_SAMPLE_ROWS));
	const relation = sampled ? sampleOf(table, rows, sampleRows) : table;
	const profiles: ColumnProfile[] = [];
	for (const [i, column] of columns.entries()) {
		options.onProgress?.(i, columns.length, column);
		const role = roles.get(column);
		const columnOptions: ColumnOptions = role ? { ...base, role } : base;
		const whole = sampled ? await wholeColumn(db, table, column, rows) : undefined;
		profiles.push(await profileColumn(db, relation, column, columnOptions, whole));
	}
	options.onProgress?.(columns.length, columns.length, '');
	const basis: ProfileBasis = sampled
		? { kind: 'sample', rows: Math.min(rows, sampleRows) }
		: { kind: 'all' };
	return { table, rows, basis, columns: profiles, missing, elapsedMs: Date.now() - started };
}
