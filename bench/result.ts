// One measured line of a benchmark run, as written to bench/results/latest.json. Seconds are the
// best of the repeats of the run step; peak_mb is the host's peak resident memory in MiB.
import type { BenchLatency } from '../src/lib/core/bench';

export type BenchEngine = 'browser' | 'native';

export interface BenchResult {
	scenario: string;
	size: number;
	engine: BenchEngine;
	/** Best of the repeats, run step only; null when the scenario failed. */
	seconds: number | null;
	/** Peak resident memory of the host in MiB (2^20 bytes); for a failure, the peak before it. */
	peak_mb: number | null;
	/** For a scenario of many requests: their median and 95th percentile in ms (best run). */
	p50_ms?: number;
	p95_ms?: number;
	/** Only when the scenario failed: what went wrong. */
	error?: string;
}

/** What one host reports for one scenario and size. */
export interface Measured {
	seconds: number;
	peakMb: number;
	latency?: BenchLatency;
}

export const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** A scenario that failed, with the peak memory seen before it did (when it was measured). */
export class BenchFailure extends Error {
	constructor(
		message: string,
		readonly peakMb: number | null
	) {
		super(message);
		this.name = 'BenchFailure';
	}
}

/** The first line of an error, without Playwright's "page.evaluate: Error: " prefix. */
export function failureMessage(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return (text.split('\n')[0] ?? '').replace(/^page\.evaluate: (Error: )?/, '').trim();
}
