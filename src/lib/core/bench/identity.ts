// Scenario `identity`: identity resolution of the demo workspace, end to end (records, junk
// guard, blocking, model, scores, clusters, customer ids). The size counts identity records; the
// set-up loads the demo with as many persons as yield about that many. The tricky points: the
// record count is not a closed function of the persons (the demo is seeded), so the output check
// counts the records the run actually read; and the set-up makes catalog tables, raw sources,
// mapped views and truth tables that clean-up must find, so it drops every cc_ table and view of
// the scratch database — and refuses to do so anywhere else.
import type { Db } from '../db';
import { resolveIdentities } from '../identity/resolve';
import { IDENTITY_TABLES } from '../identity/tables';
import { rowsOf, scalarOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';
import { loadDemoWorkspace } from '../workspace/demo-workspace';
import { SCRATCH_DATABASE } from './measure';
import type { BenchScenario } from './scenario';

/**
 * Identity records per demo person: its two profile sources (CRM contacts, e-shop accounts)
 * held 1.3753 records a person at 100k persons and 1.3794 at 5k (measured). Re-measure it when
 * more sources feed identity records.
 */
export const RECORDS_PER_PERSON = 1.376;

export const personsFor = (records: number): number =>
	Math.max(1, Math.round(records / RECORDS_PER_PERSON));

async function scratchObjects(db: Db): Promise<{ name: string; view: boolean }[]> {
	const rows = rowsOf(
		await db.query(sql`SELECT view_name AS name, true AS view FROM duckdb_views()
				WHERE database_name = ${SCRATCH_DATABASE} AND NOT internal
					AND starts_with(view_name, 'cc_')
			UNION ALL SELECT table_name, false FROM duckdb_tables()
				WHERE database_name = ${SCRATCH_DATABASE} AND starts_with(table_name, 'cc_')`)
	);
	return rows.map((row) => ({ name: String(row.name), view: row.view === true }));
}

export const identity: BenchScenario = {
	name: 'identity',
	title: 'Resolve identities of the demo workspace',
	unit: 'records',
	sizes: [100_000, 1_000_000],
	quickSizes: [5_000],
	needsCsv: false,
	output: {
		table: IDENTITY_TABLES.customer,
		// One customer row per identity record the run read.
		rows: async (_size, db) =>
			Number(scalarOf(await db.query(sql`SELECT count(*) FROM ${ident(IDENTITY_TABLES.record)}`)))
	},
	async setup(db, size) {
		await loadDemoWorkspace(db, personsFor(size));
	},
	async run(db) {
		await resolveIdentities(db);
	},
	async cleanup(db) {
		const current = String(scalarOf(await db.query(sql`SELECT current_database()`)));
		if (current !== SCRATCH_DATABASE) {
			throw new Error(
				`The identity benchmark cleans up its scratch database only (in ${current}).`
			);
		}
		for (const object of await scratchObjects(db)) {
			const name = ident(object.name);
			await db.exec(
				object.view ? sql`DROP VIEW IF EXISTS ${name}` : sql`DROP TABLE IF EXISTS ${name}`
			);
		}
	}
};
