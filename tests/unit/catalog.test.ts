// The workspace catalog on both engines: sources are listed with exact counts, replaced rather
// than doubled, and removed by origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { ident, sql } from '../../src/lib/core/sql/sql';
import {
	ensureCatalog,
	listSources,
	registerSource,
	removeSources
} from '../../src/lib/core/workspace/catalog';
import { engines } from '../support/engines';

describe.each(engines)('workspace catalog on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
		await ensureCatalog(db);
		await ensureCatalog(db);
	});
	afterAll(() => db.close());

	it('lists registered sources with their exact row and column counts', async () => {
		await db.exec(
			sql`CREATE TABLE ${ident('raw "crm"')} AS SELECT range AS id, 'x' AS name FROM range(1234)`
		);
		await registerSource(db, {
			sourceId: 'file:crm',
			name: "CRM d'export",
			kind: 'profile',
			tableName: 'raw "crm"',
			fileName: 'crm.csv',
			origin: 'file'
		});
		const [source] = await listSources(db);
		expect(source).toMatchObject({
			sourceId: 'file:crm',
			name: "CRM d'export",
			kind: 'profile',
			rowCount: 1234,
			columnCount: 2,
			origin: 'file'
		});
		expect(source?.addedAt).toBeGreaterThan(Date.UTC(2020, 0, 1));
	});

	it('replaces a source registered twice and removes sources by origin', async () => {
		await db.exec(sql`CREATE TABLE demo_a AS SELECT 1 AS x`);
		const entry = {
			sourceId: 'demo:a',
			name: 'A',
			kind: 'event' as const,
			tableName: 'demo_a',
			fileName: 'a.csv',
			origin: 'demo' as const
		};
		await registerSource(db, entry);
		await registerSource(db, { ...entry, name: 'A again' });
		expect((await listSources(db)).map((s) => s.name)).toEqual(["CRM d'export", 'A again']);
		await removeSources(db, 'demo');
		expect((await listSources(db)).map((s) => s.sourceId)).toEqual(['file:crm']);
	});

	it('reports a source whose table is gone with zero rows instead of failing', async () => {
		await registerSource(db, {
			sourceId: 'file:gone',
			name: 'Gone',
			kind: 'event',
			tableName: 'no_such_table',
			fileName: 'gone.csv',
			origin: 'file'
		});
		const gone = (await listSources(db)).find((s) => s.sourceId === 'file:gone');
		expect(gone).toMatchObject({ rowCount: 0, columnCount: 0 });
	});
});
