// The workspace catalog: one table listing every source the user has (its kind, where it came
// from, its raw table), one with each column's role and reading choices, one with each source's
// mapped view. Everything downstream reads the sources from here. The tricky point: workspaces
// saved by an earlier version lack the newer columns, so ensureCatalog adds them in place.
import type { Db } from '../db';
import type { ReadingChoice } from '../mapped/types';
import { rowsOf, scalarOf, type Row } from '../sql/rows';
import { ident, join, sql, type Sql } from '../sql/sql';

export const CATALOG_TABLE = 'cc_source';
/** Each source column's role and reading choices: the mapping the user confirmed. */
export const MAPPING_TABLE = 'cc_source_column';
/** Each source's mapped view and what its builder decided (see mapped-views.ts). */
export const VIEW_TABLE = 'cc_source_view';

export type SourceKind = 'profile' | 'event';
export type SourceOrigin = 'demo' | 'file';

export interface SourceEntry {
	sourceId: string;
	name: string;
	kind: SourceKind;
	tableName: string;
	fileName: string;
	origin: SourceOrigin;
	rowCount: number;
	columnCount: number;
	addedAt: number;
}

const catalog = ident(CATALOG_TABLE);
const mappingTable = ident(MAPPING_TABLE);
const viewTable = ident(VIEW_TABLE);

/** A column's role, and how the user wants it read when not as the data decide. */
export interface ColumnRole extends ReadingChoice {
	column: string;
	role: string;
}

export async function ensureCatalog(db: Db): Promise<void> {
	await db.exec(sql`CREATE TABLE IF NOT EXISTS ${catalog} (
		source_id VARCHAR PRIMARY KEY,
		name VARCHAR NOT NULL,
		kind VARCHAR NOT NULL CHECK (kind IN ('profile', 'event')),
		table_name VARCHAR NOT NULL,
		file_name VARCHAR NOT NULL,
		origin VARCHAR NOT NULL CHECK (origin IN ('demo', 'file')),
		added_at TIMESTAMP NOT NULL
	)`);
	await db.exec(sql`CREATE TABLE IF NOT EXISTS ${mappingTable} (
		source_id VARCHAR NOT NULL,
		column_index INTEGER NOT NULL,
		column_name VARCHAR NOT NULL,
		role VARCHAR NOT NULL,
		PRIMARY KEY (source_id, column_index)
	)`);
	await db.exec(sql`ALTER TABLE ${mappingTable} ADD COLUMN IF NOT EXISTS date_order VARCHAR`);
	await db.exec(
		sql`ALTER TABLE ${mappingTable} ADD COLUMN IF NOT EXISTS decimal_separator VARCHAR`
	);
	// How the file was read (delimiter, header… or a workbook's sheet), for a rerun from the
	// workspace file; null for sources not read from a file (the demo).
	await db.exec(sql`ALTER TABLE ${catalog} ADD COLUMN IF NOT EXISTS read_options VARCHAR`);
	await db.exec(sql`CREATE TABLE IF NOT EXISTS ${viewTable} (
		source_id VARCHAR PRIMARY KEY,
		view_name VARCHAR NOT NULL,
		report VARCHAR NOT NULL,
		built_at TIMESTAMP NOT NULL
	)`);
}

/** Replaces a source's mapping with the given column roles and choices, in column order. */
export async function saveMapping(
	db: Db,
	sourceId: string,
	mapping: readonly ColumnRole[]
): Promise<void> {
	await db.exec(sql`DELETE FROM ${mappingTable} WHERE source_id = ${sourceId}`);
	if (mapping.length === 0) return;
	const rows = mapping.map(
		(entry, i) =>
			sql`(${sourceId}, ${i}, ${entry.column}, ${entry.role}, ${entry.dateOrder ?? null},
				${entry.decimalSeparator ?? null})`
	);
	await db.exec(sql`INSERT INTO ${mappingTable}
		(source_id, column_index, column_name, role, date_order, decimal_separator)
		VALUES ${join(rows)}`);
}

/** A saved mapping row; choices an older or edited workspace holds in another form are left out. */
function columnRoleOf(row: Row): ColumnRole {
	const entry: ColumnRole = { column: String(row.column_name), role: String(row.role) };
	if (row.date_order === 'day-first' || row.date_order === 'month-first') {
		entry.dateOrder = row.date_order;
	}
	if (row.decimal_separator === '.' || row.decimal_separator === ',') {
		entry.decimalSeparator = row.decimal_separator;
	}
	return entry;
}

export async function loadMapping(db: Db, sourceId: string): Promise<ColumnRole[]> {
	return rowsOf(
		await db.query(sql`SELECT column_name, role, date_order, decimal_separator FROM ${mappingTable}
			WHERE source_id = ${sourceId} ORDER BY column_index`)
	).map(columnRoleOf);
}

/** One source's catalog entry (without counts), or null when it is not in the workspace. */
export async function findSource(
	db: Db,
	sourceId: string
): Promise<Pick<SourceEntry, 'sourceId' | 'tableName' | 'origin' | 'kind'> | null> {
	const [row] = rowsOf(
		await db.query(sql`SELECT source_id, table_name, origin, kind FROM ${catalog}
			WHERE source_id = ${sourceId}`)
	);
	if (!row) return null;
	return {
		sourceId: String(row.source_id),
		tableName: String(row.table_name),
		origin: row.origin as SourceOrigin,
		kind: row.kind as SourceKind
	};
}

/** Renames a source or changes its kind; its raw table stays as it is. */
export async function updateSource(
	db: Db,
	sourceId: string,
	change: { name: string; kind: SourceKind }
): Promise<void> {
	const name = change.name.trim();
	if (name.length === 0) throw new Error('A source needs a name.');
	await db.exec(sql`UPDATE ${catalog} SET name = ${name}, kind = ${change.kind}
		WHERE source_id = ${sourceId}`);
}

/** Drops the mapped views of the sources `which` selects, and forgets them. */
async function dropViews(db: Db, which: Sql): Promise<void> {
	const views = rowsOf(
		await db.query(sql`SELECT view_name FROM ${viewTable} WHERE source_id IN (${which})`)
	);
	for (const row of views) await db.exec(sql`DROP VIEW IF EXISTS ${ident(String(row.view_name))}`);
	await db.exec(sql`DELETE FROM ${viewTable} WHERE source_id IN (${which})`);
}

/** Removes a source from the catalog and drops its raw table and mapped view. */
export async function removeSource(db: Db, sourceId: string): Promise<void> {
	const entry = await findSource(db, sourceId);
	if (!entry) throw new Error('This source is no longer in the workspace.');
	await dropViews(db, sql`SELECT ${sourceId}`);
	await db.exec(sql`DROP TABLE IF EXISTS ${ident(entry.tableName)}`);
	await db.exec(sql`DELETE FROM ${mappingTable} WHERE source_id = ${sourceId}`);
	await db.exec(sql`DELETE FROM ${catalog} WHERE source_id = ${sourceId}`);
}

export async function registerSource(
	db: Db,
	entry: Omit<SourceEntry, 'rowCount' | 'columnCount' | 'addedAt'>
): Promise<void> {
	await db.exec(sql`INSERT OR REPLACE INTO ${catalog}
		(source_id, name, kind, table_name, file_name, origin, added_at)
		VALUES (${entry.sourceId}, ${entry.name}, ${entry.kind}, ${entry.tableName},
			${entry.fileName}, ${entry.origin}, now()::TIMESTAMP)`);
}

/** How a source's file was read, as the workspace file keeps it. */
export interface ReadOptions {
	/** Delimited text: what sniffing decided or the user chose (encoding follows from the file). */
	csv?: { delimiter: string; quote: string; escape: string; header: boolean; skipRows: number };
	/** An Excel workbook: the sheet read. */
	sheet?: string;
}

export async function saveReadOptions(db: Db, sourceId: string, read: ReadOptions): Promise<void> {
	await db.exec(sql`UPDATE ${catalog} SET read_options = ${JSON.stringify(read)}
		WHERE source_id = ${sourceId}`);
}

/** A source's read options; null when it was not read from a file or before they were kept. */
export async function loadReadOptions(db: Db, sourceId: string): Promise<ReadOptions | null> {
	const text = scalarOf(
		await db.query(sql`SELECT read_options FROM ${catalog} WHERE source_id = ${sourceId}`)
	);
	return typeof text === 'string' ? (JSON.parse(text) as ReadOptions) : null;
}

export async function removeSources(db: Db, origin: SourceOrigin): Promise<void> {
	await dropViews(db, sql`SELECT source_id FROM ${catalog} WHERE origin = ${origin}`);
	await db.exec(sql`DELETE FROM ${mappingTable} WHERE source_id IN
		(SELECT source_id FROM ${catalog} WHERE origin = ${origin})`);
	await db.exec(sql`DELETE FROM ${catalog} WHERE origin = ${origin}`);
}

/** The sources with their current row and column counts, in the order they were added. */
export async function listSources(db: Db): Promise<SourceEntry[]> {
	const entries = rowsOf(
		await db.query(sql`SELECT c.source_id, c.name, c.kind, c.table_name, c.file_name, c.origin,
			c.added_at, t.column_count
		FROM ${catalog} c
		LEFT JOIN duckdb_tables() t ON t.table_name = c.table_name AND t.schema_name = 'main'
		ORDER BY c.added_at, c.name`)
	);
	const sources: SourceEntry[] = [];
	for (const row of entries) {
		const tableName = String(row.table_name);
		// duckdb_tables() only estimates sizes; a source's row count must be exact.
		const rowCount = row.column_count === null ? 0 : await countRows(db, tableName);
		sources.push({
			sourceId: String(row.source_id),
			name: String(row.name),
			kind: row.kind as SourceKind,
			tableName,
			fileName: String(row.file_name),
			origin: row.origin as SourceOrigin,
			rowCount,
			columnCount: Number(row.column_count ?? 0),
			addedAt: Number(row.added_at)
		});
	}
	return sources;
}

async function countRows(db: Db, tableName: string): Promise<number> {
	return Number(scalarOf(await db.query(sql`SELECT count(*) FROM ${ident(tableName)}`)));
}
