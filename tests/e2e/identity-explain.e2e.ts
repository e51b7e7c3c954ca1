// Explaining and correcting a customer in a real browser, on the demo retailer: identity run from
// the Identity page, a customer found by name, its records side by side with the shared values
// marked, a pair's match-weight waterfall, a "not the same person" decision saved for the next
// run, and a clear message for an id no customer has.
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

describe('explaining a customer', () => {
	it('finds customers by name and opens one with several records', async () => {
		await openApp(page, site.url, '/identity/customers');
		await page.getByTestId('customer-search').fill('marie');
		const hits = page.getByTestId('customer-hits').locator('li');
		await hits.first().waitFor({ timeout: 30_000 });
		expect(await hits.count()).toBeGreaterThan(1);
		const several = hits.filter({ hasText: /\b([2-9]|\d{2,}) records\b/ }).first();
		await several.getByRole('link').click();
		await page.getByTestId('records-side-by-side').waitFor({ timeout: 30_000 });
		expect(page.url()).toMatch(/\/identity\/customers\/C[0-9A-F]+$/);
	});

	it('shows the records side by side with the values they share', async () => {
		const table = page.getByTestId('records-side-by-side');
		const columns = await table.locator('thead th').count();
		expect(columns).toBeGreaterThanOrEqual(3);
		expect(await table.locator('td.agrees').count()).toBeGreaterThan(0);
		await expect(table.locator('tbody th').allInnerTexts()).resolves.toContain('Last name');
		const title = await page.getByRole('heading', { level: 1 }).innerText();
		expect(title.toLowerCase()).toContain('marie');
	});

	it('explains each pair with its reason and a match-weight waterfall', async () => {
		const pair = page.getByTestId('pair').first();
		await expect(pair.innerText()).resolves.toMatch(/Link: |Not a link/);
		const figure = pair.getByRole('img', { name: /^Match weight of / });
		await figure.locator('svg').first().waitFor();
		const chart = await figure.innerHTML();
		expect(chart).toContain('Prior (any two records)');
		expect(chart).toContain('Bits of match weight');
	});

	it('saves a "not the same person" decision for the next run', async () => {
		const pair = page.getByTestId('pair').first();
		await pair.getByRole('button', { name: 'Not the same person' }).click();
		const status = pair.getByTestId('decision-status');
		await status.filter({ hasText: 'Saved: Not the same person' }).waitFor({ timeout: 30_000 });
		await expect(status.innerText()).resolves.toMatch(/next identity run/);
		await expect(
			pair.getByRole('button', { name: 'Not the same person' }).getAttribute('aria-pressed')
		).resolves.toBe('true');
		await pair.getByRole('button', { name: 'Undo decision' }).waitFor();
	});

	it('says so when no customer has the id', async () => {
		await openApp(page, site.url, '/identity/customers/CNOSUCHCUSTOMER');
		const unknown = page.getByTestId('customer-unknown');
		await unknown.waitFor({ timeout: 30_000 });
		await expect(unknown.innerText()).resolves.toMatch(/No customer CNOSUCHCUSTOMER/);
		expect(errors).toEqual([]);
	});
});
