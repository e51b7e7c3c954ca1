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
	const worker = new Worker(bundle.mainWorker as string);
	const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
	await db.instantiate(bundle.mainModule, bundle.pthreadWorker);

	const query = { castBigIntToDouble: true, castDecimalToDouble: true, castTimestampToDate: true };
	let persistenceNote = persistent ? await opfsAvailable() : 'Persistence was turned off.';
	if (persistenceNote === null) {
		try {
			await db.open({ path: DATABASE_PATH, accessMode: duckdb.DuckDBAccessMode.READ_WRITE, query });
			return { db, bundle: bundleName, persistence: 'opfs', persistenceNote: null };
		} catch (error) {
			persistenceNote = `The saved workspace could not be opened (${String(error)}).`;
		}
	}
	await db.open({ query });
	return { db, bundle: bundleName, persistence: 'memory', persistenceNote };
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
