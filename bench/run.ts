// `npm run bench`: runs the named scenarios natively (a child process each) and in headless
// Chromium (a fresh browser each), prints a table and writes bench/results/latest.json. The
// tricky point: the CSV of the import scenario is written once per size and read by both hosts.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowserBench, type BrowserBench } from './browser';
import { writeCustomerCsv } from './csv-fixture';
import { runNative } from './native';
import { parseOptions, USAGE, type BenchOptions, type PlannedRun } from './options';
import {
	BenchFailure,
	failureMessage,
	round,
	type BenchEngine,
	type BenchResult,
	type Measured
} from './result';
import { resultsTable } from './table';

const RESULTS_FILE = 'bench/results/latest.json';
const count = new Intl.NumberFormat('en-US');

async function writeCsvFiles(plan: PlannedRun[], folder: string): Promise<Map<number, string>> {
	const files = new Map<number, string>();
	for (const run of plan.filter((r) => r.needsCsv && !files.has(r.size))) {
		const path = join(folder, `customers-${run.size}.csv`);
		const started = Date.now();
		await writeCustomerCsv(path, run.size);
		console.log(`Wrote ${count.format(run.size)} CSV rows in ${(Date.now() - started) / 1000} s`);
		files.set(run.size, path);
	}
	return files;
}

async function measure(
	engine: BenchEngine,
	run: PlannedRun,
	work: () => Promise<Measured>
): Promise<BenchResult> {
	const label = `${engine.padEnd(7)} ${run.scenario} ${count.format(run.size)} (best of ${run.repeat})`;
	const started = Date.now();
	try {
		const { seconds, peakMb, latency } = await work();
		const latencies = latency
			? `, p50 ${latency.p50Ms.toFixed(0)} ms, p95 ${latency.p95Ms.toFixed(0)} ms of ${latency.samples}`
			: '';
		console.log(`${label}: ${seconds.toFixed(3)} s${latencies}, peak ${Math.round(peakMb)} MB`);
		return {
			scenario: run.scenario,
			size: run.size,
			engine,
			seconds: round(seconds, 4),
			peak_mb: round(peakMb, 1),
			...(latency ? { p50_ms: round(latency.p50Ms, 1), p95_ms: round(latency.p95Ms, 1) } : {})
		};
	} catch (error) {
		const message = failureMessage(error);
		const peakMb = error instanceof BenchFailure ? error.peakMb : null;
		const after = Math.round((Date.now() - started) / 1000);
		console.log(`${label}: failed after ${after} s (start-up included) — ${message}`);
		return {
			scenario: run.scenario,
			size: run.size,
			engine,
			seconds: null,
			peak_mb: peakMb === null ? null : round(peakMb, 1),
			error: message
		};
	}
}

/** Timings on a shared machine are only as good as its quiet: say so when it is busy. */
function warnIfBusy(): void {
	const [load = 0] = loadavg();
	if (load > 1) {
		console.log(
			`Note: the machine is busy (load ${load.toFixed(1)} on ${availableParallelism()} cores): timings will be noisy.`
		);
	}
}

async function main(options: BenchOptions): Promise<BenchResult[]> {
	warnIfBusy();
	const folder = await mkdtemp(join(tmpdir(), 'concord-bench-'));
	const results: BenchResult[] = [];
	let browser: BrowserBench | null = null;
	try {
		const csv = await writeCsvFiles(options.plan, folder);
		const common = (run: PlannedRun) => ({
			...run,
			csvFile: run.needsCsv ? csv.get(run.size) : undefined,
			timeoutMs: options.timeoutMs
		});
		if (options.engines.includes('native')) {
			for (const run of options.plan) {
				const work = () => runNative({ ...common(run), threads: options.threads });
				results.push(await measure('native', run, work));
			}
		}
		if (options.engines.includes('browser')) {
			browser = await startBrowserBench();
			for (const run of options.plan) {
				const bench = browser;
				results.push(await measure('browser', run, () => bench.run(common(run))));
			}
		}
	} finally {
		await browser?.close();
		await rm(folder, { recursive: true, force: true });
	}
	return results;
}

try {
	const options = parseOptions(process.argv.slice(2));
	if (!options) {
		console.log(USAGE);
	} else {
		const results = await main(options);
		console.log(`\n${resultsTable(results)}`);
		await mkdir('bench/results', { recursive: true });
		await writeFile(RESULTS_FILE, `${JSON.stringify(results, null, '\t')}\n`);
		console.log(`\nWrote ${RESULTS_FILE}`);
		if (results.some((r) => r.error)) process.exitCode = 1;
	}
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error));
	process.exitCode = 1;
}
