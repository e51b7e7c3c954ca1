// Launches Debian's Chromium through playwright-core with the flags that keep the browser itself
// quiet on a closed network, and a fresh profile per launch so no state leaks between tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export interface LaunchedBrowser {
	context: BrowserContext;
	profileDir: string;
	close(): Promise<void>;
}

/**
 * A browser with a persistent profile (OPFS and IndexedDB survive reloads and restarts). The
 * app's service worker is blocked unless asked for: on a fresh profile it downloads and stores
 * about 37 MB of app and engine while the page starts, which only the tests of the offline app
 * and of its requests are about, and which would slow and disturb every other test and bench.
 */
export async function launchBrowser(
	options: { profileDir?: string; bypassCSP?: boolean; serviceWorkers?: 'allow' | 'block' } = {}
): Promise<LaunchedBrowser> {
	const profileDir = options.profileDir ?? (await mkdtemp(join(tmpdir(), 'concord-profile-')));
	const context = await chromium.launchPersistentContext(profileDir, {
		executablePath: CHROMIUM_PATH,
		args: CHROMIUM_FLAGS,
		headless: true,
		viewport: { width: 1360, height: 860 },
		bypassCSP: options.bypassCSP ?? false,
		serviceWorkers: options.serviceWorkers ?? 'block'
	});
	return {
		context,
		profileDir,
		async close() {
			await context.close();
		}
	};
}

export async function removeProfile(profileDir: string): Promise<void> {
	await rm(profileDir, { recursive: true, force: true });
}
