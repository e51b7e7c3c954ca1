// Loading the demo retailer into the workspace: generate its exports, then list them in the
// catalog as sources like any imported file, each with its mapping and mapped view. Earlier demo
// sources are replaced, never doubled.
import type { Db } from '../db';
import { DEMO_SOURCES, generateDemo } from '../demo';
import { scalarOf } from '../sql/rows';
import { sql } from '../sql/sql';
import { ensureCatalog, registerSource, removeSources } from './catalog';
import { refreshMappedView } from './mapped-views';
import { saveSuggestedMapping } from './suggested-mapping';

export type DemoProgress = (done: number, total: number, label: string) => void;

/** `phoneCountry`: the country national phone numbers are read as (see refreshMappedView). */
export async function loadDemoWorkspace(
	db: Db,
	persons: number,
	onProgress?: DemoProgress,
	phoneCountry?: string
): Promise<void> {
	await ensureCatalog(db);
	await generateDemo(db, { persons }, onProgress);
	await removeSources(db, 'demo');
	for (const source of DEMO_SOURCES) {
		const sourceId = `demo:${source.table}`;
		await registerSource(db, {
			sourceId,
			name: source.name,
			kind: source.kind,
			tableName: source.table,
			fileName: source.fileName,
			origin: 'demo'
		});
		await saveSuggestedMapping(db, sourceId, source.table, source.kind);
		await refreshMappedView(db, sourceId, phoneCountry);
	}
}

/** How many persons the loaded demo has, or null when no demo is loaded. */
export async function demoPersons(db: Db): Promise<number | null> {
	const exists = scalarOf(
		await db.query(sql`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'cc_demo_person'`)
	);
	if (!exists) return null;
	return Number(scalarOf(await db.query(sql`SELECT count(*) FROM cc_demo_person`)));
}
