// Importing Parquet, JSON, NDJSON and Excel files on both engines: the readers run in
// JavaScript and the rows are written with plain SQL, so the raw tables must be identical on
// native DuckDB and on the wasm build. The Parquet fixtures are written by native DuckDB (which
// has the Parquet extension), with every compression codec it writes, and read back by our
// hyparquet reader.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeDb } from '../../src/cli/native-db';
import type { Db } from '../../src/lib/core/db';
import { rowsOf, scalarOf } from '../../src/lib/core/sql/rows';
import { ident, sql, trusted } from '../../src/lib/core/sql/sql';
import { openReader, type RecordFormat } from '../../src/lib/core/sources/formats/open-reader';
import { importRecords } from '../../src/lib/core/sources/import-records';
import { inspectRecords } from '../../src/lib/core/sources/inspect-records';
import { insertTextRows, createTextTable } from '../../src/lib/core/sources/text-table';
import { ensureCatalog, listSources, loadMapping } from '../../src/lib/core/workspace/catalog';
import { importFileAsSource } from '../../src/lib/core/workspace/file-import';
import { engines } from '../support/engines';
import { buildXlsx } from '../support/xlsx-fixture';

const dir = mkdtempSync(join(tmpdir(), 'concord-formats-'));
const HOSTILE = [
	"'); DROP TABLE t; --",
	'=HYPERLINK("http://x","y")',
	'<script>alert(1)</script>',
	'fields\u001fand\u001erows\u001c',
	'x'.repeat(1_000_000)
];

/** The compression codecs native DuckDB writes Parquet with (Snappy is its default). */
const CODECS = ['uncompressed', 'snappy', 'zstd', 'gzip', 'brotli', 'lz4', 'lz4_raw'];

/** Parquet files written by native DuckDB, read back as bytes. */
const parquet: Record<string, Uint8Array<ArrayBuffer>> = {};

beforeAll(async () => {
	const writer = await NativeDb.open(':memory:', { threads: '1' });
	const write = async (name: string, query: string, options = '') => {
		const path = join(dir, name);
		await writer.exec(sql`COPY (${trusted(query)}) TO ${path} (FORMAT parquet${trusted(options)})`);
		parquet[name] = new Uint8Array(readFileSync(path));
	};
	await write(
		'types.parquet',
		`SELECT 1::INT AS id, 'Zoë' AS "sel""ect", 23.90::DECIMAL(10,2) AS amount,
			DATE '2024-01-31' AS day, TIMESTAMP '2024-01-31 10:00:01.5' AS "time",
			TIMESTAMPTZ '2024-01-31 10:00:00+00' AS instant, {'a': 1, 'b': [1, 2]} AS "😀",
			[1, 2, 3] AS list, 1.1::FLOAT AS ratio, 12345678901234567::BIGINT AS big,
			NULL::VARCHAR AS nothing, true AS optin
		UNION ALL SELECT 2, '''); DROP TABLE x; --', -5.00, NULL, NULL, NULL, NULL, NULL, NULL,
			NULL, '', false`
	);
	await write(
		'groups.parquet',
		`SELECT i AS id, 'user' || i || '@example.com' AS email FROM range(25000) t(i)`,
		', ROW_GROUP_SIZE 2048'
	);
	for (const codec of CODECS) {
		await write(
			`${codec}.parquet`,
			`SELECT i AS id, 'user' || i || '@example.com' AS email, (i * 1.25)::DECIMAL(10,2) AS amount,
				TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) MINUTE AS seen FROM range(20000) t(i)`,
			`, COMPRESSION ${codec}, ROW_GROUP_SIZE 8192`
		);
	}
	writer.close();
});

describe.each(engines)('importing Parquet, JSON, NDJSON and Excel on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
		await ensureCatalog(db);
	});
	afterAll(() => db.close());

	let n = 0;
	const load = async (format: RecordFormat, content: BlobPart, name: string) => {
		const tableName = `t${n++}`;
		const reader = await openReader(format, new Blob([content]), name);
		const imported = await importRecords(db, { reader, displayName: name, tableName });
		const rows = rowsOf(await db.query(sql`SELECT * FROM ${ident(tableName)} ORDER BY rowid`));
		return { ...imported, rows };
	};
	const tableCount = async () =>
		Number(scalarOf(await db.query(sql`SELECT count(*) FROM duckdb_tables()`)));

	it('imports every Parquet type as its plain text, odd column names included', async () => {
		const { columns, rows } = await load('parquet', parquet['types.parquet']!, 'types.parquet');
		expect(columns).toEqual([
			'id',
			'sel"ect',
			'amount',
			'day',
			'time',
			'instant',
			'😀',
			'list',
			'ratio',
			'big',
			'nothing',
			'optin'
		]);
		expect(rows).toEqual([
			{
				id: '1',
				'sel"ect': 'Zoë',
				amount: '23.90',
				day: '2024-01-31',
				time: '2024-01-31T10:00:01.5',
				instant: '2024-01-31T10:00:00Z',
				'😀': '{"a":1,"b":[1,2]}',
				list: '[1,2,3]',
				ratio: '1.1',
				big: '12345678901234567',
				nothing: null,
				optin: 'true'
			},
			{
				id: '2',
				'sel"ect': "'); DROP TABLE x; --",
				amount: '-5.00',
				day: null,
				time: null,
				instant: null,
				'😀': null,
				list: null,
				ratio: null,
				big: null,
				nothing: '',
				optin: 'false'
			}
		]);
	});

	it('reads a Parquet file row group by row group, in order', async () => {
		const batches: number[] = [];
		const reader = await openReader(
			'parquet',
			new Blob([parquet['groups.parquet']!]),
			'groups.parquet'
		);
		const imported = await importRecords(db, {
			reader,
			displayName: 'groups.parquet',
			tableName: 'groups',
			onBatch: ({ rowsRead }) => {
				batches.push(rowsRead);
			}
		});
		expect(imported.rowCount).toBe(25_000);
		expect(batches.length).toBeGreaterThan(1);
		expect(batches.at(-1)).toBe(25_000);
		const [check] = rowsOf(
			await db.query(sql`SELECT count(*) FILTER (WHERE id::INT <> n) AS misplaced,
				count(*) FILTER (WHERE email <> 'user' || id || '@example.com') AS wrong
			FROM (SELECT *, row_number() OVER (ORDER BY rowid) - 1 AS n FROM groups)`)
		);
		expect(check).toEqual({ misplaced: 0, wrong: 0 });
	});

	it.each(CODECS)(
		'imports a Parquet file compressed with %s, every value in place',
		async (codec) => {
			const name = `${codec}.parquet`;
			const { rowCount, tableName, rows } = await load('parquet', parquet[name]!, name);
			expect(rowCount).toBe(20_000);
			expect(rows[19_999]).toEqual({
				id: '19999',
				email: 'user19999@example.com',
				amount: '24998.75',
				seen: '2024-01-14T21:19:00'
			});
			const [check] = rowsOf(
				await db.query(sql`SELECT count(*) FILTER (WHERE id::INT <> n) AS misplaced,
				count(*) FILTER (WHERE email <> 'user' || n || '@example.com'
					OR amount <> printf('%.2f', n * 1.25)
					OR seen <> strftime(TIMESTAMP '2024-01-01' + INTERVAL (n) MINUTE, '%Y-%m-%dT%H:%M:%S')
				) AS wrong
			FROM (SELECT *, row_number() OVER (ORDER BY rowid) - 1 AS n FROM ${ident(tableName)})`)
			);
			expect(check).toEqual({ misplaced: 0, wrong: 0 });
		}
	);

	it('refuses a cut Parquet file with a message naming the file', async () => {
		const cut = parquet['types.parquet']!.subarray(0, 200);
		await expect(openReader('parquet', new Blob([cut]), 'cut.parquet')).rejects.toThrow(
			/'cut\.parquet' cannot be read as Parquet/
		);
	});

	it('keeps hostile values inert, separator characters and a 1 MB cell included', async () => {
		const lines = HOSTILE.map((value, i) => JSON.stringify({ id: i, value })).join('\n');
		const { rows } = await load('ndjson', lines, 'hostile.ndjson');
		expect(rows.map((row) => row.value)).toEqual(HOSTILE);
		expect(await tableCount()).toBeGreaterThan(0);
	});

	it('adds the columns of keys that appear only after the first batch', async () => {
		const early = Array.from({ length: 12_000 }, (_, i) => JSON.stringify({ id: i }));
		const content = [...early, '{"id":12000,"email":"late@example.com"}'].join('\n');
		await db.exec(sql`BEGIN TRANSACTION`);
		const { columns, rowCount, rows, warnings } = await load('ndjson', content, 'late.ndjson');
		await db.exec(sql`COMMIT`);
		expect(columns).toEqual(['id', 'email']);
		expect(rowCount).toBe(12_001);
		expect(rows.at(-1)).toEqual({ id: '12000', email: 'late@example.com' });
		expect(rows[0]).toEqual({ id: '0', email: null });
		expect(warnings.join(' ')).toMatch(/different fields/);
	});

	it('imports JSON and Excel with the same text as NDJSON', async () => {
		const json = await load('json', '[{"id":1,"when":"2024-01-31"},{"id":2}]', 'a.json');
		const xlsx = await load(
			'xlsx',
			buildXlsx([
				{
					name: 'Sheet1',
					rows: [
						['id', 'when'],
						[1, new Date(Date.UTC(2024, 0, 31))],
						[2, null]
					]
				}
			]),
			'a.xlsx'
		);
		const expected = [
			{ id: '1', when: '2024-01-31' },
			{ id: '2', when: null }
		];
		expect(json.rows).toEqual(expected);
		expect(xlsx.rows).toEqual(expected);
	});

	it.each([
		['ndjson', '{"id":1}\n{"id":2}\n{"id":3', /'broken\.ndjson' line 3 is not valid JSON/],
		['json', '[]', /'broken\.json' holds no records/]
	] as const)(
		'rolls a failed %s import back and names the file',
		async (format, content, message) => {
			const before = await tableCount();
			await db.exec(sql`BEGIN TRANSACTION`);
			await expect(load(format, content, `broken.${format}`)).rejects.toThrow(message);
			await db.exec(sql`ROLLBACK`);
			expect(await tableCount()).toBe(before);
		}
	);

	it('stops between batches when asked (a cancel) and rolls everything back', async () => {
		const before = await tableCount();
		const content = Array.from({ length: 25_000 }, (_, i) => JSON.stringify({ id: i })).join('\n');
		const reader = await openReader('ndjson', new Blob([content]), 'long.ndjson');
		let batches = 0;
		await db.exec(sql`BEGIN TRANSACTION`);
		await expect(
			importRecords(db, {
				reader,
				displayName: 'long.ndjson',
				tableName: 'cancelled',
				onBatch: () => {
					if (++batches === 2) throw new Error('Cancelled');
				}
			})
		).rejects.toThrow('Cancelled');
		await db.exec(sql`ROLLBACK`);
		expect(batches).toBe(2);
		expect(await tableCount()).toBe(before);
	});

	it('suggests the kind and roles from the first rows, and leaves nothing behind', async () => {
		const before = await tableCount();
		const people = Array.from({ length: 40 }, (_, i) =>
			JSON.stringify({
				'E-mail': `person${i}@example.fr`,
				Prénom: ['Hélène', 'Jean', 'Zoë'][i % 3],
				Nom: ['Lefèvre', 'Martin', 'Durand'][i % 3],
				'Code postal': String(75000 + i)
			})
		).join('\n');
		const reader = await openReader('ndjson', new Blob([people]), 'crm.ndjson');
		let previewRows = 0;
		const inspection = await inspectRecords(db, reader, 'crm.ndjson', async (table) => {
			previewRows = Number(scalarOf(await db.query(sql`SELECT count(*) FROM ${ident(table)}`)));
		});
		expect(previewRows).toBe(40);
		expect(inspection.kind.kind).toBe('profile');
		const roles = Object.fromEntries(inspection.mapping.map((m) => [m.column, m.role]));
		expect(roles).toMatchObject({
			'E-mail': 'email',
			Prénom: 'first_name',
			Nom: 'last_name',
			'Code postal': 'postcode'
		});
		expect(await tableCount()).toBe(before);
	});

	it('adds an imported file to the workspace with its catalog entry and mapping', async () => {
		const reader = await openReader(
			'json',
			new Blob(['[{"email":"a@x.fr","city":"Lyon"}]']),
			'shop.json'
		);
		const imported = await importFileAsSource(db, {
			fileName: 'shop.json',
			displayName: 'shop.json',
			name: 'Shop accounts',
			kind: 'profile',
			options: null,
			records: { reader },
			mapping: [{ column: 'email', role: 'email' }]
		});
		const source = (await listSources(db)).find((s) => s.sourceId === imported.sourceId);
		expect(source).toMatchObject({ name: 'Shop accounts', rowCount: 1, columnCount: 2 });
		expect(await loadMapping(db, imported.sourceId)).toEqual([
			{ column: 'email', role: 'email' },
			{ column: 'city', role: 'custom' }
		]);
	});

	it('writes rows in order across statements, with short rows ending in NULLs', async () => {
		await createTextTable(db, 'ordered', ['a', 'b']);
		const rows = Array.from({ length: 30_000 }, (_, i) =>
			i % 1000 === 0 ? [String(i)] : [String(i), `${'y'.repeat(400)}${i}`]
		);
		await insertTextRows(db, 'ordered', ['a', 'b'], rows);
		const [check] = rowsOf(
			await db.query(sql`SELECT count(*) AS n,
				count(*) FILTER (WHERE a::INT <> n - 1) AS misplaced,
				count(*) FILTER (WHERE b IS NULL) AS short
			FROM (SELECT *, row_number() OVER (ORDER BY rowid) AS n FROM ordered)`)
		);
		expect(check).toEqual({ n: 30_000, misplaced: 0, short: 30 });
	});
});
