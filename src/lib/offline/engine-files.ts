// Which of the engine's own files the service worker keeps at install: its chunks, and of the
// DuckDB bundles (each a wasm module and the worker scripts that run it) only the one this
// browser runs; the other bundles are tens of megabytes the browser never fetches.

/** The DuckDB bundle a file belongs to ('eh', 'mvp', ...), or null when it is not a bundle file. */
export function duckdbBundleOf(file: string): string | null {
	const name = file.slice(file.lastIndexOf('/') + 1);
	return /^duckdb-(?:browser-)?([a-z]+)[.-]/.exec(name)?.[1] ?? null;
}

/** The engine files to keep when this browser runs the `bundle` DuckDB bundle. */
export function engineFilesToKeep(files: readonly string[], bundle: string): string[] {
	return files.filter((file) => {
		const owner = duckdbBundleOf(file);
		return owner === null || owner === bundle;
	});
}
