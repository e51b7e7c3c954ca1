// The engines the core's tests run on: native DuckDB and the wasm build, both v1.4.3.
// `describe.each(engines)` runs a suite on each, so a difference between hosts fails a test.
import { NativeDb } from '../../src/cli/native-db';
import type { Db } from '../../src/lib/core/db';
import { offlineSettings } from '../../src/lib/core/engine-settings';
import { WasmDb } from './wasm-db';

export interface TestEngine {
	name: 'native' | 'wasm';
	open(): Promise<Db & { close(): void }>;
}

export const engines: TestEngine[] = [
	{
		name: 'native',
		async open() {
			const db = await NativeDb.open(':memory:', { threads: '1' });
			for (const statement of offlineSettings()) await db.exec(statement);
			return db;
		}
	},
	{ name: 'wasm', open: () => WasmDb.open() }
];
