// A Vite plugin that writes `_app/engine-files.json`: the files the engine worker loads itself
// (its lazily imported chunks and the DuckDB bundles). SvelteKit's service worker list names the
// engine worker's entry but none of these, since Vite builds the worker as a bundle of its own;
// the service worker reads this list to keep the engine working offline.

const LIST_FILE = '_app/engine-files.json';
const WORKER_FILES = '_app/immutable/workers/';

/** @returns {import('vite').Plugin} */
export function engineFilesList() {
	return {
		name: 'concord-engine-files',
		apply: 'build',
		enforce: 'post',
		applyToEnvironment: (environment) => environment.name === 'client',
		generateBundle(_options, bundle) {
			const files = Object.keys(bundle)
				.filter((file) => file.startsWith(WORKER_FILES))
				.sort();
			this.emitFile({ type: 'asset', fileName: LIST_FILE, source: JSON.stringify(files) });
		}
	};
}
