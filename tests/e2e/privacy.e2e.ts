// Privacy: a full user flow makes no request outside the page's origin, and the guard would see
// one if it happened. The "outsider" is a second server on loopback: a different origin that
// counts what reaches it, so a leak is observed on both ends.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AREAS } from '../../src/lib/areas';
import { launchBrowser, removeProfile } from './support/browser';
import { loadDemo, openApp, runIdentity } from './support/app';
import { RequestLog } from './support/request-log';
import { startSite, type Site } from './support/site';

let site: Site;
let outsider: Server;
let outsiderUrl = '';
let outsiderHits = 0;

beforeAll(async () => {
	site = await startSite();
	outsider = createServer((_req, res) => {
		outsiderHits++;
		res.setHeader('Access-Control-Allow-Origin', '*');
		res.end('leaked');
	});
	await new Promise<void>((resolve) => outsider.listen(0, '127.0.0.1', resolve));
	const address = outsider.address();
	// Same machine, another origin: "localhost" and another port.
	outsiderUrl = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
	await site.close();
	await new Promise((resolve) => outsider.close(resolve));
});

describe('privacy', () => {
	it('keeps every request of a full user flow on the page origin', async () => {
		const browser = await launchBrowser({ serviceWorkers: 'allow' });
		const log = new RequestLog(browser.context);
		try {
			const page = await browser.context.newPage();
			await openApp(page, site.url);
			await loadDemo(page, 1000);
			await page.goto(`${site.url}/sources`);
			await page.locator('[data-phase="ready"]').waitFor();
			await page.getByTestId('file-input').setInputFiles({
				name: 'contacts.csv',
				mimeType: 'text/csv',
				buffer: Buffer.from('email;first_name\nana@example.org;Ana\n')
			});
			await page.getByTestId('import-confirm').click();
			await page.getByTestId('notice').filter({ hasText: 'Imported 1 rows' }).waitFor();
			for (const area of AREAS) {
				await page.getByRole('navigation').getByRole('link', { name: area.label }).click();
				await page.getByRole('heading', { level: 1, name: area.label }).waitFor();
			}
			// Identity, the 360° view and a customer's page with its timeline.
			await runIdentity(page);
			await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
			const first = page.getByTestId('customer-table').locator('.spacer [role="row"] a').first();
			await first.click({ timeout: 120_000 });
			await page.getByTestId('customer-kpis').waitFor({ timeout: 30_000 });
			await page.goto(`${site.url}/workspace`);
			await page.getByTestId('persistence-detail').waitFor();
			await page.reload();
			await page.locator('[data-phase="ready"]').waitFor();

			expect(log.offOrigin(site.url)).toEqual([]);
			// The log sees what workers fetch (the engine's wasm is fetched by a nested worker):
			// an empty list above therefore covers the workers too.
			expect(log.urls.some((url) => url.endsWith('.wasm'))).toBe(true);
			expect(log.urls.some((url) => /duckdb-browser-(eh|mvp)\.worker/.test(url))).toBe(true);
		} finally {
			await browser.close();
			await removeProfile(browser.profileDir);
		}
	});

	it('catches a request to another origin when one is made', async () => {
		// The policy is bypassed here so the request really leaves: this proves the log would fail
		// the flow above if the app ever made such a request.
		const browser = await launchBrowser({ bypassCSP: true });
		const log = new RequestLog(browser.context);
		const before = outsiderHits;
		try {
			const page = await browser.context.newPage();
			await openApp(page, site.url);
			await page.evaluate(async (target) => {
				await fetch(`${target}/from-page`).catch(() => undefined);
			}, outsiderUrl);
			expect(log.offOrigin(site.url)).toEqual([`${outsiderUrl}/from-page`]);
			expect(outsiderHits).toBe(before + 1);
		} finally {
			await browser.close();
			await removeProfile(browser.profileDir);
		}
	});

	it('blocks requests to other origins from the page and from workers with its policy', async () => {
		const browser = await launchBrowser();
		const log = new RequestLog(browser.context);
		const before = outsiderHits;
		try {
			const page = await browser.context.newPage();
			await openApp(page, site.url);
			const outcome = await page.evaluate(async (target) => {
				const violations: string[] = [];
				document.addEventListener('securitypolicyviolation', (e) =>
					violations.push(e.violatedDirective)
				);
				const fromPage = await fetch(`${target}/from-page`).then(
					() => 'sent',
					() => 'blocked'
				);
				const image = await new Promise<string>((resolve) => {
					const img = new Image();
					img.onload = () => resolve('sent');
					img.onerror = () => resolve('blocked');
					img.src = `${target}/pixel.png`;
				});
				const script = `fetch(${JSON.stringify(`${target}/from-worker`)}).then(() => postMessage('sent'), () => postMessage('blocked'))`;
				const worker = new Worker(
					URL.createObjectURL(new Blob([script], { type: 'text/javascript' }))
				);
				const fromWorker = await new Promise<string>((resolve) => {
					worker.onmessage = (e) => resolve(String(e.data));
					worker.onerror = () => resolve('blocked');
				});
				await new Promise((resolve) => setTimeout(resolve, 200));
				return { fromPage, image, fromWorker, violations };
			}, outsiderUrl);
			expect(outcome).toMatchObject({
				fromPage: 'blocked',
				image: 'blocked',
				fromWorker: 'blocked'
			});
			expect(outcome.violations).toEqual(expect.arrayContaining(['connect-src', 'img-src']));
			expect(outsiderHits).toBe(before);
			expect(log.offOrigin(site.url).filter((url) => url.includes('/from-'))).toEqual([]);
		} finally {
			await browser.close();
			await removeProfile(browser.profileDir);
		}
	});
});
