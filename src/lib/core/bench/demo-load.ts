// Scenario `demo-load`: generating the seeded demo retailer (all raw sources and the ground
// truth) for a number of persons. Everything happens in the run step: the generator is the work.
// Clean-up drops the raw sources and every cc_demo_* table (truth and any scratch left over),
// found in the catalog, so it keeps up with the generator as it grows.
import type { Db } from '../db';
import { DEMO_SOURCES, generateDemo } from '../demo';
import { rowsOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';
import type { BenchScenario } from './scenario';

async function demoTablesIn(db: Db): Promise<string[]> {
	const rows = rowsOf(
		await db.query(sql`SELECT table_name FROM duckdb_tables()
			WHERE database_name = current_database() AND schema_name = current_schema()
				AND starts_with(table_name, 'cc_demo_')`)
	);
	return [...DEMO_SOURCES.map((s) => s.table), ...rows.map((r) => String(r.table_name))];
}

export const demoLoad: BenchScenario = {
	name: 'demo-load',
	title: 'Load the demo retailer',
	unit: 'persons',
	sizes: [100_000, 1_000_000],
	quickSizes: [10_000],
	needsCsv: false,
	output: { table: 'cc_demo_person', rows: (size) => size },
	async setup() {},
	async run(db, size) {
		await generateDemo(db, { persons: size });
	},
	async cleanup(db) {
		for (const table of await demoTablesIn(db)) {
			await db.exec(sql`DROP TABLE IF EXISTS ${ident(table)}`);
		}
	}
};
