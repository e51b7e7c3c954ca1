// Browser tests: real Chromium against the built site, served once for the run. One file at a
// time (each launches a browser, and this machine has two cores).
import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['tests/e2e/**/*.e2e.ts'],
		environment: 'node',
		globalSetup: ['tests/e2e/support/global-setup.ts'],
		fileParallelism: false,
		testTimeout: 180_000,
		// A set-up may first make the saved demo workspaces it starts from (see demo-session.ts).
		hookTimeout: 180_000
	}
});
