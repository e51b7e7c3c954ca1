// The default country of phone numbers in the browser: it is chosen under Workspace & engine,
// every phone of the workspace is read again with it in the worker (libphonenumber-js, loaded
// there on first use), and the choice survives a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, removeProfile, type LaunchedBrowser } from './support/browser';
import { loadDemo, openApp } from './support/app';
import { startSite, type Site } from './support/site';

let site: Site;
let browser: LaunchedBrowser;

beforeAll(async () => {
	site = await startSite();
	browser = await launchBrowser();
});

afterAll(async () => {
	await browser.close();
	await removeProfile(browser.profileDir);
	await site.close();
});

describe('phone country', () => {
	it('reads the demo phones again as German numbers and remembers the choice', async () => {
		const page = await browser.context.newPage();
		await openApp(page, site.url);
		await loadDemo(page, 1000);
		await page.goto(`${site.url}/workspace`);
		await page.locator('[data-phase="ready"]').waitFor();
		const select = page.getByTestId('phone-country');
		await page.locator('[data-testid="phone-country"]:not([disabled])').waitFor();
		expect(await select.inputValue()).toBe('FR');
		expect(await select.locator('option[value="DE"]').innerText()).toBe('Germany (DE)');
		await select.selectOption('DE');
		await page
			.getByTestId('notice')
			.filter({ hasText: 'now read as DE numbers' })
			.waitFor({ timeout: 60_000 });
		await page.reload();
		await page.locator('[data-phase="ready"]').waitFor();
		await page.locator('[data-testid="phone-country"]:not([disabled])').waitFor();
		expect(await page.getByTestId('phone-country').inputValue()).toBe('DE');
	});
});
