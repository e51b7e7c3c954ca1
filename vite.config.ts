import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { engineFilesList } from './scripts/engine-files.js';

export default defineConfig({
	plugins: [sveltekit(), engineFilesList()],
	worker: { format: 'es' },
	// duckdb-wasm ships prebuilt ES modules and wasm; pre-bundling would rewrite their asset URLs.
	optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
	server: { fs: { allow: ['workers'] } },
	build: { chunkSizeWarningLimit: 2048 },
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 60_000,
		// Each file opens its own engines; two workers match this machine's two cores.
		maxWorkers: 2,
		// Files share their worker's modules instead of importing them afresh: the wasm engine is
		// then compiled and optimised once per worker rather than once per file (the unit run
		// took 436 s isolated, 243 s shared). No test relies on module state of another file.
		isolate: false
	}
});
