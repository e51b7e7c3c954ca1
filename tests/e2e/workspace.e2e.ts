// The workspace in a real browser: the engine starts from self-hosted bundles and reports its
// status, the demo loads, the data survives a reload and a browser restart (OPFS), a second tab
// is told the workspace is busy, and "Clear all local data" wipes everything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, removeProfile } from './support/browser';
import { loadDemo, openApp } from './support/app';
import { startSite, type Site } from './support/site';

let site: Site;
let profileDir = '';

beforeAll(async () => {
	site = await startSite();
});

afterAll(async () => {
	await site.close();
	if (profileDir) await removeProfile(profileDir);
});

const sourceRows = (page: import('playwright-core').Page) =>
	page.getByTestId('source-list').locator('tbody tr');

describe('workspace', () => {
	it('starts the engine, shows its status and keeps the demo across a reload', async () => {
		const browser = await launchBrowser();
		profileDir = browser.profileDir;
		try {
			const page = await browser.context.newPage();
			const errors: string[] = [];
			page.on('pageerror', (error) => errors.push(error.message));
			await openApp(page, site.url);
			await expect(page.getByTestId('duckdb-version').textContent()).resolves.toMatch(
				/^v1\.4\.3 · (eh|mvp)$/
			);
			await expect(page.getByTestId('persistence').textContent()).resolves.toContain(
				'Saved in this browser'
			);
			await expect(page.getByText('Your data stays on this machine')).toBeTruthy();

			await loadDemo(page, 1000);
			await page.goto(`${site.url}/sources`);
			await sourceRows(page).first().waitFor();
			const before = await sourceRows(page).allInnerTexts();
			expect(before.length).toBeGreaterThanOrEqual(6);
			// A preview of the first source is shown with real rows.
			await page.locator('.detail table tbody tr').first().waitFor();

			await page.reload();
			await page.locator('[data-phase="ready"]').waitFor();
			await sourceRows(page).first().waitFor();
			expect(await sourceRows(page).allInnerTexts()).toEqual(before);
			expect(errors).toEqual([]);
		} finally {
			await browser.close();
		}
	});

	it('keeps the data after the browser is closed and opened again', async () => {
		const browser = await launchBrowser({ profileDir });
		try {
			const page = await browser.context.newPage();
			await openApp(page, site.url, '/sources');
			await sourceRows(page).first().waitFor();
			expect(await sourceRows(page).count()).toBeGreaterThanOrEqual(6);
		} finally {
			await browser.close();
		}
	});

	it('tells a second tab that the workspace is open elsewhere', async () => {
		const browser = await launchBrowser({ profileDir });
		try {
			const first = await browser.context.newPage();
			await openApp(first, site.url);
			const second = await browser.context.newPage();
			await second.goto(site.url);
			await second.locator('[data-phase="locked"]').waitFor();
			await expect(second.getByRole('alert').textContent()).resolves.toContain(
				'already open in another tab'
			);
		} finally {
			await browser.close();
		}
	});

	it('cancels a demo load and leaves the workspace as it was', async () => {
		const browser = await launchBrowser({ profileDir });
		try {
			const page = await browser.context.newPage();
			await openApp(page, site.url, '/sources');
			await sourceRows(page).first().waitFor();
			const before = await sourceRows(page).allInnerTexts();
			await page.getByTestId('demo-size').first().selectOption('1000000');
			await page.getByTestId('load-demo').first().click();
			await page.getByRole('progressbar').waitFor();
			await page.getByRole('button', { name: 'Cancel' }).click();
			await page
				.getByTestId('notice')
				.filter({ hasText: 'Cancelled' })
				.waitFor({ timeout: 60_000 });
			expect(await sourceRows(page).allInnerTexts()).toEqual(before);
			await page.reload();
			await page.locator('[data-phase="ready"]').waitFor();
			await sourceRows(page).first().waitFor();
			expect(await sourceRows(page).allInnerTexts()).toEqual(before);
		} finally {
			await browser.close();
		}
	});

	it('clears all local data after confirmation', async () => {
		const browser = await launchBrowser({ profileDir });
		try {
			const page = await browser.context.newPage();
			await openApp(page, site.url, '/workspace');
			await page.getByTestId('clear-data').click();
			// The app reloads itself once everything is deleted.
			await Promise.all([
				page.waitForEvent('load', { timeout: 60_000 }),
				page.getByTestId('confirm-clear').click()
			]);
			await page.locator('[data-phase="ready"]').waitFor();
			await page.goto(`${site.url}/sources`);
			await page.locator('[data-phase="ready"]').waitFor();
			await page.getByText('No sources yet').waitFor();
			const stored = await page.evaluate(async () => {
				const root = await navigator.storage.getDirectory();
				const names: string[] = [];
				for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys()) {
					names.push(name);
				}
				return names;
			});
			// The engine reopened an empty database file; nothing of the demo is left in it.
			expect(stored.filter((name) => !name.startsWith('concord.db'))).toEqual([]);
		} finally {
			await browser.close();
		}
	});
});
