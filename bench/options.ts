// The command line of `npm run bench` and the plan it makes: which scenario at which size, how
// many times. The tricky point: seconds are the best of N runs, and N defaults to 1 at a million
// or more (one run already takes long and varies little) and to 3 below (small runs are noisy).
import { parseArgs } from 'node:util';
import { BENCH_SCENARIOS, findScenario } from '../src/lib/core/bench';
import type { BenchEngine } from './result';

export const USAGE = `npm run bench -- [--scenario NAME ...] [--engine browser|native] [--quick]
	[--repeat N] [--threads N] [--timeout SECONDS]

  --scenario  run only these scenarios (${BENCH_SCENARIOS.map((s) => s.name).join(', ')})
  --engine    run only in the browser or only natively (default: both)
  --quick     small sizes, for a fast smoke check
  --repeat    runs per scenario; seconds are the best (default: 1 at 1M or more, else 3)
  --threads   DuckDB threads natively (default 2; the browser engine has one)
  --timeout   give up on one scenario after this many seconds (default 900)`;

export interface BenchOptions {
	engines: BenchEngine[];
	repeat: number | null;
	threads: number;
	timeoutMs: number;
	plan: PlannedRun[];
}

export interface PlannedRun {
	scenario: string;
	size: number;
	repeat: number;
	needsCsv: boolean;
}

function positiveInteger(text: string, option: string): number {
	const value = Number(text);
	if (!Number.isSafeInteger(value) || value < 1) {
		throw new Error(`--${option} needs a whole number above 0 (got '${text}').`);
	}
	return value;
}

const isEngine = (name: string): name is BenchEngine => name === 'browser' || name === 'native';

export const defaultRepeat = (size: number): number => (size >= 1_000_000 ? 1 : 3);

export function parseOptions(argv: string[]): BenchOptions | null {
	const { values } = parseArgs({
		args: argv,
		options: {
			scenario: { type: 'string', multiple: true },
			engine: { type: 'string' },
			quick: { type: 'boolean', default: false },
			repeat: { type: 'string' },
			threads: { type: 'string', default: '2' },
			timeout: { type: 'string', default: '900' },
			help: { type: 'boolean', default: false }
		}
	});
	if (values.help) return null;
	const engines = values.engine ? [values.engine] : ['native', 'browser'];
	if (!engines.every(isEngine)) {
		throw new Error(`--engine is 'browser' or 'native' (got '${values.engine}').`);
	}
	const repeat = values.repeat ? positiveInteger(values.repeat, 'repeat') : null;
	const scenarios = values.scenario?.map(findScenario) ?? BENCH_SCENARIOS;
	const plan = scenarios.flatMap((scenario) =>
		(values.quick ? scenario.quickSizes : scenario.sizes).map((size) => ({
			scenario: scenario.name,
			size,
			repeat: repeat ?? defaultRepeat(size),
			needsCsv: scenario.needsCsv
		}))
	);
	return {
		engines,
		repeat,
		threads: positiveInteger(values.threads, 'threads'),
		timeoutMs: positiveInteger(values.timeout, 'timeout') * 1000,
		plan
	};
}
