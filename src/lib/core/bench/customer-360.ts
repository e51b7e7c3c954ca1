// Scenario `360`: building the 360° view of the demo workspace (every event of every event
// source linked to a customer, then one KPI row per customer). The size counts customers; the
// set-up loads the demo with as many persons as yield about that many and resolves identities,
// neither timed. The tricky points: the customer count is not a closed function of the persons
// (the demo is seeded and resolution is not perfect), so the output check counts the customers
// the identity run made; and clean-up is the identity scenario's (every cc_ table and view of
// the scratch database), after the build's temporary tables that a failed build leaves behind.
import { build360 } from '../customer360/build';
import { C360_TABLES } from '../customer360/tables';
import { resolveIdentities } from '../identity/resolve';
import { dropTables, IDENTITY_TABLES } from '../identity/tables';
import { scalarOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';
import { loadDemoWorkspace } from '../workspace/demo-workspace';
import { identity } from './identity';
import type { BenchScenario } from './scenario';

/**
 * Customers per demo person after identity resolution, as at 1M persons (1.0237; 1.0124 at 100k,
 * 1.000 at 5k: resolution splits a few more persons as the demo grows). Re-measure it when the
 * demo or identity resolution changes.
 */
export const CUSTOMERS_PER_PERSON = 1.024;

export const personsForCustomers = (customers: number): number =>
	Math.max(1, Math.round(customers / CUSTOMERS_PER_PERSON));

export const customer360: BenchScenario = {
	name: '360',
	title: 'Build the 360° view of the demo workspace',
	unit: 'customers',
	sizes: [1_000_000],
	quickSizes: [5_000],
	needsCsv: false,
	output: {
		table: C360_TABLES.customer,
		// One row per customer of the identity run.
		rows: async (_size, db) =>
			Number(
				scalarOf(
					await db.query(
						sql`SELECT count(DISTINCT customer_id) FROM ${ident(IDENTITY_TABLES.customer)}`
					)
				)
			)
	},
	async setup(db, size) {
		await loadDemoWorkspace(db, personsForCustomers(size));
		await resolveIdentities(db);
	},
	async run(db) {
		await build360(db);
	},
	async cleanup(db) {
		await dropTables(db, [C360_TABLES.link, C360_TABLES.identifier]);
		await identity.cleanup(db);
	}
};
