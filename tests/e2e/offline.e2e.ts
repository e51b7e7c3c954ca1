// Offline: after one visit, Concord starts and works with no network at all. The proof is strong on
// purpose: the browser is set offline and the site's server is stopped, so every file the app and
// its engine load afterwards can only come from the service worker's cache. The work done offline
// includes a part of the engine the online visit never loaded (the Parquet decoders for ZSTD).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { parquetExport } from '../support/parquet-fixture';
import { ENGINE_TIMEOUT, loadDemo, openApp } from './support/app';
import { launchBrowser, removeProfile, type LaunchedBrowser } from './support/browser';
import { RequestLog } from './support/request-log';
import { startSite, type Site } from './support/site';

let site: Site | undefined;
let browser: LaunchedBrowser | undefined;

beforeAll(async () => {
	site = await startSite();
	browser = await launchBrowser({ serviceWorkers: 'allow' });
});

afterAll(async () => {
	if (browser) {
		await browser.close();
		await removeProfile(browser.profileDir);
	}
	await site?.close();
});

const engineReady = (page: Page) =>
	page.locator('[data-phase="ready"]').waitFor({ timeout: ENGINE_TIMEOUT });

const sourceRows = (page: Page) => page.getByTestId('source-list').locator('tbody tr');

/** The Rows cell of the imported Parquet file's source, once it is listed. */
const ordersRowCount = (page: Page) =>
	sourceRows(page).filter({ hasText: 'orders.parquet' }).locator('td.num').first().textContent();

/**
 * The files the pages and their workers load (not the service worker's own fetches), split into
 * those loaded online and those loaded once `offline` is set, with who answered the latter.
 */
function watchLoads(context: BrowserContext) {
	const loads = { offline: false, online: new Set<string>(), answered: new Map<string, string>() };
	context.on('requestfinished', async (request) => {
		if (request.serviceWorker()) return;
		if (!loads.offline) {
			loads.online.add(request.url());
			return;
		}
		const response = await request.response();
		loads.answered.set(request.url(), response?.fromServiceWorker() ? 'cache' : 'network');
	});
	return loads;
}

describe('offline', () => {
	it('starts, boots the engine and works after one visit, with the network off and the server stopped', async () => {
		if (!site || !browser) throw new Error('The site or the browser did not start.');
		const { context } = browser;
		const origin = site.url;
		const log = new RequestLog(context);
		const loads = watchLoads(context);
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));

		// One visit, online: the service worker installs (storing the shell and the engine) and
		// takes control of the page.
		await openApp(page, origin);
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
			timeout: ENGINE_TIMEOUT
		});

		// No network: the browser is offline and nothing listens on the site's address any more.
		loads.offline = true;
		await context.setOffline(true);
		await site.close();
		site = undefined;
		await expect(fetch(origin)).rejects.toThrow();

		// The app starts again from the cache and its engine boots.
		const reload = await page.reload();
		expect(reload?.fromServiceWorker()).toBe(true);
		await engineReady(page);

		// Real work: the demo is generated, its sources listed with their rows.
		await page.getByRole('navigation').getByRole('link', { name: 'Sources' }).click();
		await loadDemo(page, 1000);
		await expect(page.getByTestId('notice').textContent()).resolves.toMatch(
			/Demo loaded: \d+ sources/
		);
		await sourceRows(page).first().waitFor();
		const demoSources = await sourceRows(page).count();
		expect(demoSources).toBeGreaterThan(1);
		const firstSourceRows = await sourceRows(page).first().locator('td.num').first().textContent();
		expect(Number(firstSourceRows?.replaceAll(',', ''))).toBeGreaterThan(0);

		// A ZSTD-compressed Parquet file is read and imported, all its rows counted.
		await page.getByTestId('file-input').setInputFiles({
			name: 'orders.parquet',
			mimeType: 'application/octet-stream',
			buffer: await parquetExport('zstd')
		});
		await page.getByText('3,000 rows in 1 row group').waitFor({ timeout: ENGINE_TIMEOUT });
		await page.getByTestId('import-confirm').click();
		await page.getByTestId('notice').filter({ hasText: 'Imported 3,000 rows' }).waitFor();
		await expect(ordersRowCount(page)).resolves.toBe('3,000');
		await expect(sourceRows(page).count()).resolves.toBe(demoSources + 1);

		// Another area, then a page opened by its address: both served with no network.
		await page.getByRole('navigation').getByRole('link', { name: 'Quality' }).click();
		await page.getByRole('heading', { level: 1, name: 'Quality' }).waitFor();
		const workspace = await page.goto(`${origin}/workspace`);
		expect(workspace?.fromServiceWorker()).toBe(true);
		await engineReady(page);
		await page.getByRole('navigation').getByRole('link', { name: 'Sources' }).click();
		await expect(ordersRowCount(page)).resolves.toBe('3,000');
		await expect(sourceRows(page).count()).resolves.toBe(demoSources + 1);

		// Everything loaded offline came from the cache, including engine code first needed offline.
		const answered = [...loads.answered];
		expect(answered.filter(([, by]) => by !== 'cache')).toEqual([]);
		const firstNeededOffline = answered
			.map(([url]) => url)
			.filter((url) => !loads.online.has(url) && url.includes('/_app/immutable/workers/'));
		expect(firstNeededOffline).not.toEqual([]);
		expect(errors).toEqual([]);
		expect(log.offOrigin(origin)).toEqual([]);
	});
});
