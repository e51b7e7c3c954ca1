// Times one scenario on a Db, the same way in the browser's worker and natively: set-up, then
// the run step alone under the clock, then clean-up. The tricky point: everything happens in a
// scratch database (ATTACH … ; USE …) that is detached afterwards, so a benchmark never touches
// the user's saved workspace (the demo scenario would replace the user's demo). The host gives
// the scratch database a file when it can: a database file lets DuckDB evict written blocks,
// which the browser needs at a million persons (an in-memory one cannot spill there).
import type { Db } from '../db';
import { scalarOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';
import type { BenchInput, BenchScenario, BenchTiming } from './scenario';

export const SCRATCH_DATABASE = 'cc_bench';

function checkSize(scenario: BenchScenario, size: number): void {
	if (!Number.isSafeInteger(size) || size < 1) {
		throw new Error(`The size of '${scenario.name}' must be a whole number above 0 (got ${size}).`);
	}
}

/**
 * Runs `work` with a fresh scratch database as the default one, then detaches it. `path` is a
 * database file the host prepared (and deletes afterwards), or ':memory:'.
 */
export async function inScratchDatabase<T>(
	db: Db,
	work: () => Promise<T>,
	path = ':memory:'
): Promise<T> {
	const previous = String(scalarOf(await db.query(sql`SELECT current_database()`)));
	const scratch = ident(SCRATCH_DATABASE);
	await db.exec(sql`DETACH DATABASE IF EXISTS ${scratch}`);
	await db.exec(sql`ATTACH ${path} AS ${scratch}`);
	try {
		await db.exec(sql`USE ${scratch}`);
		return await work();
	} finally {
		await db.exec(sql`USE ${ident(previous)}`);
		await db.exec(sql`DETACH DATABASE IF EXISTS ${scratch}`);
	}
}

export async function measureScenario(
	db: Db,
	scenario: BenchScenario,
	size: number,
	input: BenchInput = {},
	scratchPath = ':memory:'
): Promise<BenchTiming> {
	checkSize(scenario, size);
	return inScratchDatabase(
		db,
		async () => {
			try {
				await scenario.setup(db, size, input);
				const started = performance.now();
				const latency = await scenario.run(db, size, input);
				const seconds = (performance.now() - started) / 1000;
				return latency ? { seconds, latency } : { seconds };
			} finally {
				await scenario.cleanup(db);
			}
		},
		scratchPath
	);
}
