// The core's Db over an AsyncDuckDB connection, with cancellation: queries run as pending
// queries so that `cancel()` can interrupt one while the worker stays responsive.
import type * as duckdb from '@duckdb/duckdb-wasm';
import { tableFromIPC, type Table } from 'apache-arrow';
import type { Db } from '../src/lib/core/db';
import type { Sql } from '../src/lib/core/sql/sql';

export class CancelledError extends Error {
	constructor() {
		super('Cancelled');
		this.name = 'CancelledError';
	}
}

function concat(chunks: Uint8Array[]): Uint8Array {
	const size = chunks.reduce((sum, c) => sum + c.byteLength, 0);
	const out = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return out;
}

export class AsyncDb implements Db {
	private cancelled = false;
	private running = false;

	constructor(
		private readonly db: duckdb.AsyncDuckDB,
		private readonly connectionId: number
	) {}

	static async connect(db: duckdb.AsyncDuckDB): Promise<AsyncDb> {
		const connection = await db.connect();
		return new AsyncDb(
			db,
			connection.useUnsafe((_, id) => id)
		);
	}

	/** Runs one SQL text and returns the result as Arrow IPC stream bytes. */
	async run(text: string): Promise<Uint8Array> {
		if (this.cancelled) throw new CancelledError();
		this.running = true;
		try {
			let header = await this.db.startPendingQuery(this.connectionId, text, false);
			while (header === null) {
				if (this.cancelled) {
					await this.db.cancelPendingQuery(this.connectionId);
					throw new CancelledError();
				}
				header = await this.db.pollPendingQuery(this.connectionId);
			}
			const chunks = [header];
			for (;;) {
				const chunk = await this.db.fetchQueryResults(this.connectionId);
				if (chunk === null || chunk.byteLength === 0) break;
				chunks.push(chunk);
			}
			return concat(chunks);
		} catch (error) {
			if (this.cancelled) throw new CancelledError();
			throw error;
		} finally {
			this.running = false;
		}
	}

	async exec(statement: Sql): Promise<void> {
		await this.run(statement.text);
	}

	async query(statement: Sql): Promise<Table> {
		return tableFromIPC(await this.run(statement.text));
	}

	/** Marks the current call as cancelled: the running query stops, later ones are refused. */
	cancel(): void {
		this.cancelled = true;
	}

	/** Throws when the current call was cancelled: for work between queries (reading a file). */
	throwIfCancelled(): void {
		if (this.cancelled) throw new CancelledError();
	}

	/** Called when a new user action starts. */
	resetCancel(): void {
		this.cancelled = false;
	}

	get busy(): boolean {
		return this.running;
	}
}
