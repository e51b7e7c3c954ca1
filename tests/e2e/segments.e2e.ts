// The Segments area in a real browser, on the demo retailer with identity resolved and the 360°
// view built: segments come in through a definitions file (one bad entry is left out, saying
// why), each is counted; rename, duplicate and delete (with undo) survive a reload; the overlap
// matrix agrees with the counts (diagonal = sizes, symmetric, shared ≤ the smaller size) and the
// UpSet plot is drawn; the priority waterfall gives every customer one bucket, in any order; a
// segment's members export as CSV with the chosen columns (one line a member) and as a hashed
// audience (64-hex cells); its SQL is shown; the definitions file exported reads back the same.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseSegmentsJson } from '../../src/lib/core/segments/definition-json';
import { openApp } from './support/app';
import { openBuiltDemo } from './support/demo-session';
import { closeSession, type Session } from './support/session';
import type { Site } from './support/site';

let session: Session | undefined;
let site: Site;
let page: Page;
let errors: string[];
/** Customers of the 360° view, as the Customers area counts them. */
let customers = 0;

const group = (children: unknown[]) => ({
	kind: 'group',
	combinator: 'and',
	negate: false,
	children
});
const at = Date.UTC(2024, 0, 1);
const definition = (id: string, name: string, condition: unknown, age: number) => ({
	id,
	name,
	description: `Imported: ${name}`,
	colour: '#1b7f3b',
	createdAt: at + age,
	updatedAt: at + age,
	rule: group([condition])
});

const DEFINITIONS = {
	format: 'concord-segments',
	version: 1,
	segments: [
		definition(
			'orders-2',
			'Orders ≥ 2',
			{ kind: 'attribute', field: 'orders', operator: '>=', value: 2 },
			3
		),
		definition(
			'paris',
			'City is Paris',
			{ kind: 'attribute', field: 'city', operator: 'is', value: 'Paris' },
			2
		),
		definition(
			'recent',
			'Bought in the last 365 days',
			{
				kind: 'behaviour',
				event: 'purchase',
				eventType: null,
				where: [],
				count: 'at-least',
				times: 1,
				window: { kind: 'last-days', days: 365 }
			},
			1
		),
		definition('bad', 'Hand-edited', { kind: 'sql', text: 'DROP TABLE cc_customer_360' }, 0)
	]
};

beforeAll(async () => {
	session = await openBuiltDemo();
	({ page, site, pageErrors: errors } = session);
	customers = number(await page.getByTestId('customer-count').locator('strong').innerText());
});

afterAll(() => closeSession(session));

const number = (text: string) => Number(text.replace(/[^0-9.-]/g, ''));
const row = (id: string) => page.locator(`[data-testid="saved-segment"][data-segment-id="${id}"]`);
const rowNamed = (name: string) =>
	page
		.getByTestId('saved-segment')
		.filter({ has: page.getByTestId('segment-name').getByText(name, { exact: true }) });

/** The row's count once it is counted. */
async function countOf(target: ReturnType<typeof row>): Promise<number> {
	const count = target.locator('[data-testid="segment-count"]:not([data-count=""])');
	await count.waitFor({ timeout: 60_000 });
	return Number(await count.getAttribute('data-count'));
}

async function rowIds(): Promise<string[]> {
	return page
		.getByTestId('saved-segment')
		.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-segment-id') ?? ''));
}

async function download(click: () => Promise<void>): Promise<{ name: string; text: string }> {
	const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
	return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

const csvLines = (text: string) =>
	text
		.replace(/^\uFEFF/, '')
		.trimEnd()
		.split('\r\n');

describe('the segments area', () => {
	const sizes: Record<string, number> = {};

	it('imports definitions from a file, leaves out the bad entry and counts each segment', async () => {
		await page.getByRole('navigation').getByRole('link', { name: 'Segments' }).click();
		await page.getByText('No saved segments yet').waitFor({ timeout: 60_000 });
		expect(await page.getByTestId('new-segment').getAttribute('href')).toMatch(/\/segments\/edit$/);
		await page.getByTestId('import-segments').setInputFiles({
			name: 'segments.json',
			mimeType: 'application/json',
			buffer: Buffer.from(JSON.stringify(DEFINITIONS))
		});
		const report = page.getByTestId('import-report');
		await report.waitFor({ timeout: 30_000 });
		expect(await report.innerText()).toMatch(/Imported 3 segments/);
		expect(await report.innerText()).toMatch(
			/Segment 4 'Hand-edited' was left out: .*unknown kind 'sql'/
		);
		expect(await rowIds()).toEqual(['orders-2', 'paris', 'recent']);
		for (const id of ['orders-2', 'paris', 'recent']) {
			sizes[id] = await countOf(row(id));
			expect(sizes[id]).toBeGreaterThan(0);
			expect(sizes[id]).toBeLessThan(customers);
		}
		expect(await row('paris').locator('td').nth(1).innerText()).toMatch(/City is Paris/);
		const edit = row('paris').getByRole('link', { name: 'Edit' });
		expect(await edit.getAttribute('href')).toMatch(/\/segments\/edit\?id=paris$/);
	});

	it('renames, duplicates and deletes with undo, and keeps it all across a reload', async () => {
		await row('paris').getByTestId('rename-segment').click();
		await row('paris').getByTestId('segment-name-input').fill('Parisians');
		await row('paris').getByTestId('segment-name-input').press('Enter');
		await row('paris').getByTestId('segment-name').getByText('Parisians').waitFor();

		await row('orders-2').getByTestId('duplicate-segment').click();
		const copy = rowNamed('Copy of Orders ≥ 2');
		await copy.waitFor();
		expect(await countOf(copy)).toBe(sizes['orders-2']);
		expect(await copy.getAttribute('data-segment-id')).not.toBe('orders-2');

		await row('recent').getByTestId('delete-segment').click();
		await page.getByTestId('confirm-delete').click();
		await row('recent').waitFor({ state: 'detached' });
		await page.getByTestId('undo-delete').click();
		expect(await countOf(row('recent'))).toBe(sizes.recent);

		await copy.getByTestId('delete-segment').click();
		await page.getByTestId('confirm-delete').click();
		await copy.waitFor({ state: 'detached' });
		await row('recent').getByTestId('duplicate-segment').click();
		await rowNamed('Copy of Bought in the last 365 days').waitFor();

		await openApp(page, site.url, '/segments');
		await row('recent').waitFor({ timeout: 30_000 });
		const ids = await rowIds();
		expect(ids).toHaveLength(4);
		expect(ids.slice(1)).toEqual(['orders-2', 'paris', 'recent']);
		expect(await row('paris').getByTestId('segment-name').innerText()).toBe('Parisians');
		await rowNamed('Copy of Bought in the last 365 days').waitFor();
		expect(await rowNamed('Copy of Orders ≥ 2').count()).toBe(0);
		expect(await countOf(row('paris'))).toBe(sizes.paris);
	});

	it('shows overlaps that agree with the counts', async () => {
		const chosen = ['orders-2', 'paris', 'recent'];
		for (const id of chosen) await row(id).getByTestId('choose-segment').check();
		const cells = page.getByTestId('overlap-matrix').locator('td[data-count]');
		await page.waitForFunction(
			() => document.querySelectorAll('[data-testid="overlap-matrix"] td[data-count]').length === 9,
			undefined,
			{ timeout: 60_000 }
		);
		const shared = await cells.evaluateAll((tds) =>
			tds.map((td) => [Number(td.dataset.row), Number(td.dataset.col), Number(td.dataset.count)])
		);
		const at = (i: number, j: number) => shared.find(([r, c]) => r === i && c === j)![2]!;
		chosen.forEach((id, i) => expect(at(i, i)).toBe(sizes[id]));
		for (const [i, j, n] of shared) {
			expect(n).toBe(at(j!, i!));
			expect(n).toBeLessThanOrEqual(Math.min(sizes[chosen[i!]!]!, sizes[chosen[j!]!]!));
		}
		// Repeat buyers mostly bought within the year: the pair shares customers.
		expect(at(0, 2)).toBeGreaterThan(0);
		const upset = page.getByTestId('upset-plot');
		await upset.locator('svg rect').first().waitFor();
		expect(await upset.locator('svg').count()).toBe(3);
		expect(await upset.innerText()).toMatch(/Exact intersections/);
	});

	it('splits every customer once in the priority waterfall, in any order', async () => {
		const waterfall = page.getByTestId('waterfall');
		const steps = waterfall.getByTestId('waterfall-step');
		const read = async () => {
			await page.waitForFunction(
				() => document.querySelectorAll('[data-testid="waterfall-step"]').length === 3,
				undefined,
				{ timeout: 60_000 }
			);
			const values = await steps.evaluateAll((rows) =>
				rows.map((r) => [
					Number(r.getAttribute('data-matched')),
					Number(r.getAttribute('data-assigned'))
				])
			);
			const rest = Number(await waterfall.getByTestId('waterfall-rest').getAttribute('data-rest'));
			const total = Number(await waterfall.locator('table').getAttribute('data-customers'));
			return { values, rest, total };
		};
		const first = await read();
		expect(first.total).toBe(customers);
		expect(first.values.map(([matched]) => matched)).toEqual([
			sizes['orders-2'],
			sizes.paris,
			sizes.recent
		]);
		expect(first.values[0]![1]).toBe(first.values[0]![0]);
		for (const [matched, assigned] of first.values) expect(assigned).toBeLessThanOrEqual(matched!);
		expect(first.values.reduce((n, [, assigned]) => n + assigned!, 0) + first.rest).toBe(customers);

		// Paris first, by the keyboard: its "up" button keeps the focus as it climbs.
		await page.getByRole('button', { name: 'Move Parisians up' }).focus();
		await page.keyboard.press('Enter');
		await page.waitForFunction(
			() =>
				document
					.querySelector('[data-testid="priority-list"] li')
					?.getAttribute('data-priority-id') === 'paris'
		);
		await page.waitForFunction(
			(paris) =>
				document.querySelector('[data-testid="waterfall-step"]')?.getAttribute('data-assigned') ===
				String(paris),
			sizes.paris,
			{ timeout: 60_000 }
		);
		const second = await read();
		expect(second.values.map(([matched]) => matched)).toEqual([
			sizes.paris,
			sizes['orders-2'],
			sizes.recent
		]);
		expect(second.values.reduce((n, [, assigned]) => n + assigned!, 0) + second.rest).toBe(
			customers
		);
		expect(second.rest).toBe(first.rest);
		expect(await waterfall.locator('figure svg').count()).toBe(1);
	});

	it("exports a segment's members as CSV with the chosen columns", async () => {
		await row('paris').getByTestId('export-segment').click();
		const dialog = page.getByTestId('export-dialog');
		await dialog.locator('input[value="city"]').waitFor({ timeout: 30_000 });
		await dialog.getByTestId('export-format').selectOption('csv');
		await dialog.getByRole('button', { name: 'None' }).click();
		await dialog.locator('input[value="email"]').check();
		await dialog.locator('input[value="city"]').check();
		const file = await download(() => dialog.getByTestId('download-export').click());
		expect(file.name).toMatch(/^segment-parisians-\d{4}-\d{2}-\d{2}\.csv$/);
		const lines = csvLines(file.text);
		expect(lines[0]).toBe('customer_id,email,city');
		expect(lines.length - 1).toBe(sizes.paris);
		for (const line of lines.slice(1)) expect(line).toMatch(/,"?paris"?$/i);
		await dialog.waitFor({ state: 'detached' });
	});

	it('exports the hashed audience for ad platforms', async () => {
		await row('orders-2').getByTestId('export-segment').click();
		const dialog = page.getByTestId('export-dialog');
		await dialog.getByTestId('export-format').selectOption('hashed');
		const file = await download(() => dialog.getByTestId('download-export').click());
		const lines = csvLines(file.text);
		expect(lines[0]).toBe('email_sha256,phone_sha256');
		expect(lines.length - 1).toBeGreaterThan(0);
		expect(lines.length - 1).toBeLessThanOrEqual(sizes['orders-2']!);
		const cells = lines.slice(1).flatMap((line) => line.split(','));
		// Every row holds an e-mail or a phone digest, or both.
		expect(cells.filter((c) => c !== '').length).toBeGreaterThanOrEqual(lines.length - 1);
		for (const cell of cells) expect(cell).toMatch(/^([0-9a-f]{64})?$/);
	});

	it("shows a segment's standalone SQL", async () => {
		await row('recent').getByTestId('segment-sql').click();
		const sql = page.getByTestId('segment-sql-text');
		await sql.waitFor({ timeout: 30_000 });
		const text = await sql.innerText();
		expect(text).toMatch(/^-- Concord segment: Bought in the last 365 days/);
		expect(text).toMatch(/customer_360/);
		expect(text).toMatch(/events/);
		await page.keyboard.press('Escape');
		await page.getByTestId('sql-dialog').waitFor({ state: 'detached' });
	});

	it('exports the definitions as JSON that reads back the same, and imports them as copies', async () => {
		const file = await download(() => page.getByTestId('export-definitions').click());
		expect(file.name).toMatch(/^concord-segments-\d{4}-\d{2}-\d{2}\.json$/);
		const parsed = parseSegmentsJson(file.text);
		expect(parsed.problems).toEqual([]);
		expect(parsed.segments.map((s) => s.id).sort()).toEqual((await rowIds()).sort());
		const paris = parsed.segments.find((s) => s.id === 'paris')!;
		expect(paris).toMatchObject({
			name: 'Parisians',
			description: 'Imported: City is Paris',
			rule: DEFINITIONS.segments[1]!.rule
		});
		await page.getByTestId('import-segments').setInputFiles({
			name: file.name,
			mimeType: 'application/json',
			buffer: Buffer.from(file.text)
		});
		await page
			.getByTestId('import-report')
			.getByText(/Imported 4 segments/)
			.waitFor();
		expect(await page.getByTestId('saved-segment').count()).toBe(8);
		const again = rowNamed('Parisians (imported)');
		expect(await again.getAttribute('data-segment-id')).not.toBe('paris');
		expect(await countOf(again)).toBe(sizes.paris);
		expect(errors).toEqual([]);
	});
});
