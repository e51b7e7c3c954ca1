// Starts duckdb-wasm inside the engine worker from bundles served by the site itself (Vite emits
// them as assets), picks the best bundle the browser supports, and opens the database on OPFS
// when the browser has it. The threads (COI) bundle is not shipped: it needs cross-origin
// isolation and proved slower and less stable on laptops' two cores.
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import type { BundleName, Persistence } from '../src/lib/engine/api';

export const DATABASE_FILE = 'concord.db';
const DATABASE_PATH = `opfs://${DATABASE_FILE}`;

export interface BootedEngine {
	db: duckdb.AsyncDuckDB;
	bundle: BundleName;
	persistence: Persistence;
	persistenceNote: string | null;
}

const absolute = (url: string) => new URL(url, self.location.href).href;

async function opfsAvailable(): Promise<string | null> {
	try {
		if (!navigator.storage?.getDirectory) return 'This browser has no private file system (OPFS).';
		await navigator.storage.getDirectory();
		return null;
	} catch (error) {
		return `The private file system is not usable here (${String(error)}).`;
	}
}

export async function bootDuckDb(persistent: boolean): Promise<BootedEngine> {
	const bundle = await duckdb.selectBundle({
		mvp: { mainModule: absolute(mvpWasm), mainWorker: absolute(mvpWorker) },
		eh: { mainModule: absolute(ehWasm), mainWorker: absolute(ehWorker) }
	});
	const bundleName: BundleName = bundle.mainModule.includes('-eh') ? 'eh' : 'mvp';
	let db = await instantiate(bundle);

	let persistenceNote = persistent ? await opfsAvailable() : 'Persistence was turned off.';
	if (persistenceNote === null) {
		let failure = await openSaved(db);
		if (failure === null) return { db, bundle: bundleName, persistence: 'opfs', persistenceNote };
		if (isLogReplayFailure(failure)) {
			// The engine does not always empty its write-ahead log on OPFS at a checkpoint, and a
			// log replayed into the file that already holds it fails. Every change of the app is
			// checkpointed when it commits, so the file is the workspace as last saved: open it
			// without the log, which is kept aside rather than deleted.
			await db.terminate();
			await setAsideLog();
			db = await instantiate(bundle);
			failure = await openSaved(db);
			if (failure === null) {
				persistenceNote = `The log of the last changes could not be read back, so the workspace was opened as it was last saved (the log is kept as ${DATABASE_FILE}.wal.unread).`;
				return { db, bundle: bundleName, persistence: 'opfs', persistenceNote };
			}
		}
		persistenceNote = `The saved workspace could not be opened (${String(failure)}).`;
	}
	await db.open({ query: QUERY_CONFIG });
	return { db, bundle: bundleName, persistence: 'memory', persistenceNote };
}

const QUERY_CONFIG = {
	castBigIntToDouble: true,
	castDecimalToDouble: true,
	castTimestampToDate: true
};

async function instantiate(bundle: duckdb.DuckDBBundle): Promise<duckdb.AsyncDuckDB> {
	const worker = new Worker(bundle.mainWorker as string);
	const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
	await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
	return db;
}

/** Opens the workspace's database file; null when it opened, else what failed. */
async function openSaved(db: duckdb.AsyncDuckDB): Promise<unknown> {
	try {
		await db.open({
			path: DATABASE_PATH,
			accessMode: duckdb.DuckDBAccessMode.READ_WRITE,
			query: QUERY_CONFIG
		});
		return null;
	} catch (error) {
		return error ?? new Error('unknown failure');
	}
}

const isLogReplayFailure = (error: unknown) =>
	/Failure while replaying WAL file/i.test(error instanceof Error ? error.message : String(error));

/**
 * Renames the workspace's write-ahead log to `….wal.unread` (replacing an older one), waiting
 * for the engine just terminated to let go of it.
 */
async function setAsideLog(): Promise<void> {
	const root = await navigator.storage.getDirectory();
	const name = `${DATABASE_FILE}.wal`;
	const aside = `${name}.unread`;
	await root.removeEntry(aside).catch(() => undefined);
	const giveUp = performance.now() + UNLOCK_WAIT_MS;
	for (;;) {
		try {
			const handle = (await root.getFileHandle(name)) as FileSystemFileHandle & {
				move(name: string): Promise<void>;
			};
			await handle.move(aside);
			return;
		} catch (error) {
			if (error instanceof DOMException && error.name === 'NotFoundError') return;
			if (performance.now() > giveUp) throw error;
			await new Promise((resolve) => setTimeout(resolve, UNLOCK_POLL_MS));
		}
	}
}

/**
 * Deletes a database file (the workspace's by default) and its write-ahead log from OPFS;
 * `waitForUnlock`: see removeOpfsFiles.
 */
export async function deleteDatabaseFiles(
	file = DATABASE_FILE,
	options: { waitForUnlock?: boolean } = {}
): Promise<void> {
	await removeOpfsFiles([file, `${file}.wal`], options);
}

/** How long a file may stay locked by the engine just terminated before deleting it fails. */
const UNLOCK_WAIT_MS = 10_000;
const UNLOCK_POLL_MS = 100;

/**
 * Deletes files from OPFS; files that are not there are what we want, not an error. The tricky
 * point: a terminated engine releases its file handles a moment later (longer on a busy
 * machine), and until then deleting fails. With `waitForUnlock` a locked file is tried again
 * for a while, and one that stays locked is an error, never a silent "deleted"; without it (a
 * scratch file, best effort) it is left.
 */
export async function removeOpfsFiles(
	names: readonly string[],
	{ waitForUnlock = false }: { waitForUnlock?: boolean } = {}
): Promise<void> {
	if (!navigator.storage?.getDirectory) return;
	const root = await navigator.storage.getDirectory();
	for (const name of names) {
		const giveUp = performance.now() + UNLOCK_WAIT_MS;
		for (;;) {
			try {
				await root.removeEntry(name);
				break;
			} catch (error) {
				if (error instanceof DOMException && error.name === 'NotFoundError') break;
				if (!waitForUnlock) break;
				if (performance.now() > giveUp) {
					throw new Error(
						`'${name}' could not be deleted: it is still in use (close Concord's other tabs and try again).`,
						{ cause: error }
					);
				}
				await new Promise((resolve) => setTimeout(resolve, UNLOCK_POLL_MS));
			}
		}
	}
}
