// The function the benchmark page puts on `window` so the harness (`npm run bench`) can drive
// the real worker from Playwright. Typed here, once, for both sides; the page owns the file
// input, so a CSV scenario uses the file last set on it.
import type { BenchTiming } from './scenario';

export const BENCHMARK_HOOK = 'concordBenchmark';

export interface BenchmarkPageHook {
	run(scenario: string, size: number): Promise<BenchTiming>;
}
