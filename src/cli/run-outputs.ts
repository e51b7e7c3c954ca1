// The files `concord run` writes: the 360° table, each record's customer, the indicators and
// each saved segment's members, as CSV with a header. The big tables are written by DuckDB
// straight to disk (COPY), so a table larger than memory never passes through JavaScript;
// segment members go through the app's own member export, so they read as the app's do.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../lib/core/db';
import { customerColumns } from '../lib/core/customer360/customer-list';
import { C360_TABLES } from '../lib/core/customer360/tables';
import { IDENTITY_TABLES } from '../lib/core/identity/tables';
import { INDICATOR_TABLES } from '../lib/core/indicators/tables';
import type { SegmentDefinition } from '../lib/core/segments/definition';
import { exportSegment } from '../lib/core/segments/workspace-segments';
import { ident, join as joinSql, sql, type Sql } from '../lib/core/sql/sql';
import { listSources } from '../lib/core/workspace/catalog';

async function copyCsv(db: Db, query: Sql, path: string): Promise<void> {
	await db.exec(sql`COPY (${query}) TO ${path} (FORMAT csv, HEADER true, DELIMITER ',')`);
}

/** customers.csv: every customer of the 360° view, golden record and KPIs, by customer id. */
export async function writeCustomers(db: Db, out: string): Promise<void> {
	const columns = (await customerColumns(db)).map((c) => ident(c.name));
	await copyCsv(
		db,
		sql`SELECT ${joinSql(columns)} FROM ${ident(C360_TABLES.customer)} ORDER BY customer_id`,
		join(out, 'customers.csv')
	);
}

/** clusters.csv: source, record_key, customer_id — one row per profile record. */
export async function writeClusters(db: Db, out: string): Promise<void> {
	const names = (await listSources(db)).map((s) => sql`(${s.sourceId}, ${s.name})`);
	const { record, customer } = IDENTITY_TABLES;
	await copyCsv(
		db,
		sql`SELECT n.name AS source, substr(r.record_id, length(r.source_id) + 2) AS record_key,
				c.customer_id
			FROM ${ident(record)} r
			JOIN ${ident(customer)} c USING (record_id)
			JOIN (VALUES ${joinSql(names)}) n(source_id, name) ON n.source_id = r.source_id
			ORDER BY r.rid`,
		join(out, 'clusters.csv')
	);
}

/** indicators.csv: each customer's RFM, model scores and lifecycle stage. */
export async function writeIndicators(db: Db, out: string): Promise<void> {
	await copyCsv(
		db,
		sql`SELECT * FROM ${ident(INDICATOR_TABLES.customer)} ORDER BY customer_id`,
		join(out, 'indicators.csv')
	);
}

/** A file name from a segment's name, unique among `taken` (which it joins). */
export function segmentFileBase(name: string, taken: Set<string>): string {
	const base =
		name
			// eslint-disable-next-line no-control-regex
			.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-')
			.replace(/^[\s.-]+|[\s.]+$/g, '')
			.slice(0, 100) || 'segment';
	let file = base;
	for (let n = 2; taken.has(file.toLowerCase()); n++) file = `${base} (${n})`;
	taken.add(file.toLowerCase());
	return `${file}.csv`;
}

/** Writes a segment's members with every column of the 360° table (it compiles: it was counted). */
export async function writeSegmentMembers(
	db: Db,
	segment: SegmentDefinition,
	segments: readonly SegmentDefinition[],
	path: string
): Promise<void> {
	const columns = (await customerColumns(db)).map((c) => c.name);
	const answer = await exportSegment(db, segment.id, segments, { format: 'csv', columns });
	if (answer.status !== 'ok') throw new Error(`The members of '${segment.name}' were not written.`);
	await writeFile(path, answer.value.bytes);
}
