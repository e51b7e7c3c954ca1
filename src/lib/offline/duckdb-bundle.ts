// The DuckDB bundle this browser runs, found the way the engine finds it: the 'eh' bundle needs
// WebAssembly exception handling, the 'mvp' bundle runs everywhere else. Here for the service
// worker, which must know it before any page of the site has started the engine.

/**
 * The smallest module that uses exception handling: one function whose body is an empty `try`
 * block. Only a browser with the feature accepts it as valid.
 */
const TRY_BLOCK_MODULE = new Uint8Array([
	// "\0asm", version 1
	0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
	// type section: one function type, no parameters, no results
	0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
	// function section: one function of type 0
	0x03, 0x02, 0x01, 0x00,
	// code section: one body of 5 bytes, no locals, `try` (empty block type) `end`, `end`
	0x0a, 0x07, 0x01, 0x05, 0x00, 0x06, 0x40, 0x0b, 0x0b
]);

export function duckdbBundleOfBrowser(): 'eh' | 'mvp' {
	try {
		return WebAssembly.validate(TRY_BLOCK_MODULE) ? 'eh' : 'mvp';
	} catch {
		return 'mvp';
	}
}
