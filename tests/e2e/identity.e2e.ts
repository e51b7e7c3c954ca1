// The Identity area in a real browser, on the small demo retailer: run identity resolution and
// read records → customers and the threshold explorer; switch a rule off and see the customers
// marked stale, re-run; label review pairs with the keyboard and see the labels counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { JOB_TIMEOUT, jobDone } from './support/app';
import { openDemo } from './support/demo-session';
import { closeSession, type Session } from './support/session';

/** A small verified list: the person behind each record is known. */
const VERIFIED = [
	'email,first_name,last_name,birth_date,person',
	'ana.lopez@example.org,Ana,Lopez,1980-02-11,P1',
	'ana.lopez@example.org,Ana,López,1980-02-11,P1',
	'bruno.martin@example.org,Bruno,Martin,1975-07-30,P2',
	'b.martin@example.org,Bruno,Martin,1975-07-30,P2',
	'chloe.petit@example.org,Chloé,Petit,1991-12-03,P3',
	'chloe.petit@example.org,Chloe,Petit,1991-12-03,P3'
].join('\n');

let session: Session | undefined;
let page: Page;
let errors: string[];

const countsIn = (text: string) =>
	[...text.matchAll(/[\d,]+/g)].map((m) => Number(m[0].replace(/,/g, '')));

beforeAll(async () => {
	session = await openDemo('loaded');
	({ page, pageErrors: errors } = session);
	await page.getByRole('navigation').getByRole('link', { name: 'Identity' }).click();
	await page.getByTestId('run-identity').waitFor({ timeout: 60_000 });
});

afterAll(() => closeSession(session));

describe('identity resolution of the demo sources', () => {
	it('runs and shows records in, customers out, per source, and the threshold explorer', async () => {
		await expect(page.getByTestId('panel-not-run').innerText()).resolves.toContain(
			'has not run yet'
		);
		await page.getByTestId('run-identity').click();
		const headline = page.getByTestId('identity-headline');
		await headline.waitFor({ timeout: JOB_TIMEOUT });
		await jobDone(page);
		const text = await headline.innerText();
		expect(text).toMatch(/^[\d,]+ records → [\d,]+ customers$/);
		const [records = 0, customers = 0] = countsIn(text);
		expect(records).toBeGreaterThan(1000);
		expect(customers).toBeGreaterThan(500);
		expect(customers).toBeLessThan(records);

		expect(await page.getByTestId('identity-sources').locator('tbody tr').count()).toBeGreaterThan(
			1
		);
		await expect(page.getByTestId('identity-links').innerText()).resolves.toContain(
			'Same e-mail and first name'
		);
		const explorer = page.getByRole('img', { name: 'Customers by match threshold' });
		expect(await explorer.locator('svg').count()).toBeGreaterThan(0);
		expect(await explorer.innerHTML()).toContain('threshold 0.5');
		expect(await page.getByTestId('model-parameters').locator('tbody tr').count()).toBeGreaterThan(
			10
		);
		expect(await page.getByTestId('identity-stale').count()).toBe(0);
	});

	it('marks the customers stale when a rule is switched off, and re-runs', async () => {
		await page.getByLabel('Use rule Same loyalty card').uncheck();
		const stale = page.getByTestId('identity-stale');
		await stale.waitFor();
		await expect(stale.innerText()).resolves.toContain('The identity settings changed.');

		await stale.getByRole('button', { name: 'Re-run' }).click();
		await stale.waitFor({ state: 'detached', timeout: JOB_TIMEOUT });
		await jobDone(page);
		await expect(page.getByTestId('identity-links').innerText()).resolves.not.toContain(
			'Same loyalty card'
		);
		await expect(page.getByLabel('Use rule Same loyalty card').isChecked()).resolves.toBe(false);
	});

	it('labels review pairs with the keyboard and counts the labels', async () => {
		const pair = page.getByTestId('review-pair');
		await pair.waitFor();
		const labelled = page.getByTestId('labelled-same');
		const before = Number(await labelled.innerText());
		const first = await pair.locator('thead').innerText();

		// Out of any field, so the keys are shortcuts.
		await page.getByRole('heading', { name: 'Review queue' }).click();
		await page.keyboard.press('s');
		await labelled.filter({ hasText: new RegExp(`^${before + 1}$`) }).waitFor();
		await page.getByTestId('undo-label').filter({ hasText: 'same person' }).waitFor();
		const second = await pair.locator('thead').innerText();
		expect(second).not.toBe(first);

		await page.keyboard.press('k');
		await expect.poll(() => pair.locator('thead').innerText()).not.toBe(second);
		await page.keyboard.press('n');
		await page.getByTestId('undo-label').filter({ hasText: 'not the same' }).waitFor();
		expect(Number(await labelled.innerText())).toBe(before + 1);
		expect(await page.getByTestId('label-precision').innerText()).toMatch(/^(—|\d+\.\d%)$/);
	});

	it('marks the customers stale when a source is added, and measures them against its truth', async () => {
		await page.getByRole('navigation').getByRole('link', { name: 'Sources' }).click();
		await page.getByTestId('file-input').setInputFiles({
			name: 'verified.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(VERIFIED)
		});
		await page.getByTestId('import-confirm').click();
		await page.getByTestId('notice').filter({ hasText: 'Imported 6 rows' }).waitFor();
		await page.getByRole('navigation').getByRole('link', { name: 'Identity' }).click();
		const stale = page.getByTestId('identity-stale');
		await stale.filter({ hasText: 'was added' }).waitFor();
		await stale.getByRole('button', { name: 'Re-run' }).click();
		await stale.waitFor({ state: 'detached', timeout: JOB_TIMEOUT });
		await jobDone(page);

		await page.getByTestId('truth-source').selectOption({ label: 'Verified' });
		await page.getByTestId('truth-column').selectOption('person');
		await page.getByRole('button', { name: 'Use as truth' }).click();
		const accuracy = page.getByTestId('truth-accuracy');
		await accuracy.waitFor();
		const text = await accuracy.innerText();
		expect(text).toMatch(/Precision\s+\d+\.\d%/);
		expect(text).toMatch(/Recall\s+\d+\.\d%/);
		expect(text).toMatch(/F1\s+\d+\.\d%/);
		// Three true pairs among the six records (Ana twice, Bruno twice, Chloé twice).
		expect(text).toMatch(/true \/ found \/ right\s+3 \//);
		expect(errors).toEqual([]);
	});
});
