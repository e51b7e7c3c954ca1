import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { contentSecurityPolicy } from './scripts/csp.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A single-page app: every route renders in the browser, the fallback page boots it.
		adapter: adapter({ fallback: 'index.html', strict: true }),
		// The same policy is sent as a header by scripts/serve.js; the meta tag guards any other host.
		csp: { mode: 'hash', directives: contentSecurityPolicy.directives },
		alias: { $workers: 'workers' }
	}
};

export default config;
