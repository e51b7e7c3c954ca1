// The mapped view of a source: its raw all-VARCHAR table read by role into canonical, typed,
// normalised columns (record_id, email, phone, birth_date…), what identity resolution and the
// 360 view read instead of raw headers. The tricky points: raw headers can hold anything, so
// mapped columns are first renamed c0, c1… in an inner query and only ever reached through
// ident(); and a phone is not read by SQL but looked up (phone-lookup: E.164 read by
// libphonenumber-js), so the lookup is filled for the source's phone columns first and each
// phone column gets a query layer of its own joining it.
import type { Db } from '../db';
import { rowsOf } from '../sql/rows';
import { ident, join, sql, type Sql } from '../sql/sql';
import { planColumn } from './column-reading';
import { mappedViewName, place, tableColumns, type Placed } from './placement';
import { decisionOf, noteOf } from './reading-report';
import {
	cleanText,
	consent,
	date,
	email,
	formOf,
	matchKey,
	number,
	typeOfForm
} from './role-expressions';
import {
	fillPhoneLookup,
	lookedUpPhone,
	lookupCountry,
	phoneKey,
	PHONE_LOOKUP_TABLE
} from './phone-lookup';
import type { MappedColumn, MappedOptions, MappedSpec, MappedView, ReadingDecision } from './types';

/** A choice by raw column name; a column named 'constructor' must not find Object's own. */
function chosenFor<T>(choices: Readonly<Record<string, T>> | undefined, column: string) {
	return choices && Object.hasOwn(choices, column) ? choices[column] : undefined;
}

/**
 * The record id: the source id and the record key when a record_key column is mapped and its
 * trimmed values are all filled and unique; otherwise the source id and the row's rowid + 1, a
 * stable fallback as long as the raw table is not rewritten (a re-import renumbers it).
 */
async function recordId(
	db: Db,
	spec: MappedSpec,
	key: Placed | undefined,
	notes: string[]
): Promise<{ value: Sql; column: string | null }> {
	if (key) {
		const [row] = rowsOf(
			await db.query(sql`SELECT count(*) AS n, count(k) AS filled, count(DISTINCT k) AS different
				FROM (SELECT ${cleanText(ident(key.column))} AS k FROM ${ident(spec.tableName)})`)
		);
		const n = Number(row?.n ?? 0);
		if (Number(row?.filled ?? 0) === n && Number(row?.different ?? 0) === n) {
			return {
				value: sql`${spec.sourceId} || ':' || ${cleanText(ident(key.inner))}`,
				column: key.column
			};
		}
		notes.push(
			`Record key '${key.column}' is empty or repeated on some rows, so records are numbered by row instead.`
		);
	}
	return { value: sql`${spec.sourceId} || ':#' || (cc_row + 1)::VARCHAR`, column: null };
}

/** Creates (or replaces) the source's mapped view and says what it holds. */
export async function buildMappedView(
	db: Db,
	spec: MappedSpec,
	options: MappedOptions = {}
): Promise<MappedView> {
	const notes: string[] = [];
	const placed = place(spec, await tableColumns(db, spec.tableName), notes);
	const id = await recordId(
		db,
		spec,
		placed.find((p) => p.role === 'record_key'),
		notes
	);
	const columns: MappedColumn[] = [
		{ name: 'record_id', role: 'record_key', sourceColumn: id.column, type: 'text' }
	];
	const selects: Sql[] = [sql`${id.value} AS record_id`];
	const phoneLayers: { inner: string; out: string }[] = [];
	const readings: ReadingDecision[] = [];
	for (const p of placed) {
		const raw = ident(p.inner);
		const form = formOf(p.role);
		let typing = null;
		let value: Sql;
		if (form === 'date' || form === 'number') {
			const plan = await planColumn(db, spec.tableName, p.column, form, {
				dateOrder: chosenFor(options.dateOrder, p.column),
				decimalSeparator: chosenFor(options.decimalSeparator, p.column)
			});
			notes.push(noteOf(p.role, plan));
			readings.push(decisionOf(p.column, plan));
			if (plan.kind === 'date') {
				typing = plan.date.typing;
				value = date(raw, typing);
			} else value = number(raw, plan.number.separator);
		} else if (form === 'email') value = email(raw);
		else if (form === 'consent') value = consent(raw);
		else if (form === 'phone') {
			const out = `${p.inner}_phone`;
			phoneLayers.push({ inner: p.inner, out });
			value = ident(out);
		} else value = cleanText(raw);
		selects.push(sql`${value} AS ${ident(p.name)}`);
		columns.push({
			name: p.name,
			role: p.role,
			sourceColumn: p.column,
			type: typeOfForm(form, typing)
		});
		if (form === 'name') {
			selects.push(sql`${matchKey(cleanText(raw))} AS ${ident(`${p.name}_key`)}`);
			columns.push({ name: `${p.name}_key`, role: p.role, sourceColumn: p.column, type: 'text' });
		}
	}
	const renamed = placed.map((p) => sql`${ident(p.column)}::VARCHAR AS ${ident(p.inner)}`);
	let from = sql`SELECT rowid AS cc_row${renamed.length > 0 ? sql`, ${join(renamed)}` : sql``} FROM ${ident(spec.tableName)}`;
	if (phoneLayers.length > 0) {
		const country = options.phoneCountry ?? (await lookupCountry(db));
		const raws = placed.filter((p) => formOf(p.role) === 'phone').map((p) => p.column);
		await fillPhoneLookup(db, spec.tableName, raws, country);
	}
	for (const layer of phoneLayers) {
		from = sql`SELECT f.*, ${lookedUpPhone('l')} AS ${ident(layer.out)} FROM (${from}) f
			LEFT JOIN ${ident(PHONE_LOOKUP_TABLE)} l ON l.raw = ${phoneKey(sql`f.${ident(layer.inner)}`)}`;
	}
	const view = options.viewName ?? mappedViewName(spec.tableName);
	await db.exec(
		// source_row: the raw table's rowid, to reach columns the view leaves out (a truth column).
		sql`CREATE OR REPLACE VIEW ${ident(view)} AS SELECT ${join(selects)}, cc_row AS source_row FROM (${from}) ORDER BY cc_row`
	);
	return { view, columns, notes, readings };
}
