// A segment's standalone SQL, exported from a workspace and run by a user's own DuckDB: the demo
// retailer goes through identity, the 360° view and the indicators; a few segments (an
// attribute, purchases in a category and in the last year, indicator values and RFM segments,
// relative dates, a nested OR with NOT, segments made of segments) are counted in the workspace;
// the 360° table, the events and the indicators are exported as Parquet by the app's own writers
// and opened in a NEW native DuckDB, where each segment's SQL text must select exactly the
// customers the workspace counted. The tricky point: the app exports the 360° table only, so
// the events and indicators are written here with the same Parquet writer the 360° export uses
// (paged by a key, see export/key-pages), never by DuckDB's COPY.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build360 } from '../../src/lib/core/customer360/build';
import { customerColumns } from '../../src/lib/core/customer360/customer-list';
import { exportCustomer360 } from '../../src/lib/core/customer360/export-360';
import { C360_TABLES } from '../../src/lib/core/customer360/tables';
import type { Db } from '../../src/lib/core/db';
import { exportColumn } from '../../src/lib/core/export/export-columns';
import type { KeyedTable } from '../../src/lib/core/export/key-pages';
import { writeParquet } from '../../src/lib/core/export/parquet-file';
import { resolveIdentities } from '../../src/lib/core/identity/resolve';
import { buildIndicators } from '../../src/lib/core/indicators/build';
import { DEFAULT_INDICATOR_SETTINGS } from '../../src/lib/core/indicators/settings';
import { INDICATOR_TABLES } from '../../src/lib/core/indicators/tables';
import { compileSegment } from '../../src/lib/core/segments/compile';
import { loadRuleContext } from '../../src/lib/core/segments/context';
import type { Rule, SegmentDefinition } from '../../src/lib/core/segments/definition';
import {
	attribute as a,
	behaviour,
	boughtInCategory,
	group,
	hasNotPurchasedSince,
	inSegment
} from '../../src/lib/core/segments/shortcuts';
import { countRule, sqlOfSegment } from '../../src/lib/core/segments/workspace-segments';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { ident, sql } from '../../src/lib/core/sql/sql';
import { loadDemoWorkspace } from '../../src/lib/core/workspace/demo-workspace';
import { engines } from '../support/engines';

const PERSONS = 1500;

const segment = (id: string, name: string, rule: Rule, description = ''): SegmentDefinition => ({
	id,
	name,
	description,
	colour: '#000',
	createdAt: 0,
	updatedAt: 0,
	rule: rule.kind === 'group' ? rule : group('and', [rule])
});

/** A day `days` before an ISO day, as 'YYYY-MM-DD'. */
function daysBefore(day: string, days: number): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** The segments, some of whose dates are written relative to the build's as-of day. */
function segmentsOf(asOf: string): SegmentDefinition[] {
	const rfm = (name: string): Rule => ({
		kind: 'indicator',
		filter: { kind: 'rfm-segment', segment: name }
	});
	return [
		segment('paris', 'Parisians', a('city', 'is', 'paris')),
		segment('shoes', 'Shoe buyers', boughtInCategory('shoes')),
		segment(
			'repeat',
			'Repeat buyers this year',
			behaviour('purchase', 'at-least', 2, { window: { kind: 'last-days', days: 365 } })
		),
		segment('high-clv', 'High CLV', a('clv', '>', 40)),
		segment('best', 'Champions and loyal', group('or', [rfm('Champions'), rfm('Loyal')])),
		segment(
			'lapsed',
			'Lapsed',
			group('and', [
				a('orders', '>=', 1),
				a('last_purchase_at', 'more-than-days-ago', 180),
				hasNotPurchasedSince(daysBefore(asOf, 120))
			]),
			"Bought once, then nothing.\nSELECT 'not a query';"
		),
		segment(
			'engaged-or-dormant',
			'Engaged or dormant',
			group('or', [
				group('and', [
					a('email_optin', 'is-true'),
					behaviour('email', 'at-least', 1, { eventType: 'click' })
				]),
				group('or', [a('orders', '>', 0), behaviour('web', 'at-least', 1)], true)
			])
		),
		segment(
			'paris-valuable',
			'Valuable Parisians',
			group('and', [
				inSegment('paris'),
				group('or', [inSegment('high-clv'), inSegment('shoes')]),
				group('and', [inSegment('best')], true)
			])
		)
	];
}

/** A table's columns as the export writers take them. */
async function exportColumnsOf(db: Db, table: string) {
	const rows = rowsOf(
		await db.query(sql`SELECT column_name, data_type FROM information_schema.columns
			WHERE table_schema = 'main' AND table_name = ${table} ORDER BY ordinal_position`)
	);
	return rows.map((r) => exportColumn(String(r.column_name), String(r.data_type)));
}

/** The events as Parquet: paged by a key made unique from the source and its row. */
async function eventsParquet(db: Db): Promise<Uint8Array> {
	const paged: KeyedTable = { table: 't_event_pages', key: 'event_key', rowsAre: 'events' };
	await db.exec(sql`CREATE OR REPLACE TEMP VIEW ${ident(paged.table)} AS
		SELECT source_id || ':' || source_row AS event_key, * FROM ${ident(C360_TABLES.event)}`);
	return writeParquet(db, paged, await exportColumnsOf(db, C360_TABLES.event));
}

async function indicatorsParquet(db: Db): Promise<Uint8Array> {
	const table = INDICATOR_TABLES.customer;
	const keyed: KeyedTable = { table, key: 'customer_id', rowsAre: 'customers' };
	return writeParquet(db, keyed, await exportColumnsOf(db, table));
}

describe.each(engines)('standalone SQL of segments of a $name workspace', (engine) => {
	let db: Db & { close(): void };
	let folder: string;
	let instance: DuckDBInstance;
	let standalone: DuckDBConnection;
	let segments: SegmentDefinition[];
	let customers: number;

	beforeAll(async () => {
		db = await engine.open();
		await loadDemoWorkspace(db, PERSONS);
		await resolveIdentities(db);
		const built = await build360(db);
		await buildIndicators(db, DEFAULT_INDICATOR_SETTINGS);
		segments = segmentsOf(built.asOf);
		customers = built.customers;

		folder = await mkdtemp(joinPath(tmpdir(), 'concord-segments-'));
		const names = (await customerColumns(db)).map((c) => c.name);
		const files = {
			customer_360: (await exportCustomer360(db, names, 'parquet')).bytes,
			events: await eventsParquet(db),
			indicators: await indicatorsParquet(db)
		};
		// A user's own DuckDB: a new in-memory instance, the exported files as its tables.
		instance = await DuckDBInstance.create(':memory:');
		standalone = await instance.connect();
		for (const [name, bytes] of Object.entries(files)) {
			const path = joinPath(folder, `${name}.parquet`);
			await writeFile(path, bytes);
			await standalone.run(
				sql`CREATE VIEW ${ident(name)} AS SELECT * FROM read_parquet(${path})`.text
			);
		}
	}, 240_000);
	afterAll(async () => {
		standalone?.closeSync();
		instance?.closeSync();
		db?.close();
		if (folder) await rm(folder, { recursive: true, force: true });
	});

	it('exports every customer, event and indicator row', async () => {
		const counts = async (table: string) =>
			Number(
				(
					await standalone.runAndReadAll(sql`SELECT count(*) FROM ${ident(table)}`.text)
				).getRows()[0]?.[0]
			);
		const [workspace] = rowsOf(
			await db.query(sql`SELECT (SELECT count(*) FROM ${ident(C360_TABLES.event)}) AS events,
				(SELECT count(*) FROM ${ident(INDICATOR_TABLES.customer)}) AS indicators`)
		);
		expect(await counts('customer_360')).toBe(customers);
		expect(await counts('events')).toBe(workspace?.events);
		expect(await counts('indicators')).toBe(workspace?.indicators);
	});

	it.each([
		'paris',
		'shoes',
		'repeat',
		'high-clv',
		'best',
		'lapsed',
		'engaged-or-dormant',
		'paris-valuable'
	])('selects the customers the workspace counts for %s', async (id) => {
		const saved = segments.find((s) => s.id === id)!;
		const counted = await countRule(db, saved.rule, segments, id);
		if (counted.status !== 'ok') throw new Error(JSON.stringify(counted));
		const compiled = compileSegment(saved, await loadRuleContext(db, segments));
		if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
		const inWorkspace = rowsOf(
			await db.query(sql`SELECT customer_id FROM ${ident(C360_TABLES.customer)}
				WHERE customer_id IN (${compiled.sql}) ORDER BY customer_id`)
		).map((r) => String(r.customer_id));

		const text = await sqlOfSegment(db, id, segments);
		if (text.status !== 'ok') throw new Error(JSON.stringify(text));
		expect(text.value.startsWith(`-- Concord segment: ${saved.name}\n`)).toBe(true);
		const result = await standalone.runAndReadAll(text.value);
		const column = result.columnNames().indexOf('customer_id');
		const selected = result.getRows().map((row) => String(row[column]));

		expect(selected.length).toBe(counted.value.customers);
		expect(selected).toEqual(inWorkspace);
		// Neither no one nor everyone, so that a wrong translation shows.
		expect(selected.length).toBeGreaterThan(0);
		expect(selected.length).toBeLessThan(customers);
	});
});
