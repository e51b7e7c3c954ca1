// Managing sources in a real browser, on the demo: profile a source's columns, rename it and
// re-map a column; the change survives a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, removeProfile, type LaunchedBrowser } from './support/browser';
import { loadDemo, openApp } from './support/app';
import { startSite } from './support/site';

let site: { url: string; close: () => Promise<void> };
let browser: LaunchedBrowser;
let page: Page;

beforeAll(async () => {
	site = await startSite();
	browser = await launchBrowser();
	page = await browser.context.newPage();
	await openApp(page, site.url);
	await loadDemo(page, 1000);
	await page.goto(`${site.url}/sources`);
	await page.locator('[data-phase="ready"]').waitFor();
});

afterAll(async () => {
	await browser.close();
	await removeProfile(browser.profileDir);
	await site.close();
});

const sourceRow = (name: string) =>
	page.getByTestId('source-list').locator('tbody tr').filter({ hasText: name });

describe('managing a source', () => {
	it('profiles the columns of the CRM export, with day-first dates and role checks', async () => {
		await sourceRow('CRM contacts')
			.getByRole('button', { name: 'CRM contacts', exact: true })
			.click();
		// Record keys follow the export's order, even though the demo loads in one transaction.
		await page.locator('.detail').getByText('CLI0000001', { exact: true }).waitFor();
		await page.locator('.detail').getByText('CLI0000002', { exact: true }).waitFor();
		await page.getByTestId('tab-profile').click();
		const profile = page.getByTestId('source-profile');
		await profile.waitFor({ timeout: 60_000 });
		const birth = profile.locator('tbody tr').filter({ hasText: 'Date de naissance' });
		expect(await birth.innerText()).toMatch(/date \(day first/);
		const phone = profile.locator('tbody tr').filter({ hasText: 'Téléphone' });
		expect(await phone.innerText()).toMatch(/not a phone number/);
	});

	it('renames a source and re-maps a column, and keeps it after a reload', async () => {
		await page.getByTestId('tab-settings').click();
		await page.getByTestId('source-name').fill('CRM (spring export)');
		await page
			.getByTestId('mapping-editor')
			.locator('select[data-column="Téléphone"]')
			.selectOption('mobile');
		await page.getByTestId('save-source').click();
		await page.getByTestId('notice').filter({ hasText: 'Saved' }).waitFor();
		await page.reload();
		await page.locator('[data-phase="ready"]').waitFor();
		await sourceRow('CRM (spring export)')
			.getByRole('button', { name: 'CRM (spring export)', exact: true })
			.click();
		await page.getByTestId('tab-settings').click();
		const select = page.getByTestId('mapping-editor').locator('select[data-column="Téléphone"]');
		await expect.poll(() => select.inputValue()).toBe('mobile');
	});

	it('replaces a source with a newer export, keeping its name and roles', async () => {
		const v1 = 'id;E-mail;Téléphone\nA;a@x.fr;0612345678\n';
		const v2 = 'id;E-mail;Téléphone\nA;a@x.fr;0612345678\nB;b@x.fr;0698765432\nC;c@x.fr;\n';
		await page.getByTestId('file-input').setInputFiles({
			name: 'loyalty.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(v1)
		});
		await page.getByTestId('import-card').getByTestId('mapping-editor').waitFor();
		await page
			.getByTestId('import-card')
			.locator('select[data-column="Téléphone"]')
			.selectOption('mobile');
		await page.getByTestId('import-card').getByTestId('import-confirm').click();
		await page.getByTestId('notice').filter({ hasText: 'Imported 1 rows' }).waitFor();

		await sourceRow('loyalty.csv').getByRole('button', { name: 'Loyalty', exact: true }).click();
		await page.getByTestId('tab-settings').click();
		await page.getByTestId('replace-input').setInputFiles({
			name: 'loyalty-june.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(v2)
		});
		const card = page.getByTestId('import-card');
		await card.getByTestId('replaces').waitFor();
		expect(await card.locator('select[data-column="Téléphone"]').inputValue()).toBe('mobile');
		await card.getByTestId('import-confirm').click();
		await page.getByTestId('notice').filter({ hasText: 'Imported 3 rows' }).waitFor();
		const row = sourceRow('loyalty-june.csv');
		expect(await row.innerText()).toMatch(/Loyalty[\s\S]*3/);
		expect(await sourceRow('loyalty.csv').count()).toBe(0);
	});
});
