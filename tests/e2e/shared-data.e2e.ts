// The reference files of ../shared/data dropped into the app as a user would: FEBRL with its
// ", " separator, Splink's fake_1000 and CDNOW's space-separated transactions without a header
// get their kind and roles suggested without any help, and import.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp } from './support/app';
import { closeSession, openSession, type Session } from './support/session';

let session: Session | undefined;
let page: Page;

const shared = (path: string) =>
	readFileSync(fileURLToPath(new URL(`../../../shared/data/${path}`, import.meta.url)));

beforeAll(async () => {
	session = await openSession();
	page = session.page;
	await openApp(page, session.site.url, '/sources');
});

afterAll(() => closeSession(session));

async function dropFiles(files: { name: string; bytes: Buffer }[]) {
	const transfer = await page.evaluateHandle(
		(list) => {
			const dt = new DataTransfer();
			for (const { name, data } of list) dt.items.add(new File([new Uint8Array(data)], name));
			return dt;
		},
		files.map((f) => ({ name: f.name, data: Array.from(f.bytes) }))
	);
	await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
}

const CASES: { file: string; name: string; kind: string; roles: Record<string, string> }[] = [
	{
		file: 'febrl/dataset1.csv',
		name: 'dataset1.csv',
		kind: 'profile',
		roles: {
			rec_id: 'record_key',
			given_name: 'first_name',
			surname: 'last_name',
			street_number: 'house_number',
			address_1: 'street',
			suburb: 'city',
			postcode: 'postcode',
			date_of_birth: 'birth_date',
			soc_sec_id: 'national_id'
		}
	},
	{
		file: 'splink/fake_1000.csv',
		name: 'fake_1000.csv',
		kind: 'profile',
		roles: {
			unique_id: 'record_key',
			first_name: 'first_name',
			surname: 'last_name',
			dob: 'birth_date',
			city: 'city',
			email: 'email',
			cluster: 'custom'
		}
	},
	{
		file: 'cdnow/CDNOW_sample.txt',
		name: 'CDNOW_sample.txt',
		kind: 'event',
		roles: {
			column0: 'record_key',
			column2: 'event_time',
			column3: 'quantity',
			column4: 'amount'
		}
	}
];

describe('reference files dropped together', () => {
	it('suggest their kind and roles without help, and import', async () => {
		await dropFiles(CASES.map((c) => ({ name: c.name, bytes: shared(c.file) })));
		for (const { name, kind, roles } of CASES) {
			const card = page.getByTestId('import-card').filter({ hasText: name });
			await card.getByTestId('mapping-editor').waitFor({ timeout: 60_000 });
			expect(await card.getByLabel('Source kind').inputValue()).toBe(kind);
			for (const [column, role] of Object.entries(roles)) {
				expect(await card.locator(`select[data-column="${column}"]`).inputValue(), column).toBe(
					role
				);
			}
		}
		const cdnowCard = page.getByTestId('import-card').filter({ hasText: 'CDNOW_sample.txt' });
		expect(await cdnowCard.getByLabel('Delimiter').inputValue()).toBe('whitespace');
		for (const { name } of CASES) {
			await page
				.getByTestId('import-card')
				.filter({ hasText: name })
				.getByTestId('import-confirm')
				.click();
			await page
				.getByTestId('source-list')
				.locator('tbody tr')
				.filter({ hasText: name })
				.waitFor({ timeout: 60_000 });
		}
		const rows = page.getByTestId('source-list').locator('tbody tr');
		await expect(rows.filter({ hasText: 'CDNOW_sample.txt' }).textContent()).resolves.toMatch(
			/6,919/
		);
	}, 180_000);
});
