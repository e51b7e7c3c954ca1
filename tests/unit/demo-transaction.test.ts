// The demo loaded as the app loads it — inside one transaction — gives the same tables as
// outside one: record keys come from the export order, never from provisional row ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { ident, sql } from '../../src/lib/core/sql/sql';
import { loadDemoWorkspace } from '../../src/lib/core/workspace/demo-workspace';
import { engines } from '../support/engines';

describe.each(engines)('demo in a transaction on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
		await db.exec(sql`BEGIN TRANSACTION`);
		await loadDemoWorkspace(db, 1000);
		await db.exec(sql`COMMIT`);
	});
	afterAll(() => db.close());

	it.each([
		['cc_raw_crm_contacts', 'ID Contact', 'CLI0000001'],
		['cc_raw_email_events', 'EVENT_ID', 'EV0000000001']
	])('numbers the rows of %s from 1 in column %s', async (table, column, first) => {
		const [row] = rowsOf(
			await db.query(sql`SELECT count(*) AS n, count(DISTINCT ${ident(column)}) AS d,
				min(${ident(column)}) AS first FROM ${ident(table)}`)
		);
		expect(row?.d).toBe(row?.n);
		expect(row?.first).toBe(first);
	});
});
