// The same seed gives the same demo, row for row and in the same order, on native DuckDB (one
// or two threads) and on the wasm build; another seed gives another demo; sizes scale with
// the number of persons. Checksums are computed in SQL, over every column and the row order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeDb } from '../../src/cli/native-db';
import type { Db } from '../../src/lib/core/db';
import {
	DEMO_SOURCES,
	DEMO_TRUTH_TABLES,
	generateDemo,
	type DemoOptions
} from '../../src/lib/core/demo';
import { offlineSettings } from '../../src/lib/core/engine-settings';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { ident, sql } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

type OpenDb = Db & { close(): void };

const TABLES = [...DEMO_SOURCES.map((s) => s.table), ...Object.values(DEMO_TRUTH_TABLES)];

/** Per table: row count and a hash of every row with its position (so order counts too). */
async function checksums(db: Db): Promise<Record<string, string>> {
	const result: Record<string, string> = {};
	for (const table of TABLES) {
		const [row] = rowsOf(
			await db.query(sql`SELECT count(*)::VARCHAR || ':' || coalesce(sum(hash(rowid, t::VARCHAR)), 0)::VARCHAR AS sum
				FROM ${ident(table)} t`)
		);
		result[table] = String(row?.sum);
	}
	return result;
}

async function demoChecksums(open: () => Promise<OpenDb>, options: DemoOptions) {
	const db = await open();
	try {
		await generateDemo(db, options);
		return await checksums(db);
	} finally {
		db.close();
	}
}

async function nativeWithThreads(threads: number): Promise<OpenDb> {
	const db = await NativeDb.open(':memory:', { threads: String(threads) });
	for (const statement of offlineSettings()) await db.exec(statement);
	return db;
}

const [native, wasm] = engines;

describe('demo determinism', () => {
	const options = { persons: 3000, seed: 7 };
	let reference: Record<string, string>;

	beforeAll(async () => {
		reference = await demoChecksums(() => native!.open(), options);
	});

	it('gives byte-identical tables on the wasm build', async () => {
		expect(await demoChecksums(() => wasm!.open(), options)).toEqual(reference);
	});

	// Big enough for several row groups per table, so two threads really split the work.
	it('gives byte-identical tables, in the same order, on one and on two threads', async () => {
		const large = { persons: 60_000, seed: 7 };
		const [one, two] = await Promise.all([
			demoChecksums(() => nativeWithThreads(1), large),
			demoChecksums(() => nativeWithThreads(2), large)
		]);
		expect(two).toEqual(one);
	});

	it('gives different tables for a different seed', async () => {
		const other = await demoChecksums(() => native!.open(), { ...options, seed: 8 });
		for (const table of TABLES) expect(other[table], table).not.toEqual(reference[table]);
	});
});

describe.each(engines)('demo on $name DuckDB', (engine) => {
	let db: OpenDb;
	beforeAll(async () => {
		db = await engine.open();
	});
	afterAll(() => db.close());

	it('runs twice on the same database, replacing its tables and leaving no scratch tables', async () => {
		await generateDemo(db, { persons: 1500 });
		const first = await checksums(db);
		await generateDemo(db, { persons: 1500 });
		expect(await checksums(db)).toEqual(first);
		const [left] = rowsOf(
			await db.query(
				sql`SELECT count(*) AS n FROM information_schema.tables WHERE table_name LIKE 'cc_demo_work_%'`
			)
		);
		expect(left?.n).toBe(0);
	});

	it('scales every table with the number of persons and reports the counts it made', async () => {
		const small = await generateDemo(db, { persons: 1000 });
		const large = await generateDemo(db, { persons: 4000 });
		for (const [i, { table, rows }] of large.tables.entries()) {
			const before = small.tables[i]?.rows ?? 0;
			expect(rows / before, table).toBeGreaterThan(3);
			expect(rows / before, table).toBeLessThan(5);
		}
		expect(large.tables.map((t) => t.table)).toEqual(TABLES);
		const [count] = rowsOf(await db.query(sql`SELECT count(*) AS n FROM cc_raw_web_sessions`));
		expect(large.tables.find((t) => t.table === 'cc_raw_web_sessions')?.rows).toBe(count?.n);
	});

	it('works down to a single person', async () => {
		const summary = await generateDemo(db, { persons: 1 });
		expect(summary.tables.find((t) => t.table === 'cc_demo_person')?.rows).toBe(1);
	});

	it('reports progress for every step, ending with done === total', async () => {
		const calls: [number, number, string][] = [];
		await generateDemo(db, { persons: 50 }, (done, total, label) =>
			calls.push([done, total, label])
		);
		const total = calls[0]?.[1] ?? 0;
		expect(calls.map(([done]) => done)).toEqual([...Array(total + 1).keys()]);
		expect(calls.every(([, t, label]) => t === total && label.length > 0)).toBe(true);
	});
});
