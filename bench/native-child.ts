// One native scenario in a process of its own, so its peak memory is its own:
//   node --import tsx bench/native-child.ts NAME SIZE [--repeat N] [--threads T] [--csv PATH]
// Prints one JSON line {seconds, peakMb}. The tricky point: peak memory is the process's maximum
// resident set (getrusage), which includes Node and the tsx loader (~100 MB) on top of DuckDB.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { NativeDb } from '../src/cli/native-db';
import { findScenario, measureScenario, type BenchTiming } from '../src/lib/core/bench';
import { offlineSettings } from '../src/lib/core/engine-settings';
import type { Measured } from './result';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		repeat: { type: 'string', default: '1' },
		threads: { type: 'string', default: '2' },
		csv: { type: 'string' }
	}
});
const [name = '', sizeText = ''] = positionals;
const scenario = findScenario(name);
const size = Number(sizeText);

const db = await NativeDb.open(':memory:', { threads: values.threads });
for (const statement of offlineSettings()) await db.exec(statement);
// A file-backed scratch database, as in the browser, so both engines can evict written blocks.
const scratchDir = mkdtempSync(join(tmpdir(), 'concord-bench-'));
let best: BenchTiming = { seconds: Infinity };
try {
	for (let i = 0; i < Number(values.repeat); i++) {
		const scratch = join(scratchDir, `scratch-${i}.db`);
		const timing = await measureScenario(db, scenario, size, { csvFile: values.csv }, scratch);
		if (timing.seconds < best.seconds) best = timing;
	}
} finally {
	db.close();
	rmSync(scratchDir, { recursive: true, force: true });
}
const measured: Measured = { ...best, peakMb: process.resourceUsage().maxRSS / 1024 };
console.log(JSON.stringify(measured));
