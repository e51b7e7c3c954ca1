// What a value picker offers: for text, the most frequent values and how many customers (or
// events) hold each; for numbers and days, the range and quartiles. Read from the data itself,
// so "city is …" proposes the cities there are. The column is one of the catalogue's (fields.ts)
// or an event field (rules.ts): never a name from the page that was not checked against those.
import type { Db } from '../db';
import { C360_TABLES } from '../customer360/tables';
import type { EventKind } from '../customer360/event-kinds';
import { INDICATOR_TABLES } from '../indicators/tables';
import { rowsOf } from '../sql/rows';
import { ident, sql, type Sql } from '../sql/sql';
import { loadFieldCatalogue } from './fields';
import { EVENT_FIELDS, type EventField, type FieldType } from './rules';

export type ValueHints =
	| { type: 'text'; distinct: number; top: { value: string; count: number }[] }
	| {
			type: 'number' | 'date';
			/** Numbers, or days as 'YYYY-MM-DD'; null when the column has no value. */
			min: number | string | null;
			q1: number | string | null;
			median: number | string | null;
			q3: number | string | null;
			max: number | string | null;
	  }
	| { type: 'boolean' };

/** Where the values are read: a customer or indicator field, or an event field of one kind. */
export type HintSource =
	{ of: 'field'; name: string } | { of: 'event'; event: EventKind; field: EventField };

const TOP_VALUES = 25;

async function textHints(db: Db, column: Sql, from: Sql): Promise<ValueHints> {
	const rows = rowsOf(
		await db.query(sql`SELECT v AS value, count(*) AS n, count(*) OVER () AS distinct_values
			FROM (SELECT CAST(${column} AS VARCHAR) AS v ${from}) WHERE v IS NOT NULL AND v <> ''
			GROUP BY v ORDER BY n DESC, v LIMIT ${TOP_VALUES}`)
	);
	return {
		type: 'text',
		distinct: Number(rows[0]?.distinct_values ?? 0),
		top: rows.map((r) => ({ value: String(r.value), count: Number(r.n) }))
	};
}

async function rangeHints(db: Db, type: 'number' | 'date', column: Sql, from: Sql) {
	const value = type === 'date' ? sql`CAST(${column} AS DATE)` : sql`CAST(${column} AS DOUBLE)`;
	const show = (q: Sql) => (type === 'date' ? sql`strftime(${q}, '%Y-%m-%d')` : q);
	const [row] = rowsOf(
		await db.query(sql`SELECT ${show(sql`min(v)`)} AS min, ${show(sql`quantile_disc(v, 0.25)`)} AS q1,
				${show(sql`quantile_disc(v, 0.5)`)} AS median, ${show(sql`quantile_disc(v, 0.75)`)} AS q3,
				${show(sql`max(v)`)} AS max
			FROM (SELECT ${value} AS v ${from}) WHERE v IS NOT NULL`)
	);
	const read = (v: unknown) =>
		v === null || v === undefined ? null : type === 'date' ? String(v) : Number(v);
	return {
		type,
		min: read(row?.min),
		q1: read(row?.q1),
		median: read(row?.median),
		q3: read(row?.q3),
		max: read(row?.max)
	} satisfies ValueHints;
}

async function hintsOf(db: Db, type: FieldType, column: Sql, from: Sql): Promise<ValueHints> {
	if (type === 'boolean') return { type };
	if (type === 'text') return textHints(db, column, from);
	return rangeHints(db, type, column, from);
}

/** The hints of a field or event field; null when there is no such field. */
export async function valueHints(db: Db, source: HintSource): Promise<ValueHints | null> {
	if (source.of === 'event') {
		if (!Object.hasOwn(EVENT_FIELDS, source.field)) return null;
		const from = sql`FROM ${ident(C360_TABLES.event)} WHERE status = 'linked'
			AND customer_id IS NOT NULL AND kind = ${source.event}`;
		return hintsOf(db, EVENT_FIELDS[source.field], ident(source.field), from);
	}
	const field = (await loadFieldCatalogue(db)).fields.find((f) => f.name === source.name);
	if (!field) return null;
	const table = field.table === 'indicator' ? INDICATOR_TABLES.customer : C360_TABLES.customer;
	return hintsOf(db, field.type, ident(field.name), sql`FROM ${ident(table)}`);
}
