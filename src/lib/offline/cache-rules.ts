// How the service worker answers a request, decided from the request alone. The tricky point is
// what is never answered: anything but a GET to the site's own origin passes by untouched, so
// nothing from another origin and nothing a user sends is ever stored.

export type CacheRule =
	/** A page load: the network first, the cached app shell when the network is out of reach. */
	| 'shell-fallback'
	/** A file whose content never changes under its name: the cache first, stored on first fetch. */
	| 'cache-first'
	/** Not the service worker's business: the browser fetches it as if there were none. */
	| 'network-only';

export interface RequestFacts {
	method: string;
	url: string;
	mode: RequestMode;
}

/** Where the build's content-hashed files live: a new content always gets a new name. */
export const IMMUTABLE_DIR = '/_app/immutable/';

export function cacheRule(
	request: RequestFacts,
	site: { origin: string; base: string; staticPaths: ReadonlySet<string> }
): CacheRule {
	if (request.method !== 'GET') return 'network-only';
	const url = new URL(request.url);
	if (url.origin !== site.origin) return 'network-only';
	if (request.mode === 'navigate') return 'shell-fallback';
	if (url.pathname.startsWith(`${site.base}${IMMUTABLE_DIR}`)) return 'cache-first';
	if (site.staticPaths.has(url.pathname)) return 'cache-first';
	return 'network-only';
}
