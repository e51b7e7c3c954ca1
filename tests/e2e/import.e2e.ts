// Importing files in the browser: drag-and-drop and the file picker, the suggested roles, a
// re-mapping by the user, encodings converted correctly, and clear refusals of bad files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, removeProfile, type LaunchedBrowser } from './support/browser';
import { openApp } from './support/app';
import { startSite } from './support/site';

let site: { url: string; close: () => Promise<void> };
let browser: LaunchedBrowser;
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

beforeAll(async () => {
	site = await startSite();
	browser = await launchBrowser();
	page = await browser.context.newPage();
	await openApp(page, site.url, '/sources');
});

afterAll(async () => {
	await browser.close();
	await removeProfile(browser.profileDir);
	await site.close();
});

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
		await page.locator('.preview').getByText('Besançon').waitFor();
		await page.locator('.preview').getByText('Lefèvre').waitFor();
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

	it.each([
		['empty.csv', Buffer.alloc(0), /empty\.csv' is empty/],
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
