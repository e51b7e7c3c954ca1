// The seeded multi-source demo: a retailer's messy customer exports and their ground truth,
// generated in DuckDB by SQL so it is fast at a million persons and identical on every engine.
export {
	generateDemo,
	demoSteps,
	demoTables,
	type DemoSummary,
	type DemoTableCount
} from './generate';
export {
	resolveDemoOptions,
	DEFAULT_DEMO_AS_OF,
	DEFAULT_DEMO_SEED,
	MAX_DEMO_PERSONS,
	type DemoOptions,
	type ResolvedDemoOptions
} from './options';
export { DEMO_SOURCES, DEMO_TRUTH_TABLES, type DemoSource } from './sources';
export { encodeWindows1252 } from './windows-1252';
