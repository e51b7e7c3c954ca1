// Loading one source into the shared scratch tables: each record numbered once, its e-mail and
// phone cells unpivoted, trimmed, checked and normalised into `ids`, and — for a profile
// source — its address and consent flags into `records`. The tricky point: mapped columns come
// from a user's file, so they are read through ident() and renamed by position (c0, c1, …)
// in the numbered copy; nothing of their header reaches the rest of the SQL.
import type { Db } from '../db';
import { phoneDigits } from '../profile/phone-canonical';
import { scratchName, shapeSafe, trimmedColumn } from '../profile/value-table';
import { shapePredicate } from '../roles/value-shapes';
import { ident, join, sql, trusted, type Sql } from '../sql/sql';
import { identifierOf, truthy } from './identifiers';
import type { PlannedSource } from './plan';
import type { Scratch } from './scratch';

interface Cell {
	kind: 'email' | 'phone' | 'street' | 'postcode' | 'city' | 'emailOptin' | 'smsOptin';
	column: string;
	alias: Sql;
}

function cellsOf(source: PlannedSource): Cell[] {
	const cells: Omit<Cell, 'alias'>[] = [
		...source.email.map((column) => ({ kind: 'email' as const, column })),
		...source.phone.map((column) => ({ kind: 'phone' as const, column }))
	];
	const singles = [
		['street', source.street],
		['postcode', source.postcode],
		['city', source.city],
		['emailOptin', source.emailOptin],
		['smsOptin', source.smsOptin]
	] as const;
	for (const [kind, column] of singles) if (column !== null) cells.push({ kind, column });
	return cells.map((cell, i) => ({ ...cell, alias: ident(`c${i}`) }));
}

/**
 * The identifiers of a source's cells. Each different cell value is checked and normalised
 * once (an e-mail platform's export repeats each address dozens of times), then joined back
 * to the records that hold it.
 */
function identifiersInsert(
	scratch: Scratch,
	source: PlannedSource,
	numbered: Sql,
	cells: Cell[]
): Sql | null {
	const identifying = cells.filter((cell) => cell.kind === 'email' || cell.kind === 'phone');
	if (identifying.length === 0) return null;
	const unpivoted = join(
		identifying.map(
			(cell) =>
				sql`SELECT record_no, ${cell.kind} AS kind, ${cell.alias} AS raw FROM ${numbered}
					WHERE ${cell.alias} IS NOT NULL`
		),
		' UNION ALL '
	);
	// A record with two columns of one kind may hold the same identifier twice.
	const kinds = identifying.map((cell) => cell.kind);
	const repeated = new Set(kinds).size < kinds.length;
	return sql`INSERT INTO ${scratch.ids}
		WITH cells AS (${unpivoted}),
		different AS (SELECT DISTINCT kind, raw FROM cells),
		trimmed AS (SELECT kind, raw, ${trimmedColumn(trusted('raw'))} AS v FROM different),
		shaped AS (SELECT kind, raw, ${shapeSafe(trusted('v'))} AS s FROM trimmed WHERE v <> ''),
		prepared AS (
			SELECT kind, raw, s, CASE WHEN kind = 'phone' THEN ${phoneDigits(trusted('s'))} END AS p
			FROM shaped
		), identified AS (
			SELECT kind, raw,
				CASE kind WHEN 'email' THEN ${identifierOf('email')} ELSE ${identifierOf('phone')} END AS id
			FROM prepared
		)
		SELECT ${repeated ? sql`DISTINCT` : sql``} ${source.no}, c.record_no, c.kind, i.id
		FROM cells c JOIN identified i ON i.kind = c.kind AND i.raw = c.raw
		WHERE i.id IS NOT NULL`;
}

function flagsInsert(scratch: Scratch, source: PlannedSource, numbered: Sql, cells: Cell[]): Sql {
	const alias = (kind: Cell['kind']) => cells.find((cell) => cell.kind === kind)?.alias ?? null;
	const [street, postcode, city] = [alias('street'), alias('postcode'), alias('city')];
	const filled = (column: Sql) => sql`coalesce(${trimmedColumn(column)}, '') <> ''`;
	// The postcode's shape test reads a column named s, like every shape.
	const address =
		street && postcode && city
			? sql`${filled(street)} AND ${filled(city)} AND coalesce(${shapePredicate('postcode')}, FALSE)`
			: sql`NULL`;
	const consent = (column: Sql | null) => (column ? truthy(column) : sql`NULL`);
	const s = postcode ? shapeSafe(trimmedColumn(postcode)) : sql`NULL`;
	return sql`INSERT INTO ${scratch.records}
		SELECT ${source.no}, record_no, ${address}, ${consent(alias('emailOptin'))},
			${consent(alias('smsOptin'))}
		FROM (SELECT *, ${s} AS s FROM ${numbered})`;
}

/** Adds a source's identifiers (and, for a profile source, its flags) to the scratch tables. */
export async function loadSource(db: Db, scratch: Scratch, source: PlannedSource): Promise<void> {
	const cells = cellsOf(source);
	const isProfile = source.mapping.kind === 'profile';
	const identifiers = cells.some((cell) => cell.kind === 'email' || cell.kind === 'phone');
	if (!identifiers && !isProfile) return;
	const numbered = ident(scratchName('cc_quality_numbered'));
	const projection = cells.map((cell) => sql`${ident(cell.column)}::VARCHAR AS ${cell.alias}`);
	try {
		await db.exec(sql`CREATE TEMP TABLE ${numbered} AS
			SELECT ${join([sql`row_number() OVER () AS record_no`, ...projection])}
			FROM ${ident(source.mapping.tableName)}`);
		const insert = identifiersInsert(scratch, source, numbered, cells);
		if (insert) await db.exec(insert);
		if (isProfile) await db.exec(flagsInsert(scratch, source, numbered, cells));
	} finally {
		await db.exec(sql`DROP TABLE IF EXISTS ${numbered}`);
	}
}
