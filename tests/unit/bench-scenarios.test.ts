// The benchmark scenarios at a small size on both engines: each one's SQL runs and produces the
// expected number of rows, and a measured run leaves nothing behind. No timing is checked.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCustomerCsv } from '../../bench/csv-fixture';
import { BENCH_SCENARIOS, inScratchDatabase, measureScenario } from '../../src/lib/core/bench';
import type { BenchInput } from '../../src/lib/core/bench';
import { EVENTS_PER_CUSTOMER } from '../../src/lib/core/bench/customer-360';
import { DEMO_SOURCES } from '../../src/lib/core/demo';
import type { Db } from '../../src/lib/core/db';
import { scalarOf } from '../../src/lib/core/sql/rows';
import { ident, sql } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

/** Sizes small enough for a unit test, per scenario. */
const SMALL: Record<string, number> = {
	'demo-load': 300,
	'csv-import': 1_234,
	'groupby-events': 20_000,
	identity: 1_000,
	'360': 1_000,
	indicators: 2_000,
	'segment-count': 2_000
};

let folder = '';
const input: BenchInput = {};

beforeAll(async () => {
	folder = await mkdtemp(join(tmpdir(), 'concord-bench-test-'));
	input.csvFile = join(folder, 'customers.csv');
	await writeCustomerCsv(input.csvFile, SMALL['csv-import'] ?? 0);
});

afterAll(async () => {
	await rm(folder, { recursive: true, force: true });
});

const count = async (db: Db, table: string) =>
	Number(scalarOf(await db.query(sql`SELECT count(*) FROM ${ident(table)}`)));

const tableCount = async (db: Db) =>
	Number(scalarOf(await db.query(sql`SELECT count(*) FROM duckdb_tables()`)));

describe.each(engines)('benchmark scenarios on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
	});
	afterAll(() => db.close());

	it('has a small size for every scenario', () => {
		expect(Object.keys(SMALL).sort()).toEqual(BENCH_SCENARIOS.map((s) => s.name).sort());
	});

	/** Checks beyond the row count, for the scenarios whose output says more. */
	const extraChecks: Record<string, (db: Db, size: number) => Promise<void>> = {
		async identity(db, size) {
			// Off by more than 5 %: the demo's records per person changed; re-measure the ratio.
			expect(Math.abs((await count(db, 'cc_id_record')) / size - 1)).toBeLessThan(0.05);
		},
		async '360'(db, size) {
			const customers = await count(db, 'cc_customer');
			expect(await count(db, 'cc_customer_360')).toBe(customers);
			// Off by more than 5 %: the demo's customers per person changed; re-measure the ratio.
			expect(Math.abs(customers / size - 1)).toBeLessThan(0.05);
			let rawEvents = 0;
			for (const source of DEMO_SOURCES.filter((s) => s.kind === 'event')) {
				rawEvents += await count(db, source.table);
			}
			// Ten events a customer: the demo's nine a person topped up with older newsletter events.
			expect(rawEvents).toBe(size * EVENTS_PER_CUSTOMER);
			expect(await count(db, 'cc_event')).toBe(rawEvents);
			const linked = Number(
				scalarOf(await db.query(sql`SELECT count(*) FROM cc_event WHERE status = 'linked'`))
			);
			expect(linked).toBeGreaterThan(0);
		}
	};

	it('checks more than the row count of existing scenarios only', () => {
		const names = BENCH_SCENARIOS.map((s) => s.name);
		for (const name of Object.keys(extraChecks)) expect(names).toContain(name);
	});

	it.each(BENCH_SCENARIOS.map((s) => [s.name, s] as const))(
		'%s produces the expected rows and cleans up after itself',
		async (_name, scenario) => {
			const size = SMALL[scenario.name] ?? 0;
			await inScratchDatabase(db, async () => {
				await scenario.setup(db, size, input);
				await scenario.run(db, size, input);
				expect(await count(db, scenario.output.table)).toBe(await scenario.output.rows(size, db));
				await extraChecks[scenario.name]?.(db, size);
				await scenario.cleanup(db);
				expect(await tableCount(db)).toBe(0);
			});
		}
	);

	// The measuring wrapper is the same for every scenario, and each scenario's own clean-up is
	// checked above: one scenario shows that a measured run leaves the workspace as it was.
	it('measures in a scratch database and leaves the workspace as it was', async () => {
		const scenario = BENCH_SCENARIOS.find((s) => s.name === 'groupby-events');
		if (!scenario) throw new Error('No groupby-events scenario');
		await db.exec(sql`CREATE OR REPLACE TABLE cc_keep AS SELECT 1 AS x`);
		const timing = await measureScenario(db, scenario, SMALL[scenario.name] ?? 0, input);
		expect(Number.isFinite(timing.seconds)).toBe(true);
		expect(scalarOf(await db.query(sql`SELECT current_database()`))).toBe('memory');
		expect(await tableCount(db)).toBe(1);
	});

	it('refuses a size that is not a whole number above 0', async () => {
		const [scenario] = BENCH_SCENARIOS;
		if (!scenario) throw new Error('No scenario');
		await expect(measureScenario(db, scenario, 0, input)).rejects.toThrow(/whole number/);
	});
});
