// One column's values grouped once into a scratch table — each different stored value with its
// row count, trimmed copy and shape-safe copy — so that every later figure (fill, distinct,
// top values, patterns, type, role failures) costs work per different value, not per row. The
// tricky point: the column comes from a user's file, so it is read only through ident(), cast
// to text, and values longer than MAX_SHAPED_LENGTH get a NULL shape copy `s` so that a 1 MB
// cell costs no regular-expression time; scratch tables get unique names and are always
// dropped, even when a query fails.
import type { Db } from '../db';
import { MAX_SHAPED_LENGTH } from '../roles/value-shapes';
import { ident, join, sql, trusted, type Sql } from '../sql/sql';

/** What counts as a blank around a value: space, tab, line breaks, no-break space. */
export const BLANKS: Sql = sql`' ' || chr(9) || chr(10) || chr(13) || chr(160)`;

/** Values and examples handed to the page are cut to this many characters. */
export const MAX_SHOWN_LENGTH = 200;

/** A column's grouped values: columns raw, n (rows), v (trimmed, '' when empty), s. */
export interface ValueTable {
	/** The scratch table's name, quoted. */
	name: Sql;
}

let scratchCounter = 0;

/** A fresh name for a scratch table (temporary tables belong to one connection). */
export function scratchName(prefix: string): string {
	scratchCounter += 1;
	const random = Math.floor(Math.random() * 1e9).toString(36);
	return `${prefix}_${Date.now().toString(36)}_${random}_${scratchCounter}`;
}

const BLANK_CODES = [32, 9, 10, 13, 160];

/** `v` trimmed of blanks; NULL stays NULL. */
export function trimmed(expression: Sql): Sql {
	return sql`trim(${expression}::VARCHAR, ${BLANKS})`;
}

/**
 * The same over a plain column, cheaper: trim() with a character list costs more than the
 * prefix and suffix tests that show most values need no trimming.
 */
export function trimmedColumn(column: Sql): Sql {
	const ends = BLANK_CODES.map(
		(code) => sql`prefix(${column}, chr(${code})) OR suffix(${column}, chr(${code}))`
	);
	return sql`CASE WHEN ${join(ends, ' OR ')} THEN ${trimmed(column)} ELSE ${column} END`;
}

/** The shape-safe copy of a trimmed value: NULL when too long to be worth a pattern test. */
export function shapeSafe(value: Sql): Sql {
	return sql`CASE WHEN length(${value}) <= ${MAX_SHAPED_LENGTH} THEN ${value} END`;
}

/** A value cut for display, with a flag saying whether it was cut. */
export function shown(value: Sql, alias: string): Sql {
	return sql`left(${value}, ${MAX_SHOWN_LENGTH}) AS ${ident(alias)},
		length(${value}) > ${MAX_SHOWN_LENGTH} AS ${ident(`${alias}_cut`)}`;
}

/** A relation to read the column from: a table by name or a trusted scratch relation. */
export type Relation = string | Sql;

export function relationSql(relation: Relation): Sql {
	return typeof relation === 'string' ? ident(relation) : relation;
}

/**
 * Groups `column` of `relation` into a scratch table, runs `work` with it and drops it. NULL
 * cells become an empty `v`, like blank ones.
 */
export async function withValueTable<T>(
	db: Db,
	relation: Relation,
	column: string,
	work: (values: ValueTable) => Promise<T>
): Promise<T> {
	const name = ident(scratchName('cc_profile_values'));
	try {
		await db.exec(sql`CREATE TEMP TABLE ${name} AS
			SELECT raw, n, v, ${shapeSafe(trusted('v'))} AS s FROM (
				SELECT raw, n, coalesce(${trimmedColumn(trusted('raw'))}, '') AS v FROM (
					SELECT ${ident(column)}::VARCHAR AS raw, count(*) AS n
					FROM ${relationSql(relation)} GROUP BY 1
				)
			)`);
		return await work({ name });
	} finally {
		await db.exec(sql`DROP TABLE IF EXISTS ${name}`);
	}
}
