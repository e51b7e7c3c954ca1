// Loading the demo into a workspace on both engines: its exports become sources with a
// suggested mapping saved, and loading it again replaces them instead of doubling them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { DEMO_SOURCES } from '../../src/lib/core/demo';
import { scalarOf } from '../../src/lib/core/sql/rows';
import { sql } from '../../src/lib/core/sql/sql';
import { listSources, loadMapping } from '../../src/lib/core/workspace/catalog';
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
