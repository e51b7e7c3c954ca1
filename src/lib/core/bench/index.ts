// The benchmark scenarios, in the order they are reported. Later work adds its own here; the
// harness (`npm run bench`) and the benchmark page list whatever this holds.
import { csvImport } from './csv-import';
import { customer360 } from './customer-360';
import { demoLoad } from './demo-load';
import { groupbyEvents } from './groupby-events';
import { identity } from './identity';
import { indicators } from './indicators';
import { segmentCount } from './segment-count';
import type { BenchScenario } from './scenario';

export const BENCH_SCENARIOS: readonly BenchScenario[] = [
	demoLoad,
	csvImport,
	groupbyEvents,
	identity,
	customer360,
	indicators,
	segmentCount
];

export function findScenario(name: string): BenchScenario {
	const scenario = BENCH_SCENARIOS.find((s) => s.name === name);
	if (!scenario) {
		const known = BENCH_SCENARIOS.map((s) => s.name).join(', ');
		throw new Error(`There is no benchmark scenario '${name}' (known: ${known}).`);
	}
	return scenario;
}

export { measureScenario, inScratchDatabase, SCRATCH_DATABASE } from './measure';
export type { BenchInput, BenchLatency, BenchScenario, BenchTiming } from './scenario';
export { BENCHMARK_HOOK, type BenchmarkPageHook } from './page-hook';
