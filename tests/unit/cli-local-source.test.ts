// A source of a workspace file imported from disk by `concord run`: the reading the user
// confirmed in the app (here, a preamble line to skip) is used instead of a new guess, a
// Windows-1252 file is transcoded before DuckDB reads it, and a file that lacks a mapped column
// is refused, naming it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importSavedSource } from '../../src/cli/local-source';
import { NativeDb } from '../../src/cli/native-db';
import { encodeWindows1252 } from '../../src/lib/core/demo';
import { offlineSettings } from '../../src/lib/core/engine-settings';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { ident, sql } from '../../src/lib/core/sql/sql';
import { ensureCatalog, findSource, loadReadOptions } from '../../src/lib/core/workspace/catalog';
import type { WorkspaceSourceSpec } from '../../src/lib/core/workspace/workspace-file';

const dir = mkdtempSync(join(tmpdir(), 'concord-local-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spec = (
	fileName: string,
	change: Partial<WorkspaceSourceSpec> = {}
): WorkspaceSourceSpec => ({
	id: `file:${fileName}`,
	name: 'Contacts',
	fileName,
	kind: 'profile',
	format: 'csv',
	read: null,
	mapping: [
		{ column: 'ID', role: 'record_key' },
		{ column: 'Ville', role: 'city' }
	],
	...change
});

describe('importing a saved source from disk', () => {
	let db: NativeDb;
	beforeEach(async () => {
		db = await NativeDb.open(':memory:', { threads: '1' });
		for (const statement of offlineSettings()) await db.exec(statement);
		await ensureCatalog(db);
	});
	afterEach(() => db.close());

	async function rows(sourceId: string) {
		const source = await findSource(db, sourceId);
		return rowsOf(await db.query(sql`SELECT * FROM ${ident(source!.tableName)} ORDER BY 1`));
	}

	it('reads the file as the user confirmed it, not as a new guess', async () => {
		const path = join(dir, 'with-preamble.csv');
		writeFileSync(path, 'Export du 30/06/2026\nID;Ville\n1;Lyon\n2;Nantes\n');
		const read = { csv: { delimiter: ';', quote: '"', escape: '"', header: true, skipRows: 1 } };
		const imported = await importSavedSource(
			db,
			path,
			spec('with-preamble.csv', { read }),
			'FR',
			dir
		);
		expect(imported.rowCount).toBe(2);
		expect(await rows(imported.sourceId)).toEqual([
			{ ID: '1', Ville: 'Lyon' },
			{ ID: '2', Ville: 'Nantes' }
		]);
		// Kept with the source, so that its workspace file carries them on.
		expect(await loadReadOptions(db, imported.sourceId)).toEqual(read);
	});

	it('transcodes a Windows-1252 file first', async () => {
		const path = join(dir, 'tills.csv');
		writeFileSync(path, encodeWindows1252('ID,Ville\n1,Besançon\n2,Orléans – Centre\n'));
		const imported = await importSavedSource(db, path, spec('tills.csv'), 'FR', dir);
		expect((await rows(imported.sourceId)).map((r) => r.Ville)).toEqual([
			'Besançon',
			'Orléans – Centre'
		]);
	});

	it('refuses a file that lacks a mapped column', async () => {
		const path = join(dir, 'other.csv');
		writeFileSync(path, 'ID,Town\n1,Lyon\n');
		await expect(importSavedSource(db, path, spec('other.csv'), 'FR', dir)).rejects.toThrow(
			/lacks the column 'Ville' \(city\) that the workspace file maps/
		);
	});
});
