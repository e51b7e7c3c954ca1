// Hostile files in a real browser: odd column names, dangerous cell values, a 1 MB cell, a very
// wide file and a mis-encoded one. Each is imported or refused with a clear message; the page
// never crashes, and what is shown stays text (no formula, HTML or SQL takes effect).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp } from './support/app';
import { closeSession, openSession, type Session } from './support/session';

let session: Session | undefined;
let page: Page;
let pageErrors: string[];
const dialogs: string[] = [];

beforeAll(async () => {
	session = await openSession();
	({ page, pageErrors } = session);
	page.on('dialog', async (dialog) => {
		dialogs.push(dialog.message());
		await dialog.dismiss();
	});
	await openApp(page, session.site.url, '/sources');
});

afterAll(() => closeSession(session));

const card = (name: string) => page.getByTestId('import-card').filter({ hasText: name });

async function choose(name: string, content: string | Buffer) {
	await page.getByTestId('file-input').setInputFiles({
		name,
		mimeType: 'text/csv',
		buffer: typeof content === 'string' ? Buffer.from(content) : content
	});
	const item = card(name);
	await item.getByTestId('import-confirm').waitFor();
	return item;
}

async function importIt(name: string) {
	await card(name).getByTestId('import-confirm').click();
	await page.getByTestId('notice').filter({ hasText: 'Imported' }).waitFor({ timeout: 60_000 });
}

describe('hostile files', () => {
	it('imports odd column names and dangerous values as plain text', async () => {
		const header = 'id,"na""me",😀 emoji,select,"",id,=SUM(A1),<b>bold</b>';
		const row =
			'1,"O\'Brien","=HYPERLINK(""http://x"",""y"")","<img src=x onerror=alert(1)>",' +
			'"\'); DROP TABLE cc_source; --",2,"+cmd|\' /C calc\'!A0","@SUM(1)"';
		const item = await choose('hostile.csv', `${header}\n${row}\n`);
		await item.getByText('<img src=x onerror=alert(1)>').waitFor();
		await importIt('hostile.csv');
		const rows = page.getByTestId('source-list').locator('tbody tr');
		await rows.filter({ hasText: 'hostile.csv' }).waitFor();
		expect(await page.locator('img[src="x"]').count()).toBe(0);
		expect(dialogs).toEqual([]);
		// The catalog survived the value that tried to drop it.
		expect(await rows.count()).toBeGreaterThanOrEqual(1);
	});

	it('imports a file with a 1 MB cell', async () => {
		const big = 'x'.repeat(1024 * 1024);
		await choose('big-cell.csv', `id,note\n1,${big}\n2,short\n`);
		await importIt('big-cell.csv');
	});

	it('reads a UTF-16 file by its byte order mark', async () => {
		const text = Buffer.from('\ufeffname,city\nZoë,Besançon\n', 'utf16le');
		await page
			.getByTestId('file-input')
			.setInputFiles({ name: 'utf16.csv', mimeType: 'text/csv', buffer: text });
		const item = card('utf16.csv');
		await item.getByText('UTF-16').first().waitFor();
		await item.getByText('Besançon').waitFor();
		await importIt('utf16.csv');
		expect(pageErrors).toEqual([]);
	});

	// Last: a very wide read can disturb DuckDB's sniffer for the files read after it.
	it('imports a file with 2,000 columns', async () => {
		const columns = Array.from({ length: 2000 }, (_, i) => `c${i}`);
		const values = columns.map((_, i) => String(i));
		const wide = await choose('wide.csv', `${columns.join(',')}\n${values.join(',')}\n`);
		await wide.getByText('Showing 200 of 2,000 columns').waitFor();
		await importIt('wide.csv');
	});
});
