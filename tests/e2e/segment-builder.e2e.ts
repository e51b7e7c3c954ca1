// The segment builder in a real browser, on the demo retailer with identity resolved and the
// 360° view built: a marketer builds a two-group segment — group 1 (AND) on an attribute, group 2
// (OR) on a behaviour and another attribute — and the live audience follows every edit within
// plausible bounds; a bad value is reported on its condition; the segment is saved with a name,
// a reload of the address reopens it with the same rule and count, and the Segments list finds
// it with that count and exports its members as a CSV file of exactly those customers.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp } from './support/app';
import { openBuiltDemo } from './support/demo-session';
import { closeSession, type Session } from './support/session';
import type { Site } from './support/site';

let session: Session | undefined;
let site: Site;
let page: Page;
let errors: string[];

beforeAll(async () => {
	session = await openBuiltDemo();
	({ page, site, pageErrors: errors } = session);
});

afterAll(() => closeSession(session));

const audience = () => page.getByTestId('audience');
const label = (name: string) => page.getByLabel(name, { exact: true });

/** How many answers the audience panel has shown so far. */
async function answers(): Promise<number> {
	return Number(await audience().getAttribute('data-answers'));
}

/** Waits for the panel to show an answer newer than `before`, counted or with problems. */
async function answered(before: number): Promise<void> {
	await page.waitForFunction(
		(b) => {
			const panel = document.querySelector<HTMLElement>('[data-testid="audience"]');
			const state = panel?.dataset.state;
			return Number(panel?.dataset.answers) > b && (state === 'ready' || state === 'invalid');
		},
		before,
		{ timeout: 30_000 }
	);
}

async function count(): Promise<number> {
	return Number(await page.getByTestId('audience-count').getAttribute('data-count'));
}

/** Does one edit, waits for its count and returns it. */
async function edit(action: () => Promise<unknown>): Promise<number> {
	const before = await answers();
	await action();
	await answered(before);
	expect(await audience().getAttribute('data-state')).toBe('ready');
	return count();
}

describe('the segment builder', () => {
	let total = 0;
	let inGroup1 = 0;
	let recentBuyers = 0;
	let final = 0;
	let url = '';

	it('starts a new segment with every customer in the audience', async () => {
		await openApp(page, site.url, '/segments/edit');
		await page.locator('[data-testid="audience"][data-state="ready"]').waitFor({ timeout: 60_000 });
		total = await count();
		expect(total).toBeGreaterThan(500);
		expect(await page.getByTestId('audience-share').innerText()).toBe('100.0%');
		expect(await page.getByTestId('revenue-share').innerText()).toBe('100.0%');
		expect(await page.getByTestId('as-of').innerText()).toMatch(/count from \d{4}-\d{2}-\d{2}/);
		expect(await page.getByTestId('rule-group').count()).toBe(1);
	});

	it('narrows the audience with group 1: an attribute condition', async () => {
		const withOrders = await edit(() =>
			page.getByRole('button', { name: 'Add a group to the top group', exact: true }).click()
		);
		expect(await page.getByTestId('rule-group').count()).toBe(2);
		expect(withOrders).toBeGreaterThan(0);
		expect(withOrders).toBeLessThanOrEqual(total);
		inGroup1 = await edit(() => label('Value of condition 1 of group 1').fill('2'));
		expect(inGroup1).toBeGreaterThan(0);
		expect(inGroup1).toBeLessThan(withOrders);
		const share = Number(await page.getByTestId('audience-share').getAttribute('data-share'));
		expect(share).toBeCloseTo(inGroup1 / total, 6);
		const summary = page.getByTestId('rule-condition').first().locator('.summary');
		expect(await summary.innerText()).toBe('Orders ≥ 2');
	});

	it('adds group 2 (OR) with a behaviour condition: purchased at least twice in 365 days', async () => {
		// Orders ≥ 1 in a second group changes nothing: every customer of group 1 has orders.
		const addGroup = page.getByRole('button', {
			name: 'Add a group to the top group',
			exact: true
		});
		expect(await edit(() => addGroup.click())).toBe(inGroup1);
		const join = page.getByRole('group', { name: 'Join the conditions of group 2 with' });
		expect(await edit(() => join.getByRole('button', { name: /^OR/ }).click())).toBe(inGroup1);
		expect(await page.getByTestId('rule-group').nth(2).getAttribute('data-combinator')).toBe('or');
		await edit(() => label('What condition 1 of group 2 tests').selectOption('behaviour'));
		await edit(() => label('Times of condition 1 of group 2').fill('2'));
		await edit(() => label('Window of condition 1 of group 2').selectOption('last-days'));
		recentBuyers = await edit(() => label('Days of condition 1 of group 2').fill('365'));
		expect(recentBuyers).toBeGreaterThan(0);
		expect(recentBuyers).toBeLessThanOrEqual(inGroup1);
		const summary = page.getByTestId('rule-condition').nth(1).locator('.summary');
		expect(await summary.innerText()).toBe('Purchases at least 2 times, in the last 365 days');
	});

	it('widens group 2 with another condition, picked from the field search', async () => {
		await edit(() =>
			page.getByRole('button', { name: 'Add a condition to group 2', exact: true }).click()
		);
		await page.getByRole('button', { name: /^Field of condition 2 of group 2: / }).click();
		await page.getByTestId('field-search').fill('revenue 12');
		const option = page.getByRole('option', { name: 'Revenue, last 12 months', exact: true });
		await edit(() => option.click());
		final = await edit(() => label('Value of condition 2 of group 2').fill('500'));
		// OR widens group 2; group 1 still bounds the audience.
		expect(final).toBeGreaterThanOrEqual(recentBuyers);
		expect(final).toBeLessThanOrEqual(inGroup1);
		expect(await page.getByTestId('rule-condition').count()).toBe(3);
	});

	it('reports a bad value on its condition, and counts again once it is fixed', async () => {
		const before = await answers();
		await label('Times of condition 1 of group 2').fill('-1');
		await answered(before);
		expect(await audience().getAttribute('data-state')).toBe('invalid');
		const condition = page.getByRole('article', { name: 'Condition 1 of group 2', exact: true });
		expect(await condition.getByTestId('condition-problem').innerText()).toMatch(
			/whole number, 0 or more/
		);
		expect(await page.getByTestId('rule-problems').innerText()).toMatch(/^Condition 1 of group 2/);
		expect(await edit(() => label('Times of condition 1 of group 2').fill('2'))).toBe(final);
		expect(await page.getByTestId('rule-problems').count()).toBe(0);
	});

	it('lists the first members, each linking to the customer', async () => {
		const preview = page.locator('[data-testid="member-preview"][data-state="current"]');
		await preview.waitFor({ timeout: 30_000 });
		const rows = preview.locator('tbody tr');
		expect(await rows.count()).toBe(Math.min(final, 50));
		const link = rows.first().locator('a');
		expect(await link.getAttribute('href')).toMatch(/\/customers\/C[0-9A-F]+$/);
	});

	it('saves the segment with a name, and puts its id in the address', async () => {
		await page.getByTestId('segment-name').fill('Repeat buyers, recent or big spenders');
		await page.getByTestId('save-segment').click();
		await page.waitForURL(/\/segments\/edit\?id=[\w-]+$/, { timeout: 10_000 });
		await page.getByTestId('save-state').filter({ hasText: 'Saved' }).waitFor();
		url = page.url();
		expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
			'Repeat buyers, recent or big spenders'
		);
	});

	it('reopens the saved segment on reload, with the same rule and count', async () => {
		await page.goto(url);
		await page.locator('[data-testid="audience"][data-state="ready"]').waitFor({ timeout: 60_000 });
		expect(await count()).toBe(final);
		expect(await page.getByTestId('segment-name').inputValue()).toBe(
			'Repeat buyers, recent or big spenders'
		);
		expect(await page.getByTestId('rule-group').count()).toBe(3);
		expect(await page.getByTestId('rule-condition').count()).toBe(3);
		expect(await label('Times of condition 1 of group 2').inputValue()).toBe('2');
		expect(await page.getByTestId('save-state').innerText()).toBe('No changes');
		expect(errors).toEqual([]);
	});

	it('is found in the Segments list with its count, and exports its members as CSV', async () => {
		await page.getByRole('link', { name: /Back to segments/ }).click();
		const row = page
			.getByTestId('saved-segment')
			.filter({ hasText: 'Repeat buyers, recent or big spenders' });
		await row
			.locator('[data-testid="segment-count"][data-count]:not([data-count=""])')
			.waitFor({ timeout: 60_000 });
		expect(Number(await row.getByTestId('segment-count').getAttribute('data-count'))).toBe(final);
		await row.getByTestId('export-segment').click();
		const dialog = page.getByTestId('export-dialog');
		await dialog.locator('input[value="email"]').waitFor({ timeout: 30_000 });
		await dialog.getByTestId('export-format').selectOption('csv');
		await dialog.getByRole('button', { name: 'None' }).click();
		await dialog.locator('input[value="email"]').check();
		await dialog.locator('input[value="orders"]').check();
		const [file] = await Promise.all([
			page.waitForEvent('download', { timeout: 60_000 }),
			dialog.getByTestId('download-export').click()
		]);
		expect(file.suggestedFilename()).toMatch(
			/^segment-repeat-buyers-recent-or-big-spenders-\d{4}-\d{2}-\d{2}\.csv$/
		);
		const lines = readFileSync(await file.path(), 'utf8')
			.replace(/^\uFEFF/, '')
			.trimEnd()
			.split('\r\n');
		expect(lines[0]).toBe('customer_id,email,orders');
		expect(lines.length - 1).toBe(final);
		// Group 1 asks for two orders or more: every exported member has them.
		for (const line of lines.slice(1)) {
			expect(Number(line.split(',').at(-1))).toBeGreaterThanOrEqual(2);
		}
		expect(new Set(lines.slice(1).map((line) => line.split(',')[0])).size).toBe(final);
		expect(errors).toEqual([]);
	});
});
