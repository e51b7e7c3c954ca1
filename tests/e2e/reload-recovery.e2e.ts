// A reload after a large change keeps the workspace: with the 10,000-person demo, the engine's
// write-ahead log on OPFS is not always emptied at a checkpoint, and reading it back into the
// file that already holds it fails. The app then opens the file as last saved (every change is
// checkpointed when it commits) and says so, instead of losing access to the workspace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_TIMEOUT, loadDemo, openApp } from './support/app';
import { closeSession, openSession, type Session } from './support/session';

let session: Session;

beforeAll(async () => {
	session = await openSession();
});

afterAll(async () => {
	await closeSession(session);
});

describe('reload after a large change', () => {
	it('keeps the 10,000-person demo across a reload', async () => {
		const { page } = session;
		await openApp(page, session.site.url);
		await loadDemo(page, 10_000);
		const summary = page.getByTestId('workspace-summary');
		const before = await summary.innerText();
		expect(before).toMatch(/^7 sources · [\d,]+ rows \(demo of 10,000 persons\)$/);

		await page.reload();
		await page.locator('[data-phase="ready"]').waitFor({ timeout: JOB_TIMEOUT });
		await summary.waitFor({ timeout: JOB_TIMEOUT });
		expect(await summary.innerText()).toBe(before);
		expect(await page.getByTestId('memory-notice').count()).toBe(0);
		expect(session.pageErrors).toEqual([]);
	});
});
