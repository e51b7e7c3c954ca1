// Managing sources in a real browser, on the demo: profile a source's columns, rename it and
// re-map a column, read its birth dates month-first instead of the detected day-first; the
// changes survive a reload and a later re-mapping. A file's date order can also be chosen on
// its import card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openDemo } from './support/demo-session';
import { closeSession, type Session } from './support/session';

let session: Session | undefined;
let page: Page;

beforeAll(async () => {
	session = await openDemo('loaded', '/sources');
	page = session.page;
});

afterAll(() => closeSession(session));

const sourceRow = (name: string) =>
	page.getByTestId('source-list').locator('tbody tr').filter({ hasText: name });

describe('managing a source', () => {
	it('profiles the columns of the CRM export, with day-first dates and role checks', async () => {
		await sourceRow('CRM contacts')
			.getByRole('button', { name: 'CRM contacts', exact: true })
			.click();
		// Record keys follow the export's order, even though the demo loads in one transaction.
		await page.locator('.detail').getByText('CLI0000001', { exact: true }).waitFor();
		await page.locator('.detail').getByText('CLI0000002', { exact: true }).waitFor();
		await page.getByTestId('tab-profile').click();
		const profile = page.getByTestId('source-profile');
		await profile.waitFor({ timeout: 60_000 });
		const birth = profile.locator('tbody tr').filter({ hasText: 'Date de naissance' });
		expect(await birth.innerText()).toMatch(/date \(day first/);
		const phone = profile.locator('tbody tr').filter({ hasText: 'Téléphone' });
		expect(await phone.innerText()).toMatch(/not a phone number/);
	});

	it('renames a source and re-maps a column, and keeps it after a reload', async () => {
		await page.getByTestId('tab-settings').click();
		await page.getByTestId('source-name').fill('CRM (spring export)');
		await page
			.getByTestId('mapping-editor')
			.locator('select[data-column="Téléphone"]')
			.selectOption('mobile');
		await page.getByTestId('save-source').click();
		await page.getByTestId('notice').filter({ hasText: 'Saved' }).waitFor();
		await page.reload();
		await page.locator('[data-phase="ready"]').waitFor();
		await sourceRow('CRM (spring export)')
			.getByRole('button', { name: 'CRM (spring export)', exact: true })
			.click();
		await page.getByTestId('tab-settings').click();
		const select = page.getByTestId('mapping-editor').locator('select[data-column="Téléphone"]');
		await expect.poll(() => select.inputValue()).toBe('mobile');
	});

	it('reads the birth dates in the order chosen, and keeps that choice through a re-map', async () => {
		const editor = page.getByTestId('mapping-editor');
		const birthOrder = 'select[data-reading="Date de naissance"]';
		const order = editor.locator(birthOrder);
		const birthRow = editor.locator('tbody tr').filter({ has: page.locator(birthOrder) });
		expect(await order.inputValue()).toBe('');
		expect(await birthRow.getByTestId('reading-reason').innerText()).toMatch(
			/day-first: [\d,]+ values decide it/
		);
		const notes = page.getByTestId('mapped-view-notes');
		expect(await notes.innerText()).toMatch(/Birth date: dates read day-first \([\d,]+ values/);

		await order.selectOption('month-first');
		await page.getByTestId('save-source').click();
		await notes.getByText('Birth date: dates read month-first (chosen by hand).').waitFor();
		// What the data say stays in view beside the choice.
		expect(await birthRow.getByTestId('reading-reason').innerText()).toMatch(/day-first:/);

		// A later re-mapping of another column, under a new name, keeps the choice.
		await page.getByTestId('source-name').fill('CRM (June export)');
		await editor.locator('select[data-column="Téléphone"]').selectOption('phone');
		await page.getByTestId('save-source').click();
		await sourceRow('CRM (June export)').waitFor();
		await page.reload();
		await page.locator('[data-phase="ready"]').waitFor();
		await sourceRow('CRM (June export)')
			.getByRole('button', { name: 'CRM (June export)', exact: true })
			.click();
		await page.getByTestId('tab-settings').click();
		await expect.poll(() => order.inputValue()).toBe('month-first');
		expect(await editor.locator('select[data-column="Téléphone"]').inputValue()).toBe('phone');
		await notes.getByText('Birth date: dates read month-first (chosen by hand).').waitFor();
	});

	it('replaces a source with a newer export, keeping its name and roles', async () => {
		const v1 = 'id;E-mail;Téléphone\nA;a@x.fr;0612345678\n';
		const v2 = 'id;E-mail;Téléphone\nA;a@x.fr;0612345678\nB;b@x.fr;0698765432\nC;c@x.fr;\n';
		await page.getByTestId('file-input').setInputFiles({
			name: 'loyalty.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(v1)
		});
		await page.getByTestId('import-card').getByTestId('mapping-editor').waitFor();
		await page
			.getByTestId('import-card')
			.locator('select[data-column="Téléphone"]')
			.selectOption('mobile');
		await page.getByTestId('import-card').getByTestId('import-confirm').click();
		await page.getByTestId('notice').filter({ hasText: 'Imported 1 rows' }).waitFor();

		await sourceRow('loyalty.csv').getByRole('button', { name: 'Loyalty', exact: true }).click();
		await page.getByTestId('tab-settings').click();
		await page.getByTestId('replace-input').setInputFiles({
			name: 'loyalty-june.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(v2)
		});
		const card = page.getByTestId('import-card');
		await card.getByTestId('replaces').waitFor();
		expect(await card.locator('select[data-column="Téléphone"]').inputValue()).toBe('mobile');
		await card.getByTestId('import-confirm').click();
		await page.getByTestId('notice').filter({ hasText: 'Imported 3 rows' }).waitFor();
		const row = sourceRow('loyalty-june.csv');
		expect(await row.innerText()).toMatch(/Loyalty[\s\S]*3/);
		expect(await sourceRow('loyalty.csv').count()).toBe(0);
	});
	it('imports a file read in the date order chosen on its card', async () => {
		const members = [
			'id;email;birth_date',
			'M1;a@x.fr;25/12/1980',
			'M2;b@x.fr;03/04/1975',
			'M3;c@x.fr;30/06/1969',
			'M4;d@x.fr;01/02/2001',
			'M5;e@x.fr;05/06/1990',
			''
		].join('\n');
		await page.getByTestId('file-input').setInputFiles({
			name: 'members.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(members)
		});
		const card = page.getByTestId('import-card');
		const order = card.locator('select[data-reading="birth_date"]');
		await order.waitFor();
		await card.getByText('day-first: 2 values decide it').waitFor();
		await order.selectOption('month-first');
		await card.getByTestId('import-confirm').click();
		await page.getByTestId('notice').filter({ hasText: 'Imported 5 rows' }).waitFor();

		await sourceRow('members.csv').getByRole('button', { name: 'Members', exact: true }).click();
		await page.getByTestId('tab-settings').click();
		const saved = page.getByTestId('mapping-editor').locator('select[data-reading="birth_date"]');
		await expect.poll(() => saved.inputValue()).toBe('month-first');
		await page
			.getByTestId('mapped-view-notes')
			.getByText('Birth date: dates read month-first (chosen by hand).')
			.waitFor();
	});
});
