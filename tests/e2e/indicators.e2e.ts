// The Indicators area in a real browser, on the demo retailer: once the 360° view is built, the
// area computes the indicators by itself; the RFM grid, the segments, the fitted models and the
// charts are shown; a cell opens into its customers, saved as a segment that the Segments area
// lists after a reload; a change of the RFM method makes the indicators stale until recomputed;
// the lifecycle shift counts every customer once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { RFM_SEGMENTS } from '../../src/lib/core/indicators/rfm-segments';
import { jobDone, openApp } from './support/app';
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

const number = (text: string) => Number(text.replace(/[^0-9.-]/g, ''));

/** Customers per RFM cell, keyed "r|f", as the grid shows them. */
async function gridCounts(): Promise<Map<string, number>> {
	const cells = await page
		.getByTestId('rfm-cell')
		.evaluateAll((nodes) =>
			nodes.map((n) => [
				`${n.getAttribute('data-r')}|${n.getAttribute('data-f')}`,
				Number(n.getAttribute('data-customers'))
			])
		);
	return new Map(cells as [string, number][]);
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

const sameCounts = (a: Map<string, number>, b: Map<string, number>) =>
	a.size === b.size && [...a].every(([key, n]) => b.get(key) === n);

/** The customers and buyers of the summary line ("… 1,234 customers, 987 with a purchase"). */
async function summaryCounts(): Promise<{ customers: number; buyers: number }> {
	const [customers, buyers] = await page
		.getByTestId('indicators-summary')
		.locator('strong')
		.allInnerTexts()
		.then((texts) => texts.slice(1).map(number));
	return { customers: customers ?? NaN, buyers: buyers ?? NaN };
}

describe('the indicators area', () => {
	let buyers = 0;
	let customers = 0;

	it('computes the indicators by itself once the 360° view is built', async () => {
		await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
		await page.getByTestId('customer-count').waitFor({ timeout: 120_000 });
		await page.getByRole('navigation').getByRole('link', { name: 'Indicators' }).click();
		await page.getByTestId('indicators-summary').waitFor({ timeout: 120_000 });
		await jobDone(page);
		expect(await page.getByTestId('indicators-stale').count()).toBe(0);
		({ customers, buyers } = await summaryCounts());
		expect(customers).toBeGreaterThan(500);
		expect(buyers).toBeGreaterThan(100);
		expect(buyers).toBeLessThanOrEqual(customers);
	});

	it('shows an RFM grid whose cells add up to the scored customers', async () => {
		const counts = await gridCounts();
		expect(counts.size).toBe(25);
		expect(sum(counts.values())).toBe(buyers);
		const scored = await page.getByTestId('rfm-note').locator('strong').innerText();
		expect(number(scored)).toBe(buyers);
		// Quintiles spread the customers: recency score 5 and score 1 both hold customers.
		const byRecency = (r: number) => sum([1, 2, 3, 4, 5].map((f) => counts.get(`${r}|${f}`) ?? 0));
		expect(byRecency(5)).toBeGreaterThan(0);
		expect(byRecency(1)).toBeGreaterThan(0);
	});

	it('lists the named segments with their customers', async () => {
		const rows = page.getByTestId('rfm-segments').locator('tbody tr');
		const names = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-segment')));
		expect(names.length).toBeGreaterThanOrEqual(4);
		for (const name of names) expect(RFM_SEGMENTS as readonly (string | null)[]).toContain(name);
		const counts = await page.getByTestId('segment-customers').allInnerTexts();
		expect(sum(counts.map(number))).toBe(buyers);
	});

	it('shows the fitted purchase (MBG/NBD) and Gamma-Gamma parameters', async () => {
		const params = async (testid: string) =>
			Object.fromEntries(
				(await page
					.getByTestId(testid)
					.getByTestId('model-param')
					.evaluateAll((dds) =>
						dds.map((d) => [d.getAttribute('data-name'), Number(d.getAttribute('data-value'))])
					)) as [string, number][]
			);
		const purchase = await params('purchase-model-fit');
		expect(Object.keys(purchase).sort()).toEqual(['a', 'alpha', 'b', 'r']);
		for (const value of Object.values(purchase)) {
			expect(Number.isFinite(value)).toBe(true);
			expect(value).toBeGreaterThan(0);
		}
		const spend = await params('spend-model-fit');
		expect(Object.keys(spend).sort()).toEqual(['p', 'q', 'v']);
		for (const value of Object.values(spend)) expect(Number.isFinite(value)).toBe(true);
		const fit = await page.getByTestId('purchase-model-fit').innerText();
		expect(fit).toMatch(/Log-likelihood -\d/);
	});

	it('draws the distributions and the model check as charts', async () => {
		for (const id of ['churn-chart', 'clv-chart', 'propensity-chart']) {
			const bars = page.getByTestId(id).locator('svg rect');
			await bars.first().waitFor({ timeout: 30_000 });
			expect(await bars.count()).toBeGreaterThan(3);
		}
		const models = page.getByTestId('indicator-models');
		const check =
			(await models.getByTestId('fit-periods').count()) > 0
				? models.getByTestId('fit-periods').locator('svg path')
				: models.getByTestId('diagnostics-note');
		expect(await check.count()).toBeGreaterThan(0);
		await page.getByTestId('churn-by-segment').check();
		const legend = page.getByTestId('churn-chart').locator('[class$="-swatch"]');
		await legend.first().waitFor({ timeout: 10_000 });
		expect(await legend.count()).toBeGreaterThanOrEqual(4);
	});

	let savedName = '';

	it('opens a cell into its customers and saves them as a segment', async () => {
		const counts = await gridCounts();
		const [key, expected] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
		const [r, f] = key.split('|');
		await page.locator(`[data-testid="rfm-cell"][data-r="${r}"][data-f="${f}"]`).click();
		const members = page.getByTestId('indicator-members');
		const count = members.getByTestId('members-count');
		await count.waitFor({ timeout: 30_000 });
		expect(Number(await count.getAttribute('data-total'))).toBe(expected);
		expect(await members.locator('tbody tr').count()).toBe(Math.min(expected, 100));
		const link = members.locator('tbody tr a').first();
		expect(await link.getAttribute('href')).toMatch(/\/customers\/C[0-9A-F]+$/);
		const name = members.getByLabel('Segment name');
		savedName = await name.inputValue();
		expect(savedName).toMatch(new RegExp(`^RFM: .+ \\(R${r} F${f}\\)$`));
		await members.getByRole('button', { name: 'Save as segment' }).click();
		await members.getByTestId('segment-saved').waitFor({ timeout: 10_000 });
	});

	it('lists the saved segment in Segments after a reload', async () => {
		await openApp(page, site.url, '/segments');
		const row = page.getByTestId('saved-segment').filter({ hasText: savedName });
		await row.waitFor({ timeout: 10_000 });
		expect(await row.innerText()).toMatch(/Recency \d · frequency \d/);
	});

	it('is stale after the RFM method changes, and recomputes into another grid', async () => {
		await openApp(page, site.url, '/indicators');
		await page.getByTestId('indicators-summary').waitFor({ timeout: 60_000 });
		expect(await page.getByTestId('indicators-stale').count()).toBe(0);
		const before = await gridCounts();
		await page.getByTestId('indicator-settings').locator('summary').click();
		await page.getByTestId('rfm-method').selectOption('thresholds');
		const stale = page.getByTestId('indicators-stale');
		await stale.waitFor({ timeout: 10_000 });
		expect(await stale.innerText()).toContain('The indicator settings changed.');
		expect(await page.getByTestId('rfm-cuts').locator('input').count()).toBe(12);
		await stale.getByRole('button', { name: 'Recompute' }).click();
		await stale.waitFor({ state: 'detached', timeout: 120_000 });
		await jobDone(page);
		await page.waitForFunction(
			() => document.querySelector('[data-testid="rfm-note"]')?.textContent?.includes('thresholds'),
			undefined,
			{ timeout: 30_000 }
		);
		// The grid is read again once the new build's charts arrive: until then it is absent.
		await expect
			.poll(
				async () => {
					const after = await gridCounts();
					return { scored: sum(after.values()), changed: !sameCounts(after, before) };
				},
				{ timeout: 30_000 }
			)
			.toEqual({ scored: buyers, changed: true });
	});

	it('counts every customer once in the lifecycle shift, and opens a cell into its movers', async () => {
		const section = page.getByTestId('lifecycle-shift');
		const cells = section.getByTestId('shift-cell');
		await cells.first().waitFor({ timeout: 30_000 });
		const values = await cells.evaluateAll((nodes) =>
			nodes.map((n) => Number(n.getAttribute('data-customers')))
		);
		expect(sum(values)).toBe(customers);
		expect(number(await section.getByTestId('shift-total').innerText())).toBe(customers);
		const from = await section.getByTestId('shift-from').inputValue();
		const to = await section.getByTestId('shift-to').inputValue();
		expect(from < to).toBe(true);
		const biggest = Math.max(...values);
		await section
			.locator(`[data-testid="shift-cell"][data-customers="${biggest}"]`)
			.first()
			.click();
		const count = page.getByTestId('indicator-members').getByTestId('members-count');
		await count.waitFor({ timeout: 30_000 });
		expect(Number(await count.getAttribute('data-total'))).toBe(biggest);
		expect(errors).toEqual([]);
	});
});
