// One browser test file's session: the built site, a browser with a fresh profile, one page in it,
// and the errors that page throws. The error listener is attached before the page first navigates,
// so errors thrown while the app starts are collected too; a session that fails to open closes
// what it had opened, so a broken start leaves no server or browser behind.
import type { Page } from 'playwright-core';
import { launchBrowser, removeProfile, type LaunchedBrowser } from './browser';
import { startSite, type Site } from './site';

export interface Session {
	site: Site;
	browser: LaunchedBrowser;
	page: Page;
	/** Messages of the uncaught errors thrown in `page`, in order. */
	pageErrors: string[];
}

/** Starts the site, launches a browser and opens a blank page in it. */
export async function openSession(): Promise<Session> {
	const site = await startSite();
	let browser: LaunchedBrowser | undefined;
	try {
		browser = await launchBrowser();
		const page = await browser.context.newPage();
		const pageErrors: string[] = [];
		page.on('pageerror', (error) => pageErrors.push(error.message));
		return { site, browser, page, pageErrors };
	} catch (error) {
		await closeParts(site, browser);
		throw error;
	}
}

/** Closes the browser, removes its profile and stops the site; does nothing if it never opened. */
export async function closeSession(session: Session | undefined): Promise<void> {
	if (session) await closeParts(session.site, session.browser);
}

async function closeParts(site: Site, browser: LaunchedBrowser | undefined): Promise<void> {
	try {
		if (browser) {
			await browser.close();
			await removeProfile(browser.profileDir);
		}
	} finally {
		await site.close();
	}
}
