// Files whose fields are separated by runs of spaces (fixed-width exports such as CDNOW's
// transactions) are found by the sniffer and split into their fields, with or without a header;
// a user picking "Spaces" on another file gets fields named from its lines. Both engines.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { WHITESPACE } from '../../src/lib/core/sources/csv-options';
import { importCsv } from '../../src/lib/core/sources/import-csv';
import { completeCsvOptions, sniffCsv } from '../../src/lib/core/sources/sniff';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { sql } from '../../src/lib/core/sql/sql';
import { ensureCatalog } from '../../src/lib/core/workspace/catalog';
import { importLocalCsv } from '../../src/lib/core/workspace/local-file';
import { engines } from '../support/engines';

const cdnow = fileURLToPath(
	new URL('../../../shared/data/cdnow/CDNOW_sample.txt', import.meta.url)
);
const work = mkdtempSync(join(tmpdir(), 'concord-spaces-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(engines)('space-separated files ($name)', (engine) => {
	let db: Db & { close(): void };
	beforeEach(async () => {
		db = await engine.open();
		await ensureCatalog(db);
	});
	afterEach(() => db.close());

	it('reads CDNOW transactions as an event source with its roles', async () => {
		const { mapping, sourceId } = await importLocalCsv(db, cdnow);
		expect(mapping.map((m) => m.role)).toEqual([
			'record_key',
			'custom',
			'event_time',
			'quantity',
			'amount'
		]);
		const [row] = rowsOf(
			await db.query(sql`SELECT count(*) AS n, min(column2) AS first, sum(column4::DOUBLE) AS total
				FROM cc_src_cdnow_sample`)
		);
		expect(Number(row?.n)).toBe(6919);
		expect(row?.first).toBe('19970101');
		expect(Number(row?.total)).toBeGreaterThan(0);
		const [kind] = rowsOf(
			await db.query(sql`SELECT kind FROM cc_source WHERE source_id = ${sourceId}`)
		);
		expect(kind?.kind).toBe('event');
	});

	it('takes a header line of names, and splits tabs and spaces alike', async () => {
		const path = join(work, `${engine.name}-spaced.txt`);
		writeFileSync(path, 'id   name\tamount\n  1  Ann   12.5\n2\tBob  7\n\n3 Eve 1\n');
		const options = await sniffCsv(db, path, 'utf-8', 'none');
		expect(options.delimiter).toBe(WHITESPACE);
		expect(options.header).toBe(true);
		expect(options.fields).toEqual(['id', 'name', 'amount']);
		const imported = await importCsv(db, {
			fileName: path,
			displayName: 'spaced.txt',
			tableName: 'spaced',
			options
		});
		expect(imported.rowCount).toBe(3);
		expect(rowsOf(await db.query(sql`SELECT * FROM spaced ORDER BY id`))).toEqual([
			{ id: '1', name: 'Ann', amount: '12.5' },
			{ id: '2', name: 'Bob', amount: '7' },
			{ id: '3', name: 'Eve', amount: '1' }
		]);
	});

	it('leaves comma files alone, and names the fields when the user picks spaces', async () => {
		const path = join(work, `${engine.name}-commas.csv`);
		writeFileSync(path, 'a,b\n1,2\n3,4\n');
		const sniffed = await sniffCsv(db, path, 'utf-8', 'none');
		expect(sniffed.delimiter).toBe(',');
		const chosen = await completeCsvOptions(db, path, {
			...sniffed,
			delimiter: WHITESPACE,
			header: false
		});
		expect(chosen.fields).toEqual(['column0']);
		const back = await completeCsvOptions(db, path, { ...chosen, delimiter: ',' });
		expect(back.fields).toBeUndefined();
	});
});
