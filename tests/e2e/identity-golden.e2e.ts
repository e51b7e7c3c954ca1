// The golden record in a real browser, on the small demo retailer: run identity resolution and
// read a sample of golden records linking to their customers; change the e-mail's survivorship
// (rule order, source priority and its source order) and see the customers marked stale; re-run;
// reload and find the changes kept; reset to the defaults.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { JOB_TIMEOUT, jobDone, runIdentity } from './support/app';
import { openDemo } from './support/demo-session';
import { closeSession, type Session } from './support/session';

let session: Session | undefined;
let page: Page;
let errors: string[];

const emailField = () => page.getByTestId('golden-field-email');
const rulesOf = (field = emailField()) =>
	field
		.getByRole('list', { name: 'Rules for E-mail', exact: true })
		.locator(':scope > li[data-rule]');
const ruleOrder = async () => rulesOf().evaluateAll((items) => items.map((li) => li.dataset.rule));
const sourceNames = () =>
	emailField()
		.getByRole('list', { name: 'Source order for E-mail', exact: true })
		.locator('.name')
		.allInnerTexts();

beforeAll(async () => {
	session = await openDemo('loaded');
	({ page, pageErrors: errors } = session);
	await runIdentity(page);
	await jobDone(page);
});

afterAll(() => closeSession(session));

describe('the golden record', () => {
	it('shows golden records of the run, most records first, each linking to its customer', async () => {
		const sample = page.getByTestId('golden-sample');
		await sample.waitFor();
		const rows = sample.locator('tbody tr');
		expect(await rows.count()).toBe(10);
		const records = (await sample.locator('tbody td:nth-child(6)').allInnerTexts()).map(Number);
		expect(records).toEqual([...records].sort((a, b) => b - a));
		expect(records[0]).toBeGreaterThan(1);
		const href = await rows.first().getByRole('link').getAttribute('href');
		expect(href).toMatch(/\/identity\/customers\/C[0-9A-F]+$/);
		await expect(page.getByTestId('golden-tie-break').innerText()).resolves.toMatch(
			/source order.*record id/
		);
	});

	it('marks the customers stale when the e-mail rules change', async () => {
		expect(await ruleOrder()).toEqual(['most_recent', 'most_frequent']);
		await emailField()
			.getByRole('button', { name: 'Move Most frequent up for E-mail', exact: true })
			.click();
		await expect.poll(ruleOrder).toEqual(['most_frequent', 'most_recent']);
		const stale = page.getByTestId('identity-stale');
		await stale.waitFor();
		await expect(stale.innerText()).resolves.toContain('The identity settings changed.');

		await emailField()
			.getByRole('button', { name: 'Add Source priority to E-mail', exact: true })
			.click();
		await expect.poll(ruleOrder).toEqual(['most_frequent', 'most_recent', 'source_priority']);
		const before = await sourceNames();
		expect(before.length).toBeGreaterThan(1);
		await emailField()
			.getByRole('button', { name: `Move ${before[1]} up for E-mail`, exact: true })
			.click();
		await expect.poll(sourceNames).toEqual([before[1], before[0], ...before.slice(2)]);
	});

	it('re-runs, and keeps the changes after a reload', async () => {
		const expected = await sourceNames();
		const stale = page.getByTestId('identity-stale');
		await stale.getByRole('button', { name: 'Re-run' }).click();
		await stale.waitFor({ state: 'detached', timeout: JOB_TIMEOUT });
		await jobDone(page);
		await page.getByTestId('golden-sample').waitFor();

		await page.reload();
		await page.locator('[data-phase="ready"]').waitFor({ timeout: 60_000 });
		await rulesOf().first().waitFor({ timeout: 60_000 });
		await page.getByTestId('golden-sample').waitFor({ timeout: 60_000 });
		expect(await ruleOrder()).toEqual(['most_frequent', 'most_recent', 'source_priority']);
		expect(await sourceNames()).toEqual(expected);
		expect(await page.getByTestId('identity-stale').count()).toBe(0);
	});

	it('resets to the defaults, which the last run then differs from', async () => {
		await page.getByRole('button', { name: 'Reset to defaults' }).click();
		await expect.poll(ruleOrder).toEqual(['most_recent', 'most_frequent']);
		await page.getByTestId('identity-stale').waitFor();
		await expect(
			page.getByRole('button', { name: 'Reset to defaults' }).isDisabled()
		).resolves.toBe(true);
		expect(errors).toEqual([]);
	});
});
