// Adding files to the workspace on both engines: a new source with its mapping, and a newer
// export replacing a source's rows while keeping its id, name and roles.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { sniffCsv } from '../../src/lib/core/sources/sniff';
import { scalarOf } from '../../src/lib/core/sql/rows';
import { sql } from '../../src/lib/core/sql/sql';
import { ensureCatalog, listSources, loadMapping } from '../../src/lib/core/workspace/catalog';
import { importFileAsSource } from '../../src/lib/core/workspace/file-import';
import { engines } from '../support/engines';

const dir = mkdtempSync(join(tmpdir(), 'concord-file-import-'));
const v1 = join(dir, 'loyalty.csv');
const v2 = join(dir, 'loyalty-june.csv');
writeFileSync(v1, 'id;email\nA;a@x.fr\n');
writeFileSync(v2, 'id;email;city\nA;a@x.fr;Lyon\nB;b@x.fr;Nice\n');

describe.each(engines)('file import on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
		await ensureCatalog(db);
	});
	afterAll(() => db.close());

	const request = async (path: string, displayName: string, replaces?: string) => ({
		fileName: path,
		displayName,
		name: 'Loyalty',
		kind: 'profile' as const,
		options: await sniffCsv(db, path, 'utf-8', 'none'),
		mapping: [
			{ column: 'id', role: 'record_key' },
			{ column: 'email', role: 'email' }
		],
		replaces
	});

	it('adds a file as a source with its mapping, unmapped columns kept as custom', async () => {
		const first = await importFileAsSource(db, await request(v1, 'loyalty.csv'));
		expect(first.rowCount).toBe(1);
		expect(await loadMapping(db, first.sourceId)).toEqual([
			{ column: 'id', role: 'record_key' },
			{ column: 'email', role: 'email' }
		]);
	});

	it('replaces a source with a newer export, keeping its id and dropping the old rows', async () => {
		const [before] = await listSources(db);
		const replaced = await importFileAsSource(
			db,
			await request(v2, 'loyalty-june.csv', before?.sourceId)
		);
		expect(replaced.sourceId).toBe(before?.sourceId);
		const [after, ...others] = await listSources(db);
		expect(others).toEqual([]);
		expect(after).toMatchObject({ name: 'Loyalty', fileName: 'loyalty-june.csv', rowCount: 2 });
		expect(after?.tableName).not.toBe(before?.tableName);
		const oldTableLeft = scalarOf(
			await db.query(
				sql`SELECT count(*) FROM duckdb_tables() WHERE table_name = ${before?.tableName ?? ''}`
			)
		);
		expect(oldTableLeft).toBe(0);
		expect((await loadMapping(db, replaced.sourceId)).map((m) => m.role)).toEqual([
			'record_key',
			'email',
			'custom'
		]);
	});

	it('refuses to replace a source that is gone', async () => {
		await expect(
			importFileAsSource(db, await request(v1, 'x.csv', 'file:nothing'))
		).rejects.toThrow(/no longer in the workspace/);
	});
});
