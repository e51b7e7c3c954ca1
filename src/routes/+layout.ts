// A single-page app: nothing renders on a server, every page runs in the browser.
export const ssr = false;
export const prerender = false;
export const trailingSlash = 'never';
