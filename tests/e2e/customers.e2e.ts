// The 360° view in a real browser, on the demo retailer: identity resolved on the Identity page,
// the Customers area builds the 360° view by itself, a customer is searched by name, and their
// page shows the key figures, the cross-channel timeline, the golden record and the identities
// of every source record; the table is exported as CSV. A reload shows the same build without rebuilding it.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp } from './support/app';
import { openResolvedDemo } from './support/demo-session';
import { closeSession, type Session } from './support/session';
import type { Site } from './support/site';

let session: Session | undefined;
let site: Site;
let page: Page;
let errors: string[];

beforeAll(async () => {
	session = await openResolvedDemo();
	({ page, site, pageErrors: errors } = session);
});

afterAll(() => closeSession(session));

async function customerCount(): Promise<number> {
	const text = await page.getByTestId('customer-count').locator('strong').innerText();
	return Number(text.replace(/[^0-9]/g, ''));
}

describe('the customers area', () => {
	let buildSummary = '';

	it('builds the 360° view by itself and lists every customer, biggest spenders first', async () => {
		await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
		await page.getByTestId('customer-count').waitFor({ timeout: 120_000 });
		expect(await customerCount()).toBeGreaterThan(500);
		buildSummary = await page.getByTestId('c360-build').locator('summary').innerText();
		expect(buildSummary).toMatch(/Built .* as of \d{4}-\d{2}-\d{2}/);
		expect(buildSummary).toMatch(/events linked/);
		const rows = page.getByTestId('customer-table').locator('.spacer [role="row"]');
		await rows.first().locator('a').waitFor({ timeout: 30_000 });
		// Rows are windowed: far fewer in the page than customers.
		expect(await rows.count()).toBeLessThan(100);
	});

	it('finds a customer by name and narrows the count', async () => {
		const all = await customerCount();
		const first = page.getByTestId('customer-table').locator('.spacer [role="row"]').first();
		const cells = await first.locator('[role="gridcell"]').allInnerTexts();
		const lastName = cells[2]?.trim() ?? '';
		expect(lastName.length).toBeGreaterThan(1);
		await page.getByTestId('customers-search').fill(lastName);
		await page
			.getByTestId('customer-count')
			.locator('strong')
			.filter({ hasNotText: new RegExp(`^${all.toLocaleString('en-US')}$`) })
			.waitFor({ timeout: 30_000 });
		const found = await customerCount();
		expect(found).toBeGreaterThanOrEqual(1);
		expect(found).toBeLessThan(all);
		const hit = page.getByTestId('customer-table').locator('.spacer [role="row"]').first();
		await expect(hit.innerText()).resolves.toContain(lastName);
		await hit.locator('a').click();
		await page.getByTestId('customer-kpis').waitFor({ timeout: 30_000 });
		expect(page.url()).toMatch(/\/customers\/C[0-9A-F]+$/);
		const title = await page.getByRole('heading', { level: 1 }).innerText();
		expect(title).toContain(lastName);
	});

	it("shows the customer's timeline, events, golden record and identities", async () => {
		const kpis = await page.getByTestId('customer-kpis').innerText();
		expect(kpis).toMatch(/Revenue/);
		expect(kpis).toMatch(/Orders/);
		const timeline = page.getByTestId('customer-timeline');
		await timeline.locator('svg circle').first().waitFor({ timeout: 30_000 });
		expect(await timeline.locator('svg circle').count()).toBeGreaterThan(0);
		expect(await page.getByTestId('customer-events').locator('tbody tr').count()).toBeGreaterThan(
			0
		);
		const golden = await page.getByTestId('customer-golden').innerText();
		expect(golden).toMatch(/Last name/);
		const records = page.getByTestId('customer-records').locator('li');
		expect(await records.count()).toBeGreaterThanOrEqual(1);
		await expect(records.first().innerText()).resolves.toMatch(/CRM contacts|E-shop accounts/);
		const why = page.getByRole('link', { name: 'Why these records?' });
		expect(await why.getAttribute('href')).toMatch(/\/identity\/customers\/C[0-9A-F]+$/);
	});

	it('exports every customer with the shown columns as CSV', async () => {
		await page.getByRole('link', { name: 'All customers' }).click();
		await page.getByTestId('customer-count').waitFor({ timeout: 60_000 });
		await page.getByTestId('customers-search').fill('');
		// The export holds every customer, whatever the search: wait for the table to say so too.
		await page.waitForFunction(
			() =>
				Number(
					document
						.querySelector('[data-testid="customer-count"] strong')
						?.textContent?.replace(/[^0-9]/g, '')
				) > 500,
			undefined,
			{ timeout: 30_000 }
		);
		const total = await customerCount();
		const [download] = await Promise.all([
			page.waitForEvent('download', { timeout: 60_000 }),
			page.getByTestId('export-csv').click()
		]);
		expect(download.suggestedFilename()).toMatch(/^customers-360-\d{4}-\d{2}-\d{2}\.csv$/);
		const path = await download.path();
		const text = readFileSync(path, 'utf8');
		const lines = text
			.replace(/^\uFEFF/, '')
			.trimEnd()
			.split('\r\n');
		expect(lines[0]).toMatch(/^customer_id,first_name,last_name,email/);
		// One line per customer (no cell of the demo holds a line break).
		expect(lines.length).toBe(total + 1);
	});

	it('keeps the build across a reload, without rebuilding', async () => {
		await openApp(page, site.url, '/customers');
		await page.getByTestId('customer-count').waitFor({ timeout: 60_000 });
		const summary = await page.getByTestId('c360-build').locator('summary').innerText();
		expect(summary).toBe(buildSummary);
		expect(await page.getByTestId('c360-stale').count()).toBe(0);
		expect(errors).toEqual([]);
	});
});
