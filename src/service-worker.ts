/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// The service worker: keeps the app shell and the engine in a cache named after the build, so that
// after one visit Concord starts and works with the network off. At install it stores the shell
// (the fallback page every route boots from), the build's scripts and styles, the static files and
// the engine with the DuckDB bundle this browser runs; later it stores any other file of the build
// on its first fetch. Cached responses are the server's own, headers included, so the site's
// policies hold offline too. The engine's data never passes through here: it lives in the
// browser's private file system, and files a user opens are read from disk, never fetched.
import { base, build, files, prerendered, version } from '$service-worker';
import { cacheRule, IMMUTABLE_DIR } from './lib/offline/cache-rules';
import { duckdbBundleOfBrowser } from './lib/offline/duckdb-bundle';
import { engineFilesToKeep } from './lib/offline/engine-files';

const sw = self as unknown as ServiceWorkerGlobalScope;

const CACHE_PREFIX = 'concord-';
const CACHE = `${CACHE_PREFIX}${version}`;
/** The fallback page (index.html) the server answers for every route of the app. */
const SHELL = `${base}/`;
/** Written by the build (scripts/engine-files.js): the files the engine worker loads itself. */
const ENGINE_FILES_LIST = `${base}/_app/engine-files.json`;
const staticPaths = new Set([...files, ...prerendered]);

async function engineFiles(): Promise<string[]> {
	const response = await fetch(ENGINE_FILES_LIST, { cache: 'no-cache' });
	// Without the list (a development server) the engine is stored on its first fetch instead.
	if (!response.ok) return [];
	const list = (await response.json()) as string[];
	return engineFilesToKeep(list, duckdbBundleOfBrowser()).map((file) => `${base}/${file}`);
}

/** Stores a file, reusing an earlier build's copy of a content-hashed one (no second download). */
async function store(cache: Cache, url: string): Promise<void> {
	if (url.startsWith(`${base}${IMMUTABLE_DIR}`)) {
		const earlier = await caches.match(url);
		if (earlier) return cache.put(url, earlier);
	}
	await cache.add(url);
}

async function install(): Promise<void> {
	const cache = await caches.open(CACHE);
	const urls = new Set([SHELL, ...build, ...staticPaths, ...(await engineFiles())]);
	await Promise.all([...urls].map((url) => store(cache, url)));
}

async function activate(): Promise<void> {
	for (const key of await caches.keys()) {
		if (key.startsWith(CACHE_PREFIX) && key !== CACHE) await caches.delete(key);
	}
	// The first visit's page starts uncontrolled; taking it over lets its later fetches be stored.
	await sw.clients.claim();
}

async function shellFallback(request: Request): Promise<Response> {
	try {
		return await fetch(request);
	} catch {
		return (await caches.match(SHELL, { cacheName: CACHE })) ?? Response.error();
	}
}

async function cacheFirst(event: FetchEvent): Promise<Response> {
	const cache = await caches.open(CACHE);
	const cached = await cache.match(event.request);
	if (cached) return cached;
	const response = await fetch(event.request);
	// Only whole, successful answers are kept (never a partial 206 or an error); the page reads the
	// response while it is being stored, rather than after a wasm module of megabytes is written.
	if (response.status === 200) event.waitUntil(cache.put(event.request, response.clone()));
	return response;
}

sw.addEventListener('install', (event) => event.waitUntil(install()));
sw.addEventListener('activate', (event) => event.waitUntil(activate()));
sw.addEventListener('fetch', (event) => {
	const rule = cacheRule(event.request, { origin: sw.location.origin, base, staticPaths });
	if (rule === 'shell-fallback') event.respondWith(shellFallback(event.request));
	else if (rule === 'cache-first') event.respondWith(cacheFirst(event));
});
