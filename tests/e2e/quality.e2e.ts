// The Quality area in a real browser, on the demo retailer: contactability with its chart,
// invalid values with examples, duplicates, overlaps between sources and junk identifiers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openDemo } from './support/demo-session';
import { closeSession, type Session } from './support/session';

let session: Session | undefined;
let page: Page;
let errors: string[];

beforeAll(async () => {
	session = await openDemo('loaded');
	({ page, pageErrors: errors } = session);
	await page.getByRole('navigation').getByRole('link', { name: 'Quality' }).click();
	await page.getByTestId('contactability-overall').waitFor({ timeout: 60_000 });
});

afterAll(() => closeSession(session));

describe('quality of the demo sources', () => {
	it('shows contactability overall and per source as a chart', async () => {
		const overall = await page.getByTestId('contactability-overall').innerText();
		expect(overall).toMatch(/Profiles\s+[\d,]+/);
		expect(overall).toMatch(/E-mail\s+\d+\.\d%/);
		const chart = page.getByRole('img', { name: 'Contactability per source' }).locator('svg');
		await expect(chart.count()).resolves.toBeGreaterThan(0);
		const figure = page.getByRole('img', { name: 'Contactability per source' });
		expect(await figure.innerHTML()).toContain('CRM contacts');
	});

	it('lists invalid values with examples', async () => {
		const rows = page.getByTestId('validity-table').locator('tbody tr');
		expect(await rows.count()).toBeGreaterThan(5);
		const phone = rows.filter({ hasText: 'Téléphone' });
		expect(
			Number((await phone.locator('td').nth(4).innerText()).replace(/,/g, ''))
		).toBeGreaterThan(0);
	});

	it('warns about junk identifiers such as test@test.com', async () => {
		await expect(page.getByTestId('junk').innerText()).resolves.toMatch(
			/test@test\.com|0000000000/
		);
	});

	it('shows the e-mails shared between sources', async () => {
		const chart = page.getByRole('img', { name: 'E-mails shared between sources' }).locator('svg');
		await expect(chart.count()).resolves.toBeGreaterThan(0);
		expect(errors).toEqual([]);
	});
});
