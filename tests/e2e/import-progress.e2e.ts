// Progress while DuckDB reads a large delimited text file in the browser: the job bar shows the
// bytes read of the file and the rate before the import ends, and the import can still be
// cancelled while the file is read. The file is generated (seeded) into a temporary directory.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp } from './support/app';
import { closeSession, openSession, type Session } from './support/session';

const ROWS = 500_000;
const CITIES = ['Lyon', 'Besançon', 'Orléans', 'Nantes', 'Lille', 'Rennes', 'Metz', 'Brest'];

let session: Session | undefined;
let page: Page;
let dir: string;
let path: string;

/** A small seeded generator (mulberry32): the same file on every run. */
function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
	};
}

/** About 60 MB of customers: enough for DuckDB to report several shares of the file. */
function customersCsv(rows: number): string {
	const random = seeded(20240301);
	const lines = ['customer_id,first_name,last_name,email,phone,postcode,city,signed_up,spend'];
	for (let i = 0; i < rows; i++) {
		const n = Math.floor(random() * 1e9);
		const city = CITIES[n % CITIES.length];
		lines.push(
			`C${i},First${n % 4999},Last${n % 7919},customer${i}.${n}@example.com,` +
				`+33 6 ${String(n).padStart(9, '0').slice(0, 8)},${String(n % 95000).padStart(5, '0')},` +
				`${city},2024-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')},` +
				`${(random() * 2000).toFixed(2)}`
		);
	}
	return lines.join('\n') + '\n';
}

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'concord-e2e-progress-'));
	path = join(dir, 'customers.csv');
	writeFileSync(path, customersCsv(ROWS));
	session = await openSession();
	page = session.page;
	await openApp(page, session.site.url, '/sources');
});

afterAll(async () => {
	await closeSession(session);
	rmSync(dir, { recursive: true, force: true });
});

const card = () => page.getByTestId('import-card').filter({ hasText: 'customers.csv' });
const sourceRows = () => page.getByTestId('source-list').locator('tbody tr');

/** Records, in the page, every reading line the job bar shows with its bar's value. */
async function recordJobBar(): Promise<void> {
	await page.evaluate(() => {
		const seen: { reading: string; value: string | null }[] = [];
		Object.assign(window, { jobBarReadings: seen });
		const record = () => {
			const reading = document.querySelector('[data-testid="job-reading"]')?.textContent;
			const value = document.querySelector('[data-testid="job-bar"] [role="progressbar"]');
			if (reading && seen.at(-1)?.reading !== reading) {
				seen.push({ reading, value: value?.getAttribute('aria-valuenow') ?? null });
			}
		};
		new MutationObserver(record).observe(document.body, {
			subtree: true,
			childList: true,
			characterData: true,
			attributes: true
		});
	});
}

async function recordedReadings(): Promise<{ reading: string; value: string | null }[]> {
	return page.evaluate(
		() =>
			(window as unknown as { jobBarReadings: { reading: string; value: string | null }[] })
				.jobBarReadings
	);
}

const MULTIPLIER: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

/** "· 12.5 MB of 58.3 MB · 41.2 MB/s" as numbers of bytes. */
function parseReading(text: string): { done: number; total: number; rate: number } | null {
	const match =
		/^·\s*([\d.]+) (B|KB|MB|GB) of ([\d.]+) (B|KB|MB|GB) · ([\d.]+) (B|KB|MB|GB)\/s$/.exec(
			text.trim()
		);
	if (!match) return null;
	const [, done = '', doneUnit = '', total = '', totalUnit = '', rate = '', rateUnit = ''] = match;
	const bytes = (value: string, unit: string) => Number(value) * (MULTIPLIER[unit] ?? 0);
	return {
		done: bytes(done, doneUnit),
		total: bytes(total, totalUnit),
		rate: bytes(rate, rateUnit)
	};
}

describe('progress while a large CSV file is imported', () => {
	it('can be cancelled while DuckDB reads the file, leaving the workspace as it was', async () => {
		const before = await sourceRows().allInnerTexts();
		await page.getByTestId('file-input').setInputFiles(path);
		await card().getByTestId('import-confirm').waitFor({ timeout: 60_000 });
		await card().getByTestId('import-confirm').click();
		await page.getByTestId('job-reading').waitFor({ timeout: 30_000 });
		await page.getByRole('button', { name: 'Cancel' }).click();
		await page.getByTestId('notice').filter({ hasText: 'Cancelled' }).waitFor({ timeout: 60_000 });
		expect(await sourceRows().allInnerTexts()).toEqual(before);
		await card().getByRole('button', { name: 'Discard' }).click();
	});

	it('shows the bytes read of the file and the rate before the import ends', async () => {
		await page.getByTestId('file-input').setInputFiles(path);
		await card().getByTestId('import-confirm').waitFor({ timeout: 60_000 });
		await recordJobBar();
		await card().getByTestId('import-confirm').click();
		await page
			.getByTestId('notice')
			.filter({ hasText: `Imported ${ROWS.toLocaleString('en-US')} rows` })
			.waitFor({ timeout: 60_000 });

		const seen = await recordedReadings();
		const readings = seen.map((entry) => ({ ...entry, parsed: parseReading(entry.reading) }));
		expect(readings.filter((entry) => entry.parsed === null)).toEqual([]);
		// Part of the file, not only its start and end: some bytes read, not yet all, at a rate.
		const partway = readings.filter(
			({ parsed }) => parsed && parsed.done > 0 && parsed.done < parsed.total && parsed.rate > 0
		);
		expect(partway.length, JSON.stringify(seen)).toBeGreaterThan(0);
		expect(partway.some(({ value }) => Number(value) > 0 && Number(value) < 100)).toBe(true);
		const size = readings[0]?.parsed?.total ?? 0;
		expect(size / 1024 ** 2).toBeGreaterThan(40);
	});
});
