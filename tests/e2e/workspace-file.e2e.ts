// The workspace file in a real browser: exported from the Workspace page it holds the demo's
// sources, mappings and settings and none of its data; imported (edited by hand, with one more
// source whose file is not here) it renames a source, adds its segment, lists the missing file as
// waiting, and that file, dropped on the Sources page, is read with its saved name and mapping.
// A broken file is refused with its reasons.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemo } from './support/demo-session';
import { closeSession, type Session } from './support/session';

let session: Session;
let exported: Record<string, unknown> & { sources: Record<string, unknown>[] };

beforeAll(async () => {
	session = await openDemo('loaded');
});

afterAll(async () => {
	await closeSession(session);
});

const importWorkspaceFile = (text: string) =>
	session.page.getByTestId('import-workspace-file').setInputFiles({
		name: 'workspace.json',
		mimeType: 'application/json',
		buffer: Buffer.from(text)
	});

describe('workspace file', () => {
	it('exports the sources, mappings and settings, never data', async () => {
		const { page, site } = session;
		await page.goto(`${site.url}/workspace`);
		const [download] = await Promise.all([
			page.waitForEvent('download', { timeout: 60_000 }),
			page.getByTestId('export-workspace-file').click()
		]);
		expect(download.suggestedFilename()).toMatch(/^concord-workspace-\d{4}-\d{2}-\d{2}\.json$/);
		const text = await readFile((await download.path()) as string, 'utf8');
		exported = JSON.parse(text);
		expect(exported.concord).toBe('workspace');
		expect(exported.version).toBe(1);
		expect(exported.sources.map((s) => s.fileName)).toContain('crm_contacts.csv');
		const crm = exported.sources.find((s) => s.fileName === 'crm_contacts.csv');
		expect(crm?.mapping).toContainEqual({ column: 'E-mail', role: 'email' });
		expect(text).not.toMatch(/@(gmail|orange|free|icloud)\./);
	});

	it('applies an imported file and lists the source still waiting for its file', async () => {
		const { page } = session;
		const file = structuredClone(exported);
		file.sources[0]!.name = 'Club members';
		file.sources.push({
			id: 'file:loyalty',
			name: 'Loyalty extract',
			fileName: 'loyalty_extract.csv',
			kind: 'profile',
			format: 'csv',
			mapping: [
				{ column: 'card', role: 'loyalty_id' },
				{ column: 'mail', role: 'email' }
			]
		});
		// A decision on the waiting source's records: saved once its file is here.
		file.decisions = [
			{
				a: { source: 'file:loyalty', key: '#1' },
				b: { source: 'file:loyalty', key: '#2' },
				same: false,
				origin: 'manual'
			}
		];
		file.segments = [
			{
				id: 'imported-segment',
				name: 'Imported big spenders',
				description: '',
				colour: '#2f6fde',
				createdAt: 1,
				updatedAt: 1,
				rule: {
					kind: 'group',
					combinator: 'and',
					negate: false,
					children: [{ kind: 'attribute', field: 'revenue', operator: '>', value: 500 }]
				}
			}
		];
		await importWorkspaceFile(JSON.stringify(file));
		const report = page.getByTestId('workspace-file-report');
		await report.filter({ hasText: 'applied' }).waitFor({ timeout: 60_000 });
		await expect(report.textContent()).resolves.toContain('Club members');
		await expect(page.getByTestId('waiting-sources').textContent()).resolves.toMatch(
			/Loyalty extract: waiting for loyalty_extract\.csv/
		);

		await page.getByRole('navigation').getByRole('link', { name: 'Sources' }).click();
		await page.getByTestId('source-list').getByText('Club members').waitFor();
		await page.getByTestId('file-input').setInputFiles({
			name: 'loyalty_extract.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from('card,mail\nL001,ann@example.org\nL002,bob@example.org\n')
		});
		const card = page.getByRole('article', { name: 'Import loyalty_extract.csv' });
		await card.getByTestId('from-workspace-file').waitFor({ timeout: 60_000 });
		await expect(card.getByLabel('Source name').inputValue()).resolves.toBe('Loyalty extract');
		await card.getByTestId('import-confirm').click();
		await page.getByTestId('source-list').getByText('Loyalty extract').waitFor({ timeout: 60_000 });

		await page.getByRole('navigation').getByRole('link', { name: 'Segments' }).click();
		await page.getByTestId('saved-segment').getByText('Imported big spenders').waitFor();
		// Its file is here now: nothing waits any more.
		await page.getByRole('navigation').getByRole('link', { name: 'Workspace' }).click();
		await page.getByTestId('export-workspace-file').waitFor();
		expect(await page.getByTestId('waiting-sources').count()).toBe(0);
		const [download] = await Promise.all([
			page.waitForEvent('download', { timeout: 60_000 }),
			page.getByTestId('export-workspace-file').click()
		]);
		const again = JSON.parse(await readFile((await download.path()) as string, 'utf8')) as {
			decisions: { a: { key: string }; b: { key: string }; same: boolean }[];
		};
		expect(again.decisions.map((d) => [d.a.key, d.b.key, d.same])).toEqual([['#1', '#2', false]]);
		expect(session.pageErrors).toEqual([]);
	});

	it('refuses a broken file, saying why', async () => {
		const { page, site } = session;
		await page.goto(`${site.url}/workspace`);
		await page.locator('[data-phase="ready"]').waitFor();
		await importWorkspaceFile(JSON.stringify({ ...exported, version: 3 }));
		const report = page.getByTestId('workspace-file-report');
		await report.filter({ hasText: 'was not applied' }).waitFor();
		await expect(report.textContent()).resolves.toContain('made by a newer Concord');
	});
});
