// Loading the demo into a workspace on both engines: its exports become sources with a
// suggested mapping saved and a mapped view built, and loading it again replaces them instead
// of doubling them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { DEMO_SOURCES } from '../../src/lib/core/demo';
import { rowsOf, scalarOf } from '../../src/lib/core/sql/rows';
import { sql } from '../../src/lib/core/sql/sql';
import { listSources, loadMapping } from '../../src/lib/core/workspace/catalog';
import { loadMappedView } from '../../src/lib/core/workspace/mapped-views';
import { demoPersons, loadDemoWorkspace } from '../../src/lib/core/workspace/demo-workspace';
import { engines } from '../support/engines';

describe.each(engines)('demo workspace on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
		await loadDemoWorkspace(db, 1000);
	});
	afterAll(() => db.close());

	it('lists every demo export as a source with its rows', async () => {
		const sources = await listSources(db);
		expect(sources.map((s) => s.tableName)).toEqual(DEMO_SOURCES.map((s) => s.table));
		expect(sources.every((s) => s.rowCount > 0 && s.origin === 'demo')).toBe(true);
		expect(await demoPersons(db)).toBe(1000);
	});

	it('saves the suggested mapping of each source', async () => {
		const crm = DEMO_SOURCES.find((s) => s.table === 'cc_raw_crm_contacts');
		const mapping = await loadMapping(db, `demo:${crm?.table}`);
		const roleOf = (column: string) => mapping.find((m) => m.column === column)?.role;
		expect(roleOf('E-mail')).toBe('email');
		expect(roleOf('Prénom')).toBe('first_name');
		expect(roleOf('Code postal')).toBe('postcode');
	});

	it('builds the mapped view of each source, with its notes', async () => {
		const views = rowsOf(await db.query(sql`SELECT view_name FROM duckdb_views()`)).map((r) =>
			String(r.view_name)
		);
		for (const source of DEMO_SOURCES) {
			const mapped = await loadMappedView(db, `demo:${source.table}`);
			expect(views).toContain(mapped?.view);
		}
		const crm = await loadMappedView(db, 'demo:cc_raw_crm_contacts');
		expect(crm?.notes).toContainEqual(expect.stringMatching(/^Birth date: dates read day-first/));
		const receipts = await loadMappedView(db, 'demo:cc_raw_store_receipts');
		expect(receipts?.readings).toContainEqual(
			expect.objectContaining({ kind: 'number', detected: ',', chosen: null })
		);
	});

	it('replaces the demo when it is loaded again', async () => {
		const mappingRows = Number(
			scalarOf(await db.query(sql`SELECT count(*) FROM cc_source_column`))
		);
		await loadDemoWorkspace(db, 500);
		expect((await listSources(db)).length).toBe(DEMO_SOURCES.length);
		expect(await demoPersons(db)).toBe(500);
		expect(Number(scalarOf(await db.query(sql`SELECT count(*) FROM cc_source_column`)))).toBe(
			mappingRows
		);
	});
});
