// What a benchmark scenario is: named SQL work at a given size, split into set-up (not timed),
// the run (timed) and clean-up. The tricky point: the very same functions run in the browser's
// engine worker and on native DuckDB, so they may only use the `Db` they receive — no host APIs.
import type { Db } from '../db';

/** What a scenario reads besides the database. */
export interface BenchInput {
	/** A CSV file DuckDB can read: a name registered in the worker, or a path on disk. */
	csvFile?: string;
}

export interface BenchScenario {
	name: string;
	/** What a person reads in a results table. */
	title: string;
	/** What is being counted by `size`. */
	unit: 'persons' | 'rows' | 'events' | 'records' | 'customers';
	/** The sizes of a full benchmark run. */
	sizes: readonly number[];
	/** Small sizes for a fast smoke check (`--quick`). */
	quickSizes: readonly number[];
	/** True when the scenario reads `input.csvFile`. */
	needsCsv: boolean;
	/**
	 * The table the run produces and how many rows it must hold at a given size (for tests); read
	 * from the database after the run when the count is not a function of the size alone.
	 */
	output: { table: string; rows(size: number, db: Db): number | Promise<number> };
	setup(db: Db, size: number, input: BenchInput): Promise<void>;
	/** The timed work; a scenario of many small requests also answers their latencies. */
	run(db: Db, size: number, input: BenchInput): Promise<void | BenchLatency>;
	/** Drops every table the scenario made. */
	cleanup(db: Db): Promise<void>;
}

/** Latencies of the requests a run made, in milliseconds. */
export interface BenchLatency {
	samples: number;
	p50Ms: number;
	p95Ms: number;
}

export interface BenchTiming {
	/** Wall-clock seconds of the run step alone. */
	seconds: number;
	latency?: BenchLatency;
}

/** The p50 and p95 of request times in milliseconds (nearest rank). */
export function latencyOf(times: readonly number[]): BenchLatency {
	const sorted = [...times].sort((a, b) => a - b);
	const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
	return { samples: sorted.length, p50Ms: rank(0.5), p95Ms: rank(0.95) };
}
