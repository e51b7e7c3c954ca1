// What the segment tests build by hand: the events' columns (the same in every test of
// segments), a helper that writes rows as a typed table, and a saved segment of a rule. The
// tricky point: every value is cast to its column's type in the INSERT, so a null or a date
// string lands as the type the 360° build would give it, whatever JavaScript value the test wrote;
// and events get their sale flag from the same expression as the build's.
import type { Db } from '../../src/lib/core/db';
import { saleOf } from '../../src/lib/core/customer360/events';
import type { Rule, SegmentDefinition } from '../../src/lib/core/segments/definition';
import type { DataRow } from '../../src/lib/core/segments/reference';
import { group } from '../../src/lib/core/segments/shortcuts';
import { ident, join, sql, trusted, type Sql } from '../../src/lib/core/sql/sql';

/** A table's columns, in order: name and DuckDB type. */
export type Columns = readonly (readonly [string, string])[];

/** The columns of cc_event the segment rules read. */
export const EVENT_COLUMNS: Columns = [
	['customer_id', 'VARCHAR'],
	['status', 'VARCHAR'],
	['kind', 'VARCHAR'],
	['lane', 'VARCHAR'],
	['event_at', 'TIMESTAMP'],
	['amount', 'DOUBLE'],
	['order_key', 'VARCHAR'],
	['category', 'VARCHAR'],
	['product', 'VARCHAR'],
	['event_type', 'VARCHAR'],
	['channel', 'VARCHAR'],
	['sale', 'BOOLEAN']
];

function literal(value: unknown, type: string): Sql {
	return sql`${(value ?? null) as string | number | boolean | null}::${trusted(type)}`;
}

/** (Re)creates `table` with `columns` and writes `rows` into it (a missing value is null). */
export async function writeTable(
	db: Db,
	table: string,
	columns: Columns,
	rows: readonly DataRow[]
): Promise<void> {
	const defs = columns.map(([name, type]) => sql`${ident(name)} ${trusted(type)}`);
	await db.exec(sql`CREATE OR REPLACE TABLE ${ident(table)} (${join(defs)})`);
	if (rows.length === 0) return;
	const values = rows.map(
		(row) => sql`(${join(columns.map(([name, type]) => literal(row[name], type)))})`
	);
	await db.exec(sql`INSERT INTO ${ident(table)} VALUES ${join(values)}`);
}

/**
 * (Re)creates the event table `table` with `rows`, each flagged a sale or not as the 360° build
 * flags it (a row's own `sale` is ignored).
 */
export async function writeEvents(db: Db, table: string, rows: readonly DataRow[]): Promise<void> {
	await writeTable(db, table, EVENT_COLUMNS, rows);
	await db.exec(sql`UPDATE ${ident(table)} SET sale = ${saleOf(sql`kind`, sql`event_type`)}`);
}

/** A saved segment of `rule` (a lone condition is put in an AND group), created at time 0. */
export const segment = (id: string, name: string, rule: Rule): SegmentDefinition => ({
	id,
	name,
	description: '',
	colour: '#000',
	createdAt: 0,
	updatedAt: 0,
	rule: rule.kind === 'group' ? rule : group('and', [rule])
});
