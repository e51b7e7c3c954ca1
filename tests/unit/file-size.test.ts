// Files too big for the browser are said so before the import, and an engine that runs out of
// memory is said so in the same words, pointing to the command line tool.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import {
	COMMAND_LINE_HINT,
	fileSizeAdvice,
	isOutOfMemory,
	outOfMemoryMessage
} from '../../src/lib/core/sources/file-size';
import { sql } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

const GB = 1024 ** 3;
const MB = 1024 ** 2;
/** DuckDB-WASM's default memory limit in Chromium. */
const BROWSER_LIMIT = 3.1 * GB;

describe('fileSizeAdvice', () => {
	it('says nothing about a file that fits easily', () => {
		expect(fileSizeAdvice('crm.csv', 135 * MB, 'csv', 'none', BROWSER_LIMIT)).toEqual({
			refusal: null,
			warning: null
		});
	});

	it('warns about a large CSV and points to the command line tool', () => {
		const advice = fileSizeAdvice('tills.csv', 1.2 * GB, 'csv', 'none', BROWSER_LIMIT);
		expect(advice.refusal).toBeNull();
		expect(advice.warning).toContain("'tills.csv' holds about 1.2 GB of data");
		expect(advice.warning).toContain('3.1 GB of memory');
		expect(advice.warning).toContain(COMMAND_LINE_HINT);
	});

	it('refuses a file several times the engine’s memory, before reading it', () => {
		const advice = fileSizeAdvice('export.csv', 5 * GB, 'csv', 'none', BROWSER_LIMIT);
		expect(advice.warning).toBeNull();
		expect(advice.refusal).toContain("'export.csv' holds about 5.0 GB of data");
		expect(advice.refusal).toContain('npm run cli -- run WORKSPACE.json --out DIR');
	});

	it('counts what compressed and columnar files become once read', () => {
		// 300 MB of gzip CSV is about 1.5 GB of text; 1.2 GB of Parquet about 4.8 GB of table.
		expect(fileSizeAdvice('a.csv.gz', 300 * MB, 'csv', 'gzip', BROWSER_LIMIT).warning).toContain(
			'about 1.5 GB'
		);
		expect(fileSizeAdvice('a.csv', 300 * MB, 'csv', 'none', BROWSER_LIMIT).warning).toBeNull();
		expect(
			fileSizeAdvice('b.parquet', 1.2 * GB, 'parquet', 'none', BROWSER_LIMIT).refusal
		).toContain('about 4.8 GB');
	});

	it('gives no advice when the limit is unknown', () => {
		expect(fileSizeAdvice('x.csv', 50 * GB, 'csv', 'none', 0)).toEqual({
			refusal: null,
			warning: null
		});
	});
});

describe.each(engines)('out of memory on $name DuckDB', ({ open }) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await open();
		await db.exec(sql`SET memory_limit = '16MB'`);
	});
	afterAll(() => db.close());

	it('recognises the engine’s own out-of-memory error and explains it', async () => {
		// One list of 5M numbers cannot be split or spilled: it must be held whole.
		const failure = await db
			.query(sql`SELECT list(i) AS l FROM range(5000000) t(i)`)
			.then(() => null)
			.catch((error: unknown) => error);
		expect(failure).not.toBeNull();
		expect(isOutOfMemory(failure)).toBe(true);
		const message = outOfMemoryMessage("Importing 'tills.csv'", 16 * MB);
		expect(message).toBe(
			`Importing 'tills.csv' needed more memory than this browser’s engine has (16 MB); nothing was changed. ${COMMAND_LINE_HINT}`
		);
	});

	it('does not take other errors for a lack of memory', async () => {
		const failure = await db
			.query(sql`SELECT * FROM no_such_table`)
			.then(() => null)
			.catch((error: unknown) => error);
		expect(isOutOfMemory(failure)).toBe(false);
	});
});
