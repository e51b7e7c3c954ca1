// Once per browser-test run: the built site, served on one port for every test file that does not
// need a server of its own, and a folder for the profiles of demo workspaces that test files start
// from (see demo-session.ts). A browser's storage belongs to an origin, port included, so a saved
// profile only opens its workspace on the same site; both end with the run.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startSite } from './site';

declare module 'vitest' {
	export interface ProvidedContext {
		/** The site every session shares, as `http://127.0.0.1:PORT`. */
		siteUrl: string;
		/** Where the saved profiles of demo workspaces are kept for this run. */
		profilesDir: string;
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const site = await startSite();
	const profilesDir = await mkdtemp(join(tmpdir(), 'concord-saved-profiles-'));
	project.provide('siteUrl', site.url);
	project.provide('profilesDir', profilesDir);
	return async () => {
		await site.close();
		await rm(profilesDir, { recursive: true, force: true });
	};
}
