// Browser tests: real Chromium against the built site. One file at a time (each launches a
// browser, and this machine has two cores).
import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['tests/e2e/**/*.e2e.ts'],
		environment: 'node',
		fileParallelism: false,
		testTimeout: 180_000,
		hookTimeout: 120_000
	}
});
