// Every source's mapped view kept current: built from the saved mapping and reading choices
// inside the same transaction as the import, replacement or re-mapping that changed them, with
// the builder's report (notes, readings) saved beside it so the page can show what was decided
// without building again. The tricky point: a view's default name comes from the raw table's
// name without its prefix, so a demo export (cc_raw_x) and a file (cc_src_x) would share it;
// the second source gets `_2`. Phones are read with the workspace's default country (a page
// setting the caller passes); the builder fills the phone lookup before it builds the view.
import type { Db } from '../db';
import { buildMappedView, mappedViewName, type MappedOptions, type MappedView } from '../mapped';
import { PHONE_LOOKUP_TABLE } from '../mapped/phone-lookup';
import { rowsOf, scalarOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';
import { findSource, listSources, loadMapping, VIEW_TABLE, type ColumnRole } from './catalog';

const viewTable = ident(VIEW_TABLE);

/** The reading choices of a mapping, as the view builder takes them. */
export function readingOptions(mapping: readonly ColumnRole[]): MappedOptions {
	// fromEntries makes own properties even of names such as '__proto__'.
	return {
		dateOrder: Object.fromEntries(
			mapping.flatMap((m) => (m.dateOrder ? [[m.column, m.dateOrder]] : []))
		),
		decimalSeparator: Object.fromEntries(
			mapping.flatMap((m) => (m.decimalSeparator ? [[m.column, m.decimalSeparator]] : []))
		)
	};
}

async function storedViewName(db: Db, sourceId: string): Promise<string | null> {
	const name = scalarOf(
		await db.query(sql`SELECT view_name FROM ${viewTable} WHERE source_id = ${sourceId}`)
	);
	return typeof name === 'string' ? name : null;
}

/** The default name, or the first `_2`, `_3`… that no other source's view or any table uses. */
async function freeViewName(db: Db, sourceId: string, tableName: string): Promise<string> {
	const base = mappedViewName(tableName);
	const taken = new Set(
		rowsOf(
			await db.query(sql`SELECT view_name AS name FROM ${viewTable} WHERE source_id <> ${sourceId}
				UNION ALL SELECT table_name FROM duckdb_tables()`)
		).map((row) => String(row.name))
	);
	let name = base;
	for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
	return name;
}

/**
 * Builds (or rebuilds) a source's mapped view from its saved mapping and choices; its phones are
 * read with `phoneCountry` (an ISO code such as 'FR'), or the phone lookup's country.
 */
export async function refreshMappedView(
	db: Db,
	sourceId: string,
	phoneCountry?: string
): Promise<MappedView> {
	const source = await findSource(db, sourceId);
	if (!source) throw new Error('This source is no longer in the workspace.');
	const mapping = await loadMapping(db, sourceId);
	const previous = await storedViewName(db, sourceId);
	const viewName = await freeViewName(db, sourceId, source.tableName);
	const built = await buildMappedView(
		db,
		{ sourceId, tableName: source.tableName, kind: source.kind, columns: mapping },
		{ ...readingOptions(mapping), viewName, phoneCountry }
	);
	if (previous !== null && previous !== built.view) {
		await db.exec(sql`DROP VIEW IF EXISTS ${ident(previous)}`);
	}
	await db.exec(sql`INSERT OR REPLACE INTO ${viewTable}
		VALUES (${sourceId}, ${built.view}, ${JSON.stringify(built)}, now()::TIMESTAMP)`);
	return built;
}

/** What the builder of a source's mapped view decided, as saved; null before it is built. */
export async function loadMappedView(db: Db, sourceId: string): Promise<MappedView | null> {
	const report = scalarOf(
		await db.query(sql`SELECT report FROM ${viewTable} WHERE source_id = ${sourceId}`)
	);
	if (typeof report !== 'string') return null;
	const parsed = JSON.parse(report) as Partial<MappedView>;
	if (typeof parsed.view !== 'string') return null;
	return {
		view: parsed.view,
		columns: parsed.columns ?? [],
		notes: parsed.notes ?? [],
		readings: parsed.readings ?? []
	};
}

/** Whether a saved report lists a phone column; a view built before the lookup reads it by SQL. */
function readsPhones(report: unknown): boolean {
	if (typeof report !== 'string') return false;
	const parsed = JSON.parse(report) as Partial<MappedView>;
	return (parsed.columns ?? []).some((c) => c.role === 'phone' || c.role === 'mobile');
}

/**
 * The sources whose view a workspace saved by an earlier version lacks (or that went missing, or
 * that reads phones without the phone lookup), among those whose raw table is there. Only reads,
 * so that an app start with nothing to build writes nothing.
 */
export async function sourcesLackingViews(db: Db): Promise<string[]> {
	const current = new Set(
		rowsOf(
			await db.query(sql`SELECT v.source_id, v.report, d.sql FROM ${viewTable} v
				JOIN duckdb_views() d ON d.view_name = v.view_name AND d.schema_name = 'main'`)
		)
			.filter((row) => !readsPhones(row.report) || String(row.sql).includes(PHONE_LOOKUP_TABLE))
			.map((row) => String(row.source_id))
	);
	return (await listSources(db))
		.filter((source) => !current.has(source.sourceId) && source.columnCount > 0)
		.map((source) => source.sourceId);
}

/** Builds the views of `sourcesLackingViews`; returns the sources it built. */
export async function ensureMappedViews(db: Db, phoneCountry?: string): Promise<string[]> {
	const lacking = await sourcesLackingViews(db);
	for (const sourceId of lacking) await refreshMappedView(db, sourceId, phoneCountry);
	return lacking;
}
