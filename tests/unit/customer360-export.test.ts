// The 360 table's export on both engines: a hand-made cc_customer_360 with hostile cells
// (formulas, a phone starting with '+', quotes, commas, line breaks, accents, NULLs, a negative
// double, timestamps and dates before 1970) must come out as exact CSV bytes — formulas in text
// columns defused, numbers left alone — and as a Parquet file whose values and types read back
// the same with hyparquet and, natively, with DuckDB's read_parquet. Paging over 100k-row pages
// must keep every customer once, in order; unknown columns are refused in words.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { Float64, Utf8, vectorFromArray } from 'apache-arrow';
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCustomer360 } from '../../src/lib/core/customer360/export-360';
import type { Db } from '../../src/lib/core/db';
import { utf8CellAt, utf8Cells } from '../../src/lib/core/export/arrow-text';
import { PAGE_ROWS } from '../../src/lib/core/export/key-pages';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { sql } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

const COLUMNS = [
	'customer_id',
	'first_name',
	'phone',
	'note',
	'revenue',
	'orders',
	'record_count',
	'amount',
	'last_purchase_at',
	'birth_date',
	'email_optin'
];

const FORMULA = '=HYPERLINK("http://evil.example/?a=1","Click")';

/** Inserted out of order: the export sorts by customer_id. */
async function createCustomers(db: Db): Promise<void> {
	await db.exec(sql`CREATE OR REPLACE TABLE cc_customer_360 (
		customer_id VARCHAR, first_name VARCHAR, phone VARCHAR, note VARCHAR, revenue DOUBLE,
		orders INTEGER, record_count BIGINT, amount DECIMAL(18, 2), last_purchase_at TIMESTAMP,
		birth_date DATE, email_optin BOOLEAN, search_text VARCHAR)`);
	await db.exec(sql`INSERT INTO cc_customer_360 VALUES
		('c3', ${'\tTabbed'}, '-5', '@SUM(A1)', NULL, -4, 9007199254740991, -0.05,
			TIMESTAMP '1969-12-31 23:59:59.5', DATE '1969-12-31', false, 'x'),
		('c1', ${FORMULA}, '+33612345678', 'Zoë "Z" Müller, Jr.', -12.5, 3, 7, 12.50,
			TIMESTAMP '2024-03-05 10:11:12', DATE '1980-02-29', true, 'x'),
		('c4', ${'\rCR'}, ' +1 spaced', 'Émilie; crème brûlée', 1e21, 0, 0, 0,
			TIMESTAMP '2024-12-31 23:59:59.999', DATE '2024-12-31', NULL, 'x'),
		('c2', ${'Line1\nLine2'}, NULL, '', 0.25, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`);
}

const EXPECTED_CSV = [
	'customer_id,first_name,phone,note,revenue,orders,record_count,amount,last_purchase_at,birth_date,email_optin',
	`c1,"'=HYPERLINK(""http://evil.example/?a=1"",""Click"")",'+33612345678,"Zoë ""Z"" Müller, Jr.",-12.5,3,7,12.50,2024-03-05 10:11:12,1980-02-29,true`,
	'c2,"Line1\nLine2",,"",0.25,,,,,,',
	"c3,'\tTabbed,'-5,'@SUM(A1),,-4,9007199254740991,-0.05,1969-12-31 23:59:59.5,1969-12-31,false",
	`c4,"'\rCR", +1 spaced,Émilie; crème brûlée,1e+21,0,0,0.00,2024-12-31 23:59:59.999,2024-12-31,`
];

/** hyparquet's reading: INT64 as bigint, dates and timestamps as Date (the wall-clock time). */
const EXPECTED_PARQUET_ROWS = [
	{
		customer_id: 'c1',
		first_name: FORMULA,
		phone: '+33612345678',
		note: 'Zoë "Z" Müller, Jr.',
		revenue: -12.5,
		orders: 3,
		record_count: 7n,
		amount: 12.5,
		last_purchase_at: new Date('2024-03-05T10:11:12Z'),
		birth_date: new Date('1980-02-29T00:00:00Z'),
		email_optin: true
	},
	{
		customer_id: 'c2',
		first_name: 'Line1\nLine2',
		phone: null,
		note: '',
		revenue: 0.25,
		orders: null,
		record_count: null,
		amount: null,
		last_purchase_at: null,
		birth_date: null,
		email_optin: null
	},
	{
		customer_id: 'c3',
		first_name: '\tTabbed',
		phone: '-5',
		note: '@SUM(A1)',
		revenue: null,
		orders: -4,
		record_count: 9007199254740991n,
		amount: -0.05,
		last_purchase_at: new Date('1969-12-31T23:59:59.500Z'),
		birth_date: new Date('1969-12-31T00:00:00Z'),
		email_optin: false
	},
	{
		customer_id: 'c4',
		first_name: '\rCR',
		phone: ' +1 spaced',
		note: 'Émilie; crème brûlée',
		revenue: 1e21,
		orders: 0,
		record_count: 0n,
		amount: 0,
		last_purchase_at: new Date('2024-12-31T23:59:59.999Z'),
		birth_date: new Date('2024-12-31T00:00:00Z'),
		email_optin: null
	}
];

/** What DuckDB makes of the Parquet types (DECIMAL is written as a double). */
const DUCKDB_TYPES = [
	...['VARCHAR', 'VARCHAR', 'VARCHAR', 'VARCHAR', 'DOUBLE', 'INTEGER', 'BIGINT', 'DOUBLE'],
	...['TIMESTAMP', 'DATE', 'BOOLEAN']
];

describe.each(engines)('360 export on $name DuckDB', (engine) => {
	let db: Db & { close(): void };

	beforeAll(async () => {
		db = await engine.open();
		await createCustomers(db);
	});
	afterAll(() => db.close());

	it('writes exact CSV bytes: BOM, CRLF, quoting, defused formulas, numbers left alone', async () => {
		const file = await exportCustomer360(db, COLUMNS, 'csv', { now: new Date(2024, 2, 5, 23, 30) });
		expect(file.fileName).toBe('customers-360-2024-03-05.csv');
		expect(file.mimeType).toBe('text/csv;charset=utf-8');
		expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes.subarray(3));
		expect(text).toBe(EXPECTED_CSV.join('\r\n') + '\r\n');
	});

	it('keeps the chosen order and writes each column once', async () => {
		const file = await exportCustomer360(db, ['note', 'customer_id', 'note'], 'csv');
		const text = new TextDecoder().decode(file.bytes);
		expect(text.split('\r\n').slice(0, 2)).toEqual([
			'note,customer_id',
			'"Zoë ""Z"" Müller, Jr.",c1'
		]);
	});

	it('writes Parquet whose values and types read back with hyparquet', async () => {
		const file = await exportCustomer360(db, COLUMNS, 'parquet', { now: new Date(2024, 0, 9) });
		expect(file.fileName).toBe('customers-360-2024-01-09.parquet');
		const buffer = file.bytes.slice().buffer;
		const metadata = parquetMetadata(buffer);
		const types = Object.fromEntries(
			parquetSchema(metadata).children.map((c) => [
				c.element.name,
				[c.element.type, c.element.logical_type?.type ?? null, c.element.repetition_type]
			])
		);
		expect(types).toEqual({
			customer_id: ['BYTE_ARRAY', 'STRING', 'OPTIONAL'],
			first_name: ['BYTE_ARRAY', 'STRING', 'OPTIONAL'],
			phone: ['BYTE_ARRAY', 'STRING', 'OPTIONAL'],
			note: ['BYTE_ARRAY', 'STRING', 'OPTIONAL'],
			revenue: ['DOUBLE', null, 'OPTIONAL'],
			orders: ['INT32', null, 'OPTIONAL'],
			record_count: ['INT64', null, 'OPTIONAL'],
			amount: ['DOUBLE', null, 'OPTIONAL'],
			last_purchase_at: ['INT64', 'TIMESTAMP', 'OPTIONAL'],
			birth_date: ['INT32', 'DATE', 'OPTIONAL'],
			email_optin: ['BOOLEAN', null, 'OPTIONAL']
		});
		expect(await parquetReadObjects({ file: buffer })).toEqual(EXPECTED_PARQUET_ROWS);
	});

	it.runIf(engine.name === 'native')('writes Parquet that DuckDB reads back', async () => {
		const folder = await mkdtemp(joinPath(tmpdir(), 'concord-export-'));
		try {
			const path = joinPath(folder, 'customers.parquet');
			await writeFile(path, (await exportCustomer360(db, COLUMNS, 'parquet')).bytes);
			const described = rowsOf(await db.query(sql`DESCRIBE SELECT * FROM read_parquet(${path})`));
			expect(described.map((r) => [r.column_name, r.column_type])).toEqual(
				COLUMNS.map((c, i) => [c, DUCKDB_TYPES[i]])
			);
			const back = sql`SELECT * FROM read_parquet(${path})`;
			const original = sql`SELECT * EXCLUDE (search_text) REPLACE (amount::DOUBLE AS amount)
				FROM cc_customer_360`;
			// Both ways round: the same rows, none missing, none added.
			const difference = sql`(${back} EXCEPT ALL ${original}) UNION ALL (${original} EXCEPT ALL ${back})`;
			expect(rowsOf(await db.query(difference))).toEqual([]);
			expect(rowsOf(await db.query(sql`SELECT customer_id FROM read_parquet(${path})`))).toEqual(
				['c1', 'c2', 'c3', 'c4'].map((customer_id) => ({ customer_id }))
			);
		} finally {
			await rm(folder, { recursive: true, force: true });
		}
	});

	it('refuses unknown, internal and missing columns in words', async () => {
		await expect(exportCustomer360(db, ['customer_id', 'e-mail'], 'csv')).rejects.toThrow(
			"The customer table has no column 'e-mail': it was perhaps renamed or removed since the " +
				'list was shown. Choose the columns again.'
		);
		await expect(exportCustomer360(db, ['search_text', 'x"y'], 'parquet')).rejects.toThrow(
			"The customer table has no columns 'search_text', 'x\"y': they were perhaps renamed"
		);
		await expect(exportCustomer360(db, [], 'csv')).rejects.toThrow(
			'Choose at least one column to export.'
		);
	});

	it('refuses an export without a 360 table; writes an empty one; refuses customers without an id', async () => {
		const other = await engine.open();
		try {
			await expect(exportCustomer360(other, ['customer_id'], 'csv')).rejects.toThrow(
				'There are no customers to export yet: build the 360° view first.'
			);
			await other.exec(sql`CREATE TABLE cc_customer_360 (customer_id VARCHAR, orders INTEGER)`);
			const empty = await exportCustomer360(other, ['customer_id', 'orders'], 'csv');
			expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(empty.bytes)).toBe(
				'\uFEFFcustomer_id,orders\r\n'
			);
			const none = await exportCustomer360(other, ['orders'], 'parquet');
			expect(await parquetReadObjects({ file: none.bytes.slice().buffer })).toEqual([]);
			await other.exec(sql`INSERT INTO cc_customer_360 VALUES ('c1', 1), (NULL, 2)`);
			await expect(exportCustomer360(other, ['orders'], 'parquet')).rejects.toThrow(
				'Only 1 of the 2 customers could be exported: the others have no customer_id.'
			);
		} finally {
			other.close();
		}
	});

	it('pages through more rows than a page holds, each customer once and in order', async () => {
		const rows = 2 * PAGE_ROWS + 1;
		const big = await engine.open();
		try {
			// Ids sort as text: 'c0000010' comes after 'c0000009', as the numbers do.
			await big.exec(sql`CREATE TABLE cc_customer_360 AS
				SELECT 'c' || lpad(i::VARCHAR, 7, '0') AS customer_id, (i % 7)::INTEGER AS orders
				FROM range(${rows}) r(i) ORDER BY hash(i)`);
			const progress: number[] = [];
			const csv = await exportCustomer360(big, ['customer_id', 'orders'], 'csv', {
				onProgress: (done, total) => {
					expect(total).toBe(rows);
					progress.push(done);
				}
			});
			expect(progress).toEqual([0, PAGE_ROWS, 2 * PAGE_ROWS, rows]);
			const lines = new TextDecoder().decode(csv.bytes).split('\r\n');
			expect(lines).toHaveLength(rows + 2);
			expect(lines.at(-1)).toBe('');
			lines.slice(1, -1).forEach((line, i) => {
				if (line !== `c${String(i).padStart(7, '0')},${i % 7}`) expect(line).toBe(i);
			});
			const parquet = await exportCustomer360(big, ['customer_id', 'orders'], 'parquet');
			const buffer = parquet.bytes.slice().buffer;
			expect(parquetMetadata(buffer).row_groups.map((g) => Number(g.num_rows))).toEqual([
				PAGE_ROWS,
				PAGE_ROWS,
				1
			]);
			const read = await parquetReadObjects({ file: buffer, columns: ['orders'] });
			expect(read).toHaveLength(rows);
			expect(read.every((r, i) => r.orders === i % 7)).toBe(true);
		} finally {
			big.close();
		}
	});
});

describe('text cells taken from Arrow as bytes', () => {
	it('reads chunked and sliced columns with NULLs, as the text decodes', () => {
		const first = vectorFromArray(['skip', 'é', null, ''], new Utf8()).slice(1);
		const second = vectorFromArray([null, '😀 "x"'], new Utf8());
		const column = first.concat(second);
		const decoded = utf8Cells(column).map((b) => (b === null ? null : new TextDecoder().decode(b)));
		expect(decoded).toEqual(['é', null, '', null, '😀 "x"']);
		expect(new TextDecoder().decode(utf8CellAt(column, 4) ?? undefined)).toBe('😀 "x"');
		expect(utf8CellAt(column, 3)).toBeNull();
		expect(utf8Cells(vectorFromArray([1.5, null], new Float64()))).toEqual([
			new TextEncoder().encode('1.5'),
			null
		]);
	});
});
