// A browser test's session on the demo retailer (1,000 persons) at a given stage: loaded, with
// identity resolved, or with the 360° view built too — the starting point of the tests of the
// areas that read those. Each stage is made once per run through the app itself, in a browser
// whose profile (its OPFS workspace, IndexedDB and caches) is then saved; a session starts from a
// copy of it, so every test file gets its own workspace without loading the demo again.
// The tricky point: a set-up step that fails closes the session itself, since the test file
// never receives it to close.
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { Page } from 'playwright-core';
import { jobDone, loadDemo, openApp, runIdentity } from './app';
import { closeSession, openSession, sharedSite, type Session } from './session';

const DEMO_PERSONS = 1000;

export type DemoStage = 'loaded' | 'resolved' | 'built';

/** How each stage is reached from the one before it, on a page with the app open. */
const STAGES: Record<DemoStage, { after: DemoStage | null; reach(page: Page): Promise<void> }> = {
	loaded: { after: null, reach: (page) => loadDemo(page, DEMO_PERSONS) },
	resolved: { after: 'loaded', reach: runIdentity },
	built: {
		after: 'resolved',
		async reach(page) {
			await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
			await page.getByTestId('customer-count').waitFor({ timeout: 120_000 });
		}
	}
};

const savedProfile = (stage: DemoStage) => join(inject('profilesDir'), stage);

/** A fresh folder holding a copy of the saved profile of `stage`, made first if need be. */
async function copyOfStage(stage: DemoStage): Promise<string> {
	await saveStage(stage);
	const copy = await mkdtemp(join(tmpdir(), 'concord-profile-'));
	await cp(savedProfile(stage), copy, { recursive: true });
	return copy;
}

/** Makes the saved profile of `stage` unless this run has it: from the stage before, by the app. */
async function saveStage(stage: DemoStage): Promise<void> {
	const saved = savedProfile(stage);
	if (existsSync(saved)) return;
	const { after, reach } = STAGES[stage];
	const session = await openSession(after ? { profileDir: await copyOfStage(after) } : {});
	const profileDir = session.browser.profileDir;
	try {
		await openApp(session.page, session.site.url);
		await reach(session.page);
		await jobDone(session.page);
		// Closed first: the browser writes its storage out as it closes.
		await session.browser.close();
		await rename(profileDir, saved);
	} finally {
		await session.browser.close().catch(() => {});
		await rm(profileDir, { recursive: true, force: true });
	}
}

/** Opens the app (at `path`) on a workspace holding the demo at `stage`. */
export async function openDemo(stage: DemoStage, path = '/'): Promise<Session> {
	const session = await openSession({ profileDir: await copyOfStage(stage) });
	try {
		await openApp(session.page, sharedSite().url, path);
		return session;
	} catch (error) {
		await closeSession(session);
		throw error;
	}
}

/** The app on the demo with identity resolved, on the Identity page. */
export const openResolvedDemo = () => openDemo('resolved', '/identity');

/** The app on the demo with the 360° view built, on the Customers page. */
export const openBuiltDemo = () => openDemo('built', '/customers');
