// Svelte state proxies cannot be structured-cloned into IndexedDB: what is stored is a plain copy.
export function plainCopy<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}
