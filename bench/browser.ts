// Runs scenarios in headless Chromium against the built site: the real page, the real engine
// worker. Each scenario and size gets a fresh browser (and profile), so its peak memory is its
// own; the page exposes `window.concordBenchmark.run` and a file input for the CSV scenario.
// Memory is sampled from the first run to the last (the page's start-up is not included).
import type { Page } from 'playwright-core';
import { ensureChromium } from '../scripts/ensure-chromium.js';
import { serve } from '../scripts/serve.js';
import { launchBrowser, removeProfile } from '../tests/e2e/support/browser';
import { BENCHMARK_HOOK, type BenchmarkPageHook, type BenchTiming } from '../src/lib/core/bench';
import { ensureBuilt } from './build';
import { samplePeak, type PeakSampler } from './memory';
import { BenchFailure, failureMessage, type Measured } from './result';

export const BENCHMARK_PATH = '/workspace/benchmark';
const ENGINE_TIMEOUT = 120_000;

export interface BrowserRun {
	scenario: string;
	size: number;
	repeat: number;
	csvFile?: string;
	timeoutMs: number;
}

export interface BrowserBench {
	run(run: BrowserRun): Promise<Measured>;
	close(): Promise<void>;
}

/** A promise that rejects after `ms` (or when the page crashes): raced against each step. */
function failure(page: Page, ms: number): { promise: Promise<never>; clear(): void } {
	let timer: NodeJS.Timeout | undefined;
	const promise = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`timed out after ${Math.round(ms / 1000)} s`)), ms);
		page.on('crash', () => reject(new Error('the page crashed (out of memory?)')));
	});
	promise.catch(() => undefined);
	return { promise, clear: () => clearTimeout(timer) };
}

async function timeOnce(page: Page, scenario: string, size: number): Promise<BenchTiming> {
	return page.evaluate(
		([hook, name, n]) =>
			(window as unknown as Record<string, BenchmarkPageHook>)[hook]!.run(name, n),
		[BENCHMARK_HOOK, scenario, size] as const
	);
}

async function runInFreshBrowser(url: string, run: BrowserRun): Promise<Measured> {
	const browser = await launchBrowser();
	const page = await browser.context.newPage();
	const failed = failure(page, run.timeoutMs);
	let sampler: PeakSampler | null = null;
	try {
		const step = <T>(work: Promise<T>) => Promise.race([work, failed.promise]);
		await step(page.goto(`${url}${BENCHMARK_PATH}`));
		await step(page.locator('[data-phase="ready"]').waitFor({ timeout: ENGINE_TIMEOUT }));
		await step(page.waitForFunction((hook) => hook in window, BENCHMARK_HOOK));
		if (run.csvFile) await step(page.getByTestId('bench-csv-file').setInputFiles(run.csvFile));
		sampler = samplePeak();
		let best: BenchTiming = { seconds: Infinity };
		for (let i = 0; i < run.repeat; i++) {
			const timing = await step(timeOnce(page, run.scenario, run.size));
			if (timing.seconds < best.seconds) best = timing;
		}
		return { ...best, peakMb: sampler.stop() };
	} catch (error) {
		throw new BenchFailure(failureMessage(error), sampler?.stop() ?? null);
	} finally {
		sampler?.stop();
		failed.clear();
		await browser.close().catch(() => undefined);
		await removeProfile(browser.profileDir);
	}
}

/** Builds the site if needed, serves it and returns a runner; close() stops the server. */
export async function startBrowserBench(): Promise<BrowserBench> {
	ensureChromium();
	ensureBuilt();
	const site = await serve({ dir: 'build', port: 0, quiet: true });
	return {
		run: (run) => runInFreshBrowser(site.url, run),
		close: () => site.close()
	};
}
