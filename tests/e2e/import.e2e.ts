// Importing files in the browser: drag-and-drop and the file picker, the suggested roles, a
// re-mapping by the user, encodings converted correctly, Parquet (Snappy, ZSTD, gzip), NDJSON and
// Excel read in the worker, the sheet of a workbook chosen, and clear refusals of bad files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parquetExport } from '../support/parquet-fixture';
import { buildXlsx } from '../support/xlsx-fixture';
import { openApp } from './support/app';
import { closeSession, openSession, type Session } from './support/session';

let session: Session | undefined;
let page: Page;

const CRM = Buffer.from(
	'ID Contact;Prénom;Nom;E-mail;Téléphone;Code postal;Ville\n' +
		'C1;Hélène;Lefèvre;helene@example.fr;06 12 34 56 78;25000;Besançon\n' +
		'C2;François;Müller;f.muller@example.fr;+33 6 98 76 54 32;45000;Orléans\n',
	'latin1'
);
// Windows-1252: 0x80 is the euro sign, 0x9C the "œ" ligature.
const RECEIPTS = Buffer.concat([
	Buffer.from('receipt;store;amount;note\nR1;Lyon;23,90;', 'latin1'),
	Buffer.from([0x80, 0x20, 0x9c, 0x75, 0x66, 0x73, 0x0a])
]);

const SESSIONS = Buffer.from(
	[
		'{"session_id":"S1","email":"helene@example.fr","started_at":"2024-03-01T09:15:00","pages":3}',
		'',
		'{"session_id":"S2","email":"f.muller@example.fr","started_at":"2024-03-02T18:40:00","pages":7,"campaign":"spring"}',
		'{"session_id":"S3","email":null,"started_at":"2024-03-03T12:00:00","pages":1}'
	].join('\n')
);

beforeAll(async () => {
	session = await openSession();
	page = session.page;
	await openApp(page, session.site.url, '/sources');
});

afterAll(() => closeSession(session));

async function dropFile(name: string, bytes: Buffer) {
	const transfer = await page.evaluateHandle(
		({ name, data }) => {
			const dt = new DataTransfer();
			dt.items.add(new File([new Uint8Array(data)], name));
			return dt;
		},
		{ name, data: Array.from(bytes) }
	);
	await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
}

const card = (name: string) => page.getByTestId('import-card').filter({ hasText: name });

describe('importing files', () => {
	it('imports a dropped Latin-1 CRM export with its roles suggested, after one re-mapping', async () => {
		await dropFile('crm_export.csv', CRM);
		const crm = card('crm_export.csv');
		await crm.getByTestId('mapping-editor').waitFor();
		const role = (column: string) => crm.locator(`select[data-column="${column}"]`).inputValue();
		expect(await role('E-mail')).toBe('email');
		expect(await role('Prénom')).toBe('first_name');
		expect(await role('Nom')).toBe('last_name');
		expect(await role('Code postal')).toBe('postcode');
		expect(await role('Ville')).toBe('city');
		// The user decides this phone column is a mobile number.
		await crm.locator('select[data-column="Téléphone"]').selectOption('mobile');
		await crm.getByTestId('import-confirm').click();
		await page.getByTestId('notice').filter({ hasText: 'Imported 2 rows' }).waitFor();
		const rows = page.getByTestId('source-list').locator('tbody tr');
		await expect(rows.filter({ hasText: 'crm_export.csv' }).count()).resolves.toBe(1);
		await rows.filter({ hasText: 'crm_export.csv' }).getByRole('button').first().click();
		await page.locator('.detail').getByText('Besançon').waitFor();
		await page.locator('.detail').getByText('Lefèvre').waitFor();
	});

	it('remembers the mapping for the next file with the same header', async () => {
		await page.getByTestId('file-input').setInputFiles({
			name: 'crm_export_june.csv',
			mimeType: 'text/csv',
			buffer: CRM
		});
		const again = card('crm_export_june.csv');
		await again.getByTestId('mapping-editor').waitFor();
		expect(await again.locator('select[data-column="Téléphone"]').inputValue()).toBe('mobile');
		await again.getByText('re-applied').waitFor();
		await again.getByRole('button', { name: 'Discard' }).click();
		await expect(card('crm_export_june.csv').count()).resolves.toBe(0);
	});

	it('converts a Windows-1252 file (euro sign, œ) correctly', async () => {
		await page.getByTestId('file-input').setInputFiles({
			name: 'receipts.csv',
			mimeType: 'text/csv',
			buffer: RECEIPTS
		});
		const receipts = card('receipts.csv');
		await receipts.getByText('Windows-1252').waitFor();
		await receipts.getByText('€ œufs').waitFor();
		await receipts.getByTestId('import-confirm').click();
		await page.getByTestId('notice').filter({ hasText: 'Imported 1 rows' }).waitFor();
	});

	it('imports an NDJSON export: the union of its keys, roles suggested', async () => {
		await page.getByTestId('file-input').setInputFiles({
			name: 'web_sessions.ndjson',
			mimeType: 'application/x-ndjson',
			buffer: SESSIONS
		});
		const sessions = card('web_sessions.ndjson');
		await sessions.getByTestId('mapping-editor').waitFor();
		expect(await sessions.getByTestId('import-format').textContent()).toMatch(/NDJSON/);
		expect(await sessions.getByLabel('Delimiter').count()).toBe(0);
		expect(await sessions.locator('select[data-column="email"]').inputValue()).toBe('email');
		await sessions.getByText('spring').waitFor();
		await sessions.getByTestId('import-confirm').click();
		await page.getByTestId('notice').filter({ hasText: 'Imported 3 rows' }).waitFor();
		const rows = page.getByTestId('source-list').locator('tbody tr');
		await expect(rows.filter({ hasText: 'web_sessions.ndjson' }).count()).resolves.toBe(1);
	});

	it('imports a Parquet export written by DuckDB', async () => {
		await page.getByTestId('file-input').setInputFiles({
			name: 'orders.parquet',
			mimeType: 'application/octet-stream',
			buffer: await parquetExport()
		});
		const orders = card('orders.parquet');
		await orders.getByTestId('mapping-editor').waitFor();
		expect(await orders.getByTestId('import-format').textContent()).toMatch(/Parquet/);
		await orders.getByText('3,000 rows in 1 row group').waitFor();
		await orders.getByText('2024-01-01T10:00:00').first().waitFor();
		await orders.getByTestId('import-confirm').click();
		await page.getByTestId('notice').filter({ hasText: 'Imported 3,000 rows' }).waitFor();
	});

	it.each(['zstd', 'gzip'])('imports a Parquet export compressed with %s', async (codec) => {
		const name = `orders_${codec}.parquet`;
		await page.getByTestId('file-input').setInputFiles({
			name,
			mimeType: 'application/octet-stream',
			buffer: await parquetExport(codec)
		});
		const orders = card(name);
		await orders.getByTestId('mapping-editor').waitFor();
		await orders.getByText('3,000 rows in 1 row group').waitFor();
		await orders.getByText('2024-01-01T10:00:00').first().waitFor();
		await orders.getByTestId('import-confirm').click();
		await page.getByTestId('notice').filter({ hasText: 'Imported 3,000 rows' }).waitFor();
	});

	it('imports the second sheet of a dropped two-sheet workbook, chosen under Sheet', async () => {
		const workbook = buildXlsx(
			[
				{
					name: 'Stores',
					rows: [
						['Store', 'City'],
						['S1', 'Lyon'],
						['S2', 'Nantes']
					]
				},
				{
					name: 'Loyalty members',
					rows: [
						['Card', 'Prénom', 'E-mail', 'Joined'],
						['L1', 'Hélène', 'helene@example.fr', new Date(Date.UTC(2023, 2, 14, 9, 30, 59))],
						['L2', 'Zoë', 'zoe.loyal@example.fr', new Date(Date.UTC(2023, 5, 1))],
						['L3', 'Marc', 'marc@example.fr', new Date(Date.UTC(2023, 8, 9, 18, 0, 1))]
					]
				}
			],
			{ sharedStrings: true }
		);
		await dropFile('loyalty.xlsx', Buffer.from(workbook));
		const loyalty = card('loyalty.xlsx');
		await loyalty.getByTestId('mapping-editor').waitFor();
		const sheet = loyalty.getByTestId('import-sheet');
		expect(await sheet.inputValue()).toBe('Stores');
		expect(await sheet.locator('option').allTextContents()).toEqual(['Stores', 'Loyalty members']);
		await loyalty.getByText('Nantes').waitFor();

		await sheet.selectOption('Loyalty members');
		await loyalty
			.getByTestId('import-format-note')
			.filter({ hasText: `Sheet 'Loyalty members'` })
			.waitFor();
		expect(await loyalty.getByTestId('import-sheet').inputValue()).toBe('Loyalty members');
		expect(await loyalty.locator('select[data-column="E-mail"]').inputValue()).toBe('email');
		expect(await loyalty.locator('select[data-column="Prénom"]').inputValue()).toBe('first_name');
		await loyalty.getByText('2023-03-14T09:30:59').waitFor();
		expect(await loyalty.getByText('Nantes').count()).toBe(0);
		await loyalty.getByTestId('import-confirm').click();
		await page.getByTestId('notice').filter({ hasText: 'Imported 3 rows' }).waitFor();
		const rows = page.getByTestId('source-list').locator('tbody tr');
		await rows.filter({ hasText: 'loyalty.xlsx' }).getByRole('button').first().click();
		await page.locator('.detail').getByText('zoe.loyal@example.fr').waitFor();
	});

	it('imports the first sheet with data of an Excel workbook', async () => {
		const workbook = buildXlsx([
			{ name: 'Read me', rows: [] },
			{
				name: 'Contacts',
				rows: [
					['Prénom', 'Nom', 'E-mail', 'Date de naissance'],
					['Hélène', 'Lefèvre', 'helene@example.fr', new Date(Date.UTC(1985, 5, 2))],
					['Zoë', 'Martin', 'zoe@example.fr', new Date(Date.UTC(1992, 10, 23))]
				]
			}
		]);
		await page.getByTestId('file-input').setInputFiles({
			name: 'contacts.xlsx',
			mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			buffer: Buffer.from(workbook)
		});
		const contacts = card('contacts.xlsx');
		await contacts.getByTestId('mapping-editor').waitFor();
		expect(await contacts.getByTestId('import-format-note').textContent()).toMatch(
			/Sheet 'Contacts'/
		);
		expect(await contacts.locator('select[data-column="E-mail"]').inputValue()).toBe('email');
		await contacts.getByText('1985-06-02').waitFor();
		await contacts.getByTestId('import-confirm').click();
		await page.getByTestId('notice').filter({ hasText: 'Imported 2 rows' }).waitFor();
	});

	it('cancels a large NDJSON import between batches and keeps the workspace as it was', async () => {
		const rows = page.getByTestId('source-list').locator('tbody tr');
		const before = await rows.allInnerTexts();
		const line = (i: number) =>
			`{"event_id":"E${i}","email":"c${i % 5000}@example.com","type":"page_view","at":"2024-03-01T10:00:00"}`;
		// Above 50 MB Playwright wants a path rather than a buffer.
		const dir = mkdtempSync(join(tmpdir(), 'concord-e2e-ndjson-'));
		const path = join(dir, 'page_views.ndjson');
		writeFileSync(path, Array.from({ length: 600_000 }, (_, i) => line(i)).join('\n'));
		await page.getByTestId('file-input').setInputFiles(path);
		const views = card('page_views.ndjson');
		await views.getByTestId('mapping-editor').waitFor();
		await views.getByTestId('import-confirm').click();
		await page.getByRole('progressbar').waitFor();
		await page.getByText(/Reading page_views\.ndjson \([\d,]+ rows\)/).waitFor();
		await page.getByRole('button', { name: 'Cancel' }).click();
		await page.getByTestId('notice').filter({ hasText: 'Cancelled' }).waitFor({ timeout: 60_000 });
		expect(await rows.allInnerTexts()).toEqual(before);
		await views.getByRole('button', { name: 'Discard' }).click();
		rmSync(dir, { recursive: true, force: true });
	});

	it.each([
		['empty.csv', Buffer.alloc(0), /empty\.csv' is empty/],
		[
			'broken.ndjson',
			Buffer.from('{"id":1}\n{"id":2,}\n'),
			/broken\.ndjson' line 2 is not valid JSON/
		],
		['header-only.csv', Buffer.from('id,email\n'), /header-only\.csv' has a header but no rows/],
		[
			'picture.csv',
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0, 4, 5]),
			/picture\.csv': The file holds binary data/
		],
		['workbook.csv', Buffer.from([0x50, 0x4b, 3, 4, 0, 0]), /workbook\.csv' is a zip archive/]
	])(
		'refuses %s with a clear message and keeps the workspace as it was',
		async (name, bytes, message) => {
			const before = await page.getByTestId('source-list').locator('tbody tr').allInnerTexts();
			await page
				.getByTestId('file-input')
				.setInputFiles({ name, mimeType: 'text/csv', buffer: bytes });
			const refused = card(name);
			const shown = refused.getByTestId('import-error');
			await shown.waitFor();
			expect(await shown.textContent()).toMatch(message);
			if ((await refused.getByTestId('import-confirm').count()) > 0) {
				expect(await refused.getByTestId('import-confirm').isDisabled()).toBe(true);
			}
			await refused.getByRole('button', { name: 'Discard' }).click();
			expect(await page.getByTestId('source-list').locator('tbody tr').allInnerTexts()).toEqual(
				before
			);
		}
	);

	it('removes a source after confirmation', async () => {
		const rows = page.getByTestId('source-list').locator('tbody tr');
		const count = await rows.count();
		await rows
			.filter({ hasText: 'receipts.csv' })
			.getByRole('button', { name: /Remove/ })
			.click();
		await page.getByTestId('confirm-remove').click();
		await expect.poll(() => rows.count()).toBe(count - 1);
	});
});
