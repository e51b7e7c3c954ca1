// One browser test file's session: the run's site, a browser with its own profile, one page in it,
// and the errors that page throws. The error listener is attached before the page first navigates,
// so errors thrown while the app starts are collected too; a session that fails to open closes
// what it had opened, so a broken start leaves no browser behind.
import { inject } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, removeProfile, type LaunchedBrowser } from './browser';
import type { Site } from './site';

export interface Session {
	site: Site;
	browser: LaunchedBrowser;
	page: Page;
	/** Messages of the uncaught errors thrown in `page`, in order. */
	pageErrors: string[];
}

/** The site the run serves for every session; it stops when the run ends, not with a session. */
export function sharedSite(): Site {
	return { url: inject('siteUrl'), close: async () => {} };
}

/**
 * Launches a browser and opens a blank page in it: on a fresh profile, or on `profileDir` (which
 * the session then owns and removes).
 */
export async function openSession(options: { profileDir?: string } = {}): Promise<Session> {
	const site = sharedSite();
	let browser: LaunchedBrowser | undefined;
	try {
		browser = await launchBrowser({ profileDir: options.profileDir });
		const page = await browser.context.newPage();
		const pageErrors: string[] = [];
		page.on('pageerror', (error) => pageErrors.push(error.message));
		return { site, browser, page, pageErrors };
	} catch (error) {
		await closeBrowser(browser);
		if (options.profileDir && !browser) await removeProfile(options.profileDir);
		throw error;
	}
}

/** Closes the browser and removes its profile; does nothing if it never opened. */
export async function closeSession(session: Session | undefined): Promise<void> {
	if (session) await closeBrowser(session.browser);
}

async function closeBrowser(browser: LaunchedBrowser | undefined): Promise<void> {
	if (!browser) return;
	try {
		await browser.close();
	} finally {
		await removeProfile(browser.profileDir);
	}
}
