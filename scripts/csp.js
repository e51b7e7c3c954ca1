// The one Content-Security-Policy of the site: only the page's own origin, plus blob:/data: where
// workers, wasm and images need them. Used by svelte.config.js (meta tag) and serve.js (header).

/** @type {Record<string, string[]>} */
const directives = {
	'default-src': ['self'],
	// 'wasm-unsafe-eval' lets DuckDB compile its WebAssembly; nothing else may be evaluated.
	'script-src': ['self', 'wasm-unsafe-eval'],
	'worker-src': ['self', 'blob:'],
	'connect-src': ['self', 'blob:', 'data:'],
	'img-src': ['self', 'blob:', 'data:'],
	// Charts and Svelte transitions set inline styles.
	'style-src': ['self', 'unsafe-inline'],
	'font-src': ['self'],
	'object-src': ['none'],
	'base-uri': ['self'],
	'form-action': ['self']
};

/** @param {string} source */
const quoteKeyword = (source) =>
	['self', 'none', 'unsafe-inline', 'wasm-unsafe-eval', 'unsafe-eval'].includes(source)
		? `'${source}'`
		: source;

/** The policy as a header value (frame-ancestors only works as a header). */
export function cspHeader() {
	const parts = Object.entries(directives).map(
		([name, sources]) => `${name} ${sources.map(quoteKeyword).join(' ')}`
	);
	return [...parts, "frame-ancestors 'none'"].join('; ');
}

export const contentSecurityPolicy = { directives };
