// A segment's members as a CSV or Parquet file with the columns a marketer chose from the 360°
// table, written by the same writers as the 360° export (formula-safe CSV cells, Parquet in
// JavaScript). The members are copied to a temporary table first so that the writers page
// through them by customer id, the way they page through the whole table.
import type { Db } from '../db';
import { exportColumns, type ExportedFile } from '../customer360/export-360';
import { C360_TABLES } from '../customer360/tables';
import { writeCsv } from '../export/csv-file';
import type { ExportProgress, KeyedTable } from '../export/key-pages';
import { writeParquet } from '../export/parquet-file';
import { ident, sql, type Sql } from '../sql/sql';

export type MemberFormat = 'csv' | 'parquet';

const MEMBERS: KeyedTable = {
	table: 'cc_segment_members',
	key: 'customer_id',
	rowsAre: 'customers'
};

const MIME_TYPES: Readonly<Record<MemberFormat, string>> = {
	csv: 'text/csv;charset=utf-8',
	parquet: 'application/vnd.apache.parquet'
};

/** A file name from a segment's name: 'segment-high-value-2024-03-05.csv'. */
export function segmentFileName(name: string, day: string, extension: string): string {
	const slug = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60);
	return `segment-${slug || 'members'}-${day}.${extension}`;
}

export function localDay(date: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export async function exportSegmentMembers(
	db: Db,
	ids: Sql,
	name: string,
	columns: readonly string[],
	format: MemberFormat,
	options: { now?: Date; onProgress?: ExportProgress } = {}
): Promise<ExportedFile> {
	if (!Object.hasOwn(MIME_TYPES, format)) {
		throw new Error(`Concord exports CSV or Parquet files, not '${String(format)}'.`);
	}
	const chosen = await exportColumns(db, columns);
	await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${ident(MEMBERS.table)} AS
		SELECT c.* FROM ${ident(C360_TABLES.customer)} c WHERE c.customer_id IN (${ids})`);
	try {
		const write = format === 'csv' ? writeCsv : writeParquet;
		const bytes = await write(db, MEMBERS, chosen, options.onProgress);
		return {
			bytes,
			fileName: segmentFileName(name, localDay(options.now ?? new Date()), format),
			mimeType: MIME_TYPES[format]
		};
	} finally {
		await db.exec(sql`DROP TABLE IF EXISTS ${ident(MEMBERS.table)}`);
	}
}
