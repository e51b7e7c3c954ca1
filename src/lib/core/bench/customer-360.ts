// Scenario `360`: building the 360° view of the demo workspace (every event of every event
// source linked to a customer, then one KPI row per customer). The size counts customers; the
// set-up loads the demo with as many persons as yield about that many and resolves identities,
// neither timed. The tricky points: the customer count is not a closed function of the persons
// (the demo is seeded and resolution is not perfect), so the output check counts the customers
// the identity run made; and clean-up is the identity scenario's (every cc_ table and view of
// the scratch database), after the build's temporary tables that a failed build leaves behind.
// The demo holds about nine events a person; the scenario is sized at ten events a customer, so
// the set-up adds older copies of newsletter events (see topUpEvents) until it gets there.
import { build360 } from '../customer360/build';
import { C360_TABLES } from '../customer360/tables';
import { resolveIdentities } from '../identity/resolve';
import { dropTables, IDENTITY_TABLES } from '../identity/tables';
import { scalarOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';
import { DEMO_SOURCES } from '../demo';
import { loadDemoWorkspace } from '../workspace/demo-workspace';
import type { Db } from '../db';
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

/** Events per customer the scenario is sized at (1M customers, 10M events). */
export const EVENTS_PER_CUSTOMER = 10;

const EMAIL_EVENTS = 'cc_raw_email_events';

async function rowCount(db: Db, table: string): Promise<number> {
	return Number(scalarOf(await db.query(sql`SELECT count(*) FROM ${ident(table)}`)));
}

/** Rows of every demo event source: each becomes one event of the 360° view. */
export async function demoEventRows(db: Db): Promise<number> {
	let total = 0;
	for (const source of DEMO_SOURCES.filter((s) => s.kind === 'event')) {
		total += await rowCount(db, source.table);
	}
	return total;
}

/**
 * Adds copies of newsletter events, four years older and with ids of their own ('EX…'), until
 * the demo's event sources hold `target` rows. Four years keep 29 February a calendar day; the
 * copies carry the same e-mail addresses, so they link like the events they copy.
 */
export async function topUpEvents(db: Db, target: number): Promise<void> {
	const missing = target - (await demoEventRows(db));
	if (missing <= 0) return;
	const available = await rowCount(db, EMAIL_EVENTS);
	const copies = Math.ceil(missing / available);
	for (let round = 1; round <= copies; round += 1) {
		const rows = Math.min(available, target - (await demoEventRows(db)));
		await db.exec(sql`INSERT INTO ${ident(EMAIL_EVENTS)}
			SELECT * REPLACE (
				'EX' || ${round} || '-' || "EVENT_ID" AS "EVENT_ID",
				CASE WHEN "EVENT_TIME" ~ '^[0-9]{4}-' THEN
					(substr("EVENT_TIME", 1, 4)::INTEGER - ${4 * round})::VARCHAR || substr("EVENT_TIME", 5)
				ELSE "EVENT_TIME" END AS "EVENT_TIME")
			FROM ${ident(EMAIL_EVENTS)}
			WHERE NOT starts_with("EVENT_ID", 'EX')
			ORDER BY "EVENT_ID"
			LIMIT ${rows}`);
	}
}

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
		await topUpEvents(db, size * EVENTS_PER_CUSTOMER);
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
