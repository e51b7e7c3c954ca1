// Reading choices on both engines: a day/month order or decimal separator chosen by the user is
// saved with the mapping, loaded back and applied by the source's mapped view, which import,
// re-mapping and replacement build in their own transaction and removal drops.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { inspectCsv } from '../../src/lib/core/sources/inspect-csv';
import { sniffCsv } from '../../src/lib/core/sources/sniff';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { ident, sql } from '../../src/lib/core/sql/sql';
import {
	ensureCatalog,
	loadMapping,
	registerSource,
	removeSource,
	saveMapping,
	type ColumnRole
} from '../../src/lib/core/workspace/catalog';
import { importFileAsSource } from '../../src/lib/core/workspace/file-import';
import {
	ensureMappedViews,
	loadMappedView,
	refreshMappedView,
	sourcesLackingViews
} from '../../src/lib/core/workspace/mapped-views';
import { changeSource } from '../../src/lib/core/workspace/source-settings';
import { engines } from '../support/engines';

const dir = mkdtempSync(join(tmpdir(), 'concord-reading-choices-'));
const members = join(dir, 'members.csv');
const orders = join(dir, 'orders.csv');
const ordersJune = join(dir, 'orders-june.csv');
writeFileSync(members, 'id;born\nM1;25/12/1980\nM2;03/04/1975\nM3;01/02/2001\nM4;30/06/1969\n');
writeFileSync(orders, 'order;total\nO1;"1.234,5"\nO2;2.500\nO3;1.250\n');
writeFileSync(ordersJune, 'order;total\nO4;"9,5"\nO5;1.000\n');

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

async function viewValues(db: Db, view: string, column: string) {
	return rowsOf(await db.query(sql`SELECT ${ident(column)} AS v FROM ${ident(view)}`)).map(
		(row) => row.v
	);
}

async function viewExists(db: Db, view: string): Promise<boolean> {
	const rows = rowsOf(await db.query(sql`SELECT 1 FROM duckdb_views() WHERE view_name = ${view}`));
	return rows.length > 0;
}

describe.each(engines)('reading choices on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
		await ensureCatalog(db);
	});
	afterAll(() => db.close());

	async function importCsvFile(
		path: string,
		kind: 'profile' | 'event',
		mapping: ColumnRole[],
		replaces?: string
	) {
		const displayName = path.split('/').pop() ?? path;
		return importFileAsSource(db, {
			fileName: path,
			displayName,
			name: displayName,
			kind,
			options: await sniffCsv(db, path, 'utf-8', 'none'),
			mapping,
			replaces
		});
	}

	it('shows what the first rows say before importing', async () => {
		const options = await sniffCsv(db, members, 'utf-8', 'none');
		const inspection = await inspectCsv(db, members, 'members.csv', options);
		expect(inspection.readings).toEqual([
			{
				column: 'born',
				kind: 'date',
				detected: 'day-first',
				reason: '2 values decide it',
				chosen: null
			}
		]);
	});

	let membersId = '';

	it('saves a month-first choice on a day-first file, loads it back and reads by it', async () => {
		const imported = await importCsvFile(members, 'profile', [
			{ column: 'id', role: 'record_key' },
			{ column: 'born', role: 'birth_date', dateOrder: 'month-first' }
		]);
		membersId = imported.sourceId;
		expect(await loadMapping(db, membersId)).toEqual([
			{ column: 'id', role: 'record_key' },
			{ column: 'born', role: 'birth_date', dateOrder: 'month-first' }
		]);
		const mapped = await loadMappedView(db, membersId);
		expect(mapped?.view).toBe('cc_map_members');
		expect(mapped?.notes).toEqual(['Birth date: dates read month-first (chosen by hand).']);
		expect(mapped?.readings).toEqual([
			{
				column: 'born',
				kind: 'date',
				detected: 'day-first',
				reason: '2 values decide it',
				chosen: 'month-first'
			}
		]);
		expect(await viewValues(db, 'cc_map_members', 'birth_date')).toEqual([
			null,
			day('1975-03-04'),
			day('2001-01-02'),
			null
		]);
	});

	it('re-mapping keeps the saved choice, rebuilds the view, and dropping it reads as detected', async () => {
		const mapping = await loadMapping(db, membersId);
		await changeSource(db, membersId, { name: 'Members', kind: 'profile', mapping });
		expect(await loadMapping(db, membersId)).toEqual(mapping);
		expect((await loadMappedView(db, membersId))?.readings[0]?.chosen).toBe('month-first');

		const cleared = mapping.map(({ column, role }) => ({ column, role }));
		const view = await changeSource(db, membersId, {
			name: 'Members',
			kind: 'profile',
			mapping: cleared
		});
		expect(view.notes).toEqual(['Birth date: dates read day-first (2 values decide it).']);
		expect(await viewValues(db, view.view, 'birth_date')).toEqual([
			day('1980-12-25'),
			day('1975-04-03'),
			day('2001-02-01'),
			day('1969-06-30')
		]);
	});

	let ordersId = '';

	it("reads '1.234,5' as 1234.5 and '2.500' as 2500 with a decimal comma chosen", async () => {
		const detected = await importCsvFile(orders, 'event', [
			{ column: 'order', role: 'record_key' },
			{ column: 'total', role: 'amount' }
		]);
		ordersId = detected.sourceId;
		const first = await loadMappedView(db, ordersId);
		expect(first?.readings).toEqual([
			{
				column: 'total',
				kind: 'number',
				detected: '.',
				reason: '2 values have a decimal point, 1 a decimal comma',
				chosen: null
			}
		]);
		expect(await viewValues(db, 'cc_map_orders', 'amount')).toEqual([1234.5, 2.5, 1.25]);

		await changeSource(db, ordersId, {
			name: 'Orders',
			kind: 'event',
			mapping: [
				{ column: 'order', role: 'record_key' },
				{ column: 'total', role: 'amount', decimalSeparator: ',' }
			]
		});
		expect((await loadMapping(db, ordersId))[1]).toEqual({
			column: 'total',
			role: 'amount',
			decimalSeparator: ','
		});
		expect((await loadMappedView(db, ordersId))?.notes).toEqual([
			'Amount: numbers read with a decimal comma (chosen by hand).'
		]);
		expect(await viewValues(db, 'cc_map_orders', 'amount')).toEqual([1234.5, 2500, 1250]);
	});

	it('replacing a source builds the new view with its choices and drops the old one', async () => {
		const mapping = await loadMapping(db, ordersId);
		const replaced = await importCsvFile(ordersJune, 'event', mapping, ordersId);
		expect(replaced.sourceId).toBe(ordersId);
		expect(await viewExists(db, 'cc_map_orders')).toBe(false);
		const mapped = await loadMappedView(db, ordersId);
		expect(mapped?.view).toBe('cc_map_orders_june');
		expect(await viewValues(db, 'cc_map_orders_june', 'amount')).toEqual([9.5, 1000]);
	});

	it('removing a source drops its view and its report', async () => {
		await removeSource(db, ordersId);
		expect(await viewExists(db, 'cc_map_orders_june')).toBe(false);
		expect(await loadMappedView(db, ordersId)).toBeNull();
		expect(await viewExists(db, 'cc_map_members')).toBe(true);
	});
});

describe.each(engines)('mapped views of a workspace on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
	});
	afterAll(() => db.close());

	it('migrates a catalog saved before reading choices and builds the views it lacks', async () => {
		// The catalog as an earlier version left it: no choices, no views.
		await db.exec(sql`CREATE TABLE cc_source (source_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL,
			kind VARCHAR NOT NULL, table_name VARCHAR NOT NULL, file_name VARCHAR NOT NULL,
			origin VARCHAR NOT NULL, added_at TIMESTAMP NOT NULL)`);
		await db.exec(sql`CREATE TABLE cc_source_column (source_id VARCHAR NOT NULL,
			column_index INTEGER NOT NULL, column_name VARCHAR NOT NULL, role VARCHAR NOT NULL,
			PRIMARY KEY (source_id, column_index))`);
		await db.exec(sql`CREATE TABLE cc_src_old AS SELECT 'a@x.fr' AS mail, '12/31/1999' AS since`);
		await db.exec(sql`INSERT INTO cc_source VALUES ('file:cc_src_old', 'Old', 'profile',
			'cc_src_old', 'old.csv', 'file', now()::TIMESTAMP)`);
		await db.exec(sql`INSERT INTO cc_source_column VALUES ('file:cc_src_old', 0, 'mail', 'email'),
			('file:cc_src_old', 1, 'since', 'created_at')`);

		await ensureCatalog(db);
		expect(await loadMapping(db, 'file:cc_src_old')).toEqual([
			{ column: 'mail', role: 'email' },
			{ column: 'since', role: 'created_at' }
		]);
		expect(await sourcesLackingViews(db)).toEqual(['file:cc_src_old']);
		expect(await ensureMappedViews(db)).toEqual(['file:cc_src_old']);
		expect(await sourcesLackingViews(db)).toEqual([]);
		expect(await ensureMappedViews(db)).toEqual([]);
		expect(await viewValues(db, 'cc_map_old', 'created_at')).toEqual([day('1999-12-31')]);
	});

	it('gives a source whose table differs only by its prefix a view of its own', async () => {
		await db.exec(sql`CREATE TABLE cc_raw_old AS SELECT 'b@x.fr' AS mail`);
		await registerSource(db, {
			sourceId: 'demo:cc_raw_old',
			name: 'Demo old',
			kind: 'profile',
			tableName: 'cc_raw_old',
			fileName: 'old.csv',
			origin: 'demo'
		});
		await saveMapping(db, 'demo:cc_raw_old', [{ column: 'mail', role: 'email' }]);
		expect((await refreshMappedView(db, 'demo:cc_raw_old')).view).toBe('cc_map_old_2');
		expect(await viewValues(db, 'cc_map_old', 'email')).toEqual(['a@x.fr']);
		expect(await viewValues(db, 'cc_map_old_2', 'email')).toEqual(['b@x.fr']);
		// Rebuilding keeps each source on its own name.
		expect((await refreshMappedView(db, 'file:cc_src_old')).view).toBe('cc_map_old');
		expect((await refreshMappedView(db, 'demo:cc_raw_old')).view).toBe('cc_map_old_2');
	});
});
