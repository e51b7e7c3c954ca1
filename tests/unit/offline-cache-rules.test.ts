// The service worker's decisions, table-driven: which requests it answers and how, and which engine
// files it keeps at install.
import { describe, expect, it } from 'vitest';
import { cacheRule, type CacheRule } from '../../src/lib/offline/cache-rules';
import { duckdbBundleOfBrowser } from '../../src/lib/offline/duckdb-bundle';
import { duckdbBundleOf, engineFilesToKeep } from '../../src/lib/offline/engine-files';

const site = {
	origin: 'https://concord.example',
	base: '',
	staticPaths: new Set(['/favicon.svg', '/robots.txt'])
};

describe('cacheRule', () => {
	const cases: [string, string, RequestMode, string, CacheRule][] = [
		['a page load', 'GET', 'navigate', '/segments', 'shell-fallback'],
		['the home page', 'GET', 'navigate', '/', 'shell-fallback'],
		['a script of the build', 'GET', 'cors', '/_app/immutable/entry/app.abc.js', 'cache-first'],
		[
			'a DuckDB bundle',
			'GET',
			'same-origin',
			'/_app/immutable/workers/assets/duckdb-eh-x.wasm',
			'cache-first'
		],
		['a static file', 'GET', 'no-cors', '/favicon.svg', 'cache-first'],
		['the build version', 'GET', 'cors', '/_app/version.json', 'network-only'],
		['a file that is not the build', 'GET', 'cors', '/notes.txt', 'network-only'],
		['a POST', 'POST', 'cors', '/_app/immutable/entry/app.abc.js', 'network-only'],
		['another origin', 'GET', 'cors', 'https://cdn.example/_app/immutable/x.js', 'network-only'],
		['another origin, as a page', 'GET', 'navigate', 'https://elsewhere.example/', 'network-only']
	];
	it.each(cases)('%s', (_label, method, mode, path, expected) => {
		const url = new URL(path, site.origin).href;
		expect(cacheRule({ method, mode, url }, site)).toBe(expected);
	});

	it('follows the base path of a site served under one', () => {
		const under = { ...site, base: '/concord' };
		const url = `${site.origin}/concord/_app/immutable/chunks/a.js`;
		expect(cacheRule({ method: 'GET', mode: 'cors', url }, under)).toBe('cache-first');
		const outside = `${site.origin}/_app/immutable/chunks/a.js`;
		expect(cacheRule({ method: 'GET', mode: 'cors', url: outside }, under)).toBe('network-only');
	});
});

describe('engine files', () => {
	const list = [
		'_app/immutable/workers/assets/duckdb-browser-eh.worker-hQa-dcAV.js',
		'_app/immutable/workers/assets/duckdb-browser-mvp.worker-C9hF7LGh.js',
		'_app/immutable/workers/assets/duckdb-eh-9ubY-jlA.wasm',
		'_app/immutable/workers/assets/duckdb-mvp-BP0pRkMH.wasm',
		'_app/immutable/workers/chunks/B42W2L7i.js',
		'_app/immutable/workers/engine.worker-Dt3ilFsx.js'
	];

	it.each([
		['_app/immutable/workers/assets/duckdb-eh-9ubY-jlA.wasm', 'eh'],
		['_app/immutable/workers/assets/duckdb-browser-mvp.worker-C9hF7LGh.js', 'mvp'],
		['_app/immutable/workers/assets/duckdb-browser-coi.pthread.worker-a1.js', 'coi'],
		['_app/immutable/workers/chunks/B42W2L7i.js', null],
		['_app/immutable/workers/engine.worker-Dt3ilFsx.js', null]
	])('%s belongs to bundle %s', (file, bundle) => {
		expect(duckdbBundleOf(file)).toBe(bundle);
	});

	it('keeps the engine and the one DuckDB bundle the browser runs', () => {
		expect(engineFilesToKeep(list, 'eh')).toEqual([
			'_app/immutable/workers/assets/duckdb-browser-eh.worker-hQa-dcAV.js',
			'_app/immutable/workers/assets/duckdb-eh-9ubY-jlA.wasm',
			'_app/immutable/workers/chunks/B42W2L7i.js',
			'_app/immutable/workers/engine.worker-Dt3ilFsx.js'
		]);
	});

	it('finds the bundle of a runtime with WebAssembly exception handling', () => {
		// Node 20's V8 has the feature, as every browser the 'eh' bundle is built for.
		expect(duckdbBundleOfBrowser()).toBe('eh');
	});
});
