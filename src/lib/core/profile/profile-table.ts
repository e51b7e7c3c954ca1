// Profiling a raw table, column by column. Up to `exactRowLimit` rows every figure is exact
// and read from the table itself; above it, one pass over the whole table gives the row
// count and each column's fill, a pass per column its distinct count by hash, and the
// value-level figures come from a seeded Bernoulli sample of about `sampleRows` rows, read in
// place (copying a million wide rows costs more than sampling them again per column). The
// tricky point is width: a 10,000-column file must not become one query with 10,000
// aggregates, so the whole-table pass is split into groups of columns, and the aggregates are
// named by position, never by header.
import type { Db } from '../db';
import { columnsOf } from '../roles/value-detect';
import type { RoleId } from '../roles/vocabulary';
import { rowsOf, scalarOf } from '../sql/rows';
import { ident, join, sql, trusted, type Sql } from '../sql/sql';
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
	/** Rows in that sample (default 1,000,000). */
	sampleRows?: number;
	/** Share of non-empty values that must read as a type (default 0.9). */
	typeThreshold?: number;
	/** The order assumed when no value tells day-first from month-first (default day-first). */
	preferDayFirst?: boolean;
	/** Called before each column and once at the end with done === total. */
	onProgress?: (done: number, total: number, column: string) => void;
}

export const DEFAULT_EXACT_ROW_LIMIT = 1_000_000;
const COLUMNS_PER_PASS = 200;
const SAMPLE_SEED = 42;

/** Rows and each column's non-empty values over the whole table, by groups of columns. */
async function fillPass(
	db: Db,
	table: string,
	columns: readonly string[]
): Promise<{ rows: number; filled: number }[]> {
	const fills: { rows: number; filled: number }[] = [];
	for (let start = 0; start < columns.length; start += COLUMNS_PER_PASS) {
		const group = columns.slice(start, start + COLUMNS_PER_PASS);
		const counts = group.map(
			(column, i) =>
				sql`count(nullif(${trimmedColumn(sql`${ident(column)}::VARCHAR`)}, '')) AS ${ident(`f${i}`)}`
		);
		const [row] = rowsOf(
			await db.query(sql`SELECT count(*) AS total, ${join(counts)} FROM ${ident(table)}`)
		);
		group.forEach((_, i) => {
			fills.push({ rows: Number(row?.total ?? 0), filled: Number(row?.[`f${i}`] ?? 0) });
		});
	}
	return fills;
}

/** A seeded Bernoulli sample of about `size` rows of the table, read in place (no copy). */
function sampleOf(table: string, rows: number, size: number): Sql {
	const percent = Math.min(100, Math.max(0.0001, (100 * size) / Math.max(1, rows)));
	// A number computed here, written as plain digits: the sample clause takes no expression.
	return sql`(SELECT * FROM ${ident(table)}
		USING SAMPLE ${trusted(percent.toFixed(4))} PERCENT (bernoulli, ${SAMPLE_SEED}))`;
}

/**
 * Different non-empty values counted by their 64-bit hashes, one column at a time (memory for
 * one hash set). Exact unless two values share a hash; approx_count_distinct was tried and is
 * off by a third on timestamp text at a million values, too far to show.
 */
async function hashedDistinct(db: Db, table: string, column: string): Promise<number> {
	const value = sql`${ident(column)}::VARCHAR`;
	const distinct = scalarOf(
		await db.query(
			sql`SELECT count(DISTINCT hash(${value})) FROM ${ident(table)} WHERE ${value} <> ''`
		)
	);
	return Number(distinct ?? 0);
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
	const sampleRows = Math.max(1, Math.floor(options.sampleRows ?? DEFAULT_EXACT_ROW_LIMIT));
	const fills = sampled ? await fillPass(db, table, columns) : [];
	const relation = sampled ? sampleOf(table, rows, sampleRows) : table;
	const profiles: ColumnProfile[] = [];
	for (const [i, column] of columns.entries()) {
		options.onProgress?.(i, columns.length, column);
		const role = roles.get(column);
		const columnOptions: ColumnOptions = role ? { ...base, role } : base;
		const fill = fills[i];
		const whole: WholeColumn | undefined = fill && {
			...fill,
			approximateDistinct: await hashedDistinct(db, table, column)
		};
		profiles.push(await profileColumn(db, relation, column, columnOptions, whole));
	}
	options.onProgress?.(columns.length, columns.length, '');
	const basis: ProfileBasis = sampled
		? { kind: 'sample', rows: Math.min(rows, sampleRows) }
		: { kind: 'all' };
	return { table, rows, basis, columns: profiles, missing, elapsedMs: Date.now() - started };
}
