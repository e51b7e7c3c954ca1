// The core's Db on duckdb-wasm's blocking Node build: the very engine the browser runs, in Node,
// so the core's SQL is checked against the wasm build and not only against native DuckDB.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Table } from 'apache-arrow';
import {
	ConsoleLogger,
	LogLevel,
	NODE_RUNTIME,
	createDuckDB,
	type DuckDBBindings,
	type DuckDBConnection
} from '@duckdb/duckdb-wasm/blocking';
import type { Db } from '../../src/lib/core/db';
import { offlineSettings } from '../../src/lib/core/engine-settings';
import type { Sql } from '../../src/lib/core/sql/sql';

const require = createRequire(import.meta.url);
const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));

export class WasmDb implements Db {
	private constructor(
		readonly bindings: DuckDBBindings,
		private readonly connection: DuckDBConnection
	) {}

	static async open(): Promise<WasmDb> {
		const bindings = await createDuckDB(
			{
				mvp: {
					mainModule: join(dist, 'duckdb-mvp.wasm'),
					mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs')
				},
				eh: {
					mainModule: join(dist, 'duckdb-eh.wasm'),
					mainWorker: join(dist, 'duckdb-node-eh.worker.cjs')
				}
			},
			new ConsoleLogger(LogLevel.WARNING),
			NODE_RUNTIME
		);
		await bindings.instantiate();
		bindings.open({
			query: { castBigIntToDouble: true, castDecimalToDouble: true, castTimestampToDate: true }
		});
		const connection = bindings.connect();
		for (const statement of offlineSettings()) connection.query(statement.text);
		return new WasmDb(bindings, connection);
	}

	async exec(statement: Sql): Promise<void> {
		this.connection.query(statement.text);
	}

	async query(statement: Sql): Promise<Table> {
		return this.connection.query(statement.text) as unknown as Table;
	}

	close(): void {
		this.connection.close();
		this.bindings.reset();
	}
}
