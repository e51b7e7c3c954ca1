// The hidden ground truth is complete and agrees with the raw files: every raw row has exactly
// one truth record, profile records and linkable events have a person, and each person's
// totals equal what the raw events say once their text amounts are parsed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { DEMO_SOURCES, generateDemo } from '../../src/lib/core/demo';
import { rowsOf, scalarOf } from '../../src/lib/core/sql/rows';
import { ident, sql, type Sql } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

const PERSONS = 2500;

/** Raw rows of a source joined to their truth record. */
function withTruth(table: string, keyColumn: string): Sql {
	return sql`${ident(table)} raw JOIN cc_demo_record r ON r.source = ${table} AND r.record_key = raw.${ident(keyColumn)}`;
}

const source = (table: string) => {
	const found = DEMO_SOURCES.find((s) => s.table === table);
	if (!found) throw new Error(table);
	return found;
};

/** Per-person totals recomputed from the raw files, compared with cc_demo_person_truth. */
const totals: [string, Sql][] = [
	[
		'online revenue',
		sql`SELECT r.person_id, sum(raw.total_amount::DECIMAL(12, 2)) AS value
			FROM ${withTruth('cc_raw_eshop_orders', 'order_id')} GROUP BY r.person_id`
	],
	[
		'store revenue',
		sql`SELECT r.person_id, sum(replace(raw."Montant TTC", ',', '.')::DECIMAL(12, 2)) AS value
			FROM ${withTruth('cc_raw_store_receipts', 'N° ticket')} WHERE r.person_id IS NOT NULL GROUP BY r.person_id`
	],
	[
		'store revenue without any identifier',
		sql`SELECT r.person_id, sum(replace(raw."Montant TTC", ',', '.')::DECIMAL(12, 2)) AS value
			FROM ${withTruth('cc_raw_store_receipts', 'N° ticket')}
			WHERE r.person_id IS NOT NULL AND raw."Carte fidélité" IS NULL AND raw."Nom client" IS NULL GROUP BY r.person_id`
	],
	[
		'online orders',
		sql`SELECT person_id, count(*) AS value FROM cc_demo_record WHERE source = 'cc_raw_eshop_orders' GROUP BY person_id`
	],
	[
		'web sessions',
		sql`SELECT person_id, count(*) AS value FROM cc_demo_record WHERE source = 'cc_raw_web_sessions' AND person_id IS NOT NULL GROUP BY person_id`
	],
	[
		'service tickets',
		sql`SELECT person_id, count(*) AS value FROM cc_demo_record WHERE source = 'cc_raw_service_tickets' GROUP BY person_id`
	],
	[
		'e-mail events',
		sql`SELECT person_id, count(*) AS value FROM cc_demo_record WHERE source = 'cc_raw_email_events' GROUP BY person_id`
	]
];

const truthColumn: Record<string, string> = {
	'online revenue': 'revenue_online',
	'store revenue': 'revenue_store',
	'store revenue without any identifier': 'revenue_store_unlinkable',
	'online orders': 'online_orders',
	'web sessions': 'web_sessions',
	'service tickets': 'service_tickets',
	'e-mail events': 'email_events'
};

describe.each(engines)('demo truth on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
		await generateDemo(db, { persons: PERSONS, seed: 11 });
	});
	afterAll(() => db.close());

	it.each(DEMO_SOURCES.map((s) => [s.table, s] as const))(
		'gives every row of %s exactly one truth record',
		async (table, { keyColumn }) => {
			const [row] = rowsOf(
				await db.query(sql`SELECT
					(SELECT count(*) FROM ${ident(table)}) AS raw_rows,
					(SELECT count(*) FROM cc_demo_record WHERE source = ${table}) AS records,
					(SELECT count(DISTINCT record_key) FROM cc_demo_record WHERE source = ${table}) AS keys,
					(SELECT count(*) FROM ${withTruth(table, keyColumn)}) AS joined`)
			);
			expect(row?.raw_rows).toBeGreaterThan(0);
			expect(row).toEqual({
				raw_rows: row?.raw_rows,
				records: row?.raw_rows,
				keys: row?.raw_rows,
				joined: row?.raw_rows
			});
		}
	);

	it('gives every profile record and every linkable event a true person', async () => {
		const [row] = rowsOf(
			await db.query(sql`SELECT
				count(*) FILTER (WHERE kind = 'profile' AND (person_id IS NULL OR NOT linkable)) AS orphan_profiles,
				count(*) FILTER (WHERE linkable AND person_id IS NULL) AS orphan_events,
				count(*) FILTER (WHERE person_id IS NOT NULL AND person_id NOT IN (SELECT person_id FROM cc_demo_person)) AS unknown,
				count(*) FILTER (WHERE kind = 'event' AND NOT linkable) AS anonymous_events
				FROM cc_demo_record`)
		);
		expect(row).toMatchObject({ orphan_profiles: 0, orphan_events: 0, unknown: 0 });
		expect(row?.anonymous_events).toBeGreaterThan(0);
	});

	it('puts every person in at least one profile source', async () => {
		const missing = scalarOf(
			await db.query(sql`SELECT count(*) FROM cc_demo_person WHERE person_id NOT IN
				(SELECT person_id FROM cc_demo_record WHERE kind = 'profile')`)
		);
		expect(missing).toBe(0);
	});

	it.each(totals)('agrees with the raw files on each person’s %s', async (name, recomputed) => {
		const column = ident(truthColumn[name] ?? name);
		const mismatches = scalarOf(
			await db.query(sql`SELECT count(*) FROM cc_demo_person_truth t
				FULL JOIN (${recomputed}) raw USING (person_id)
				WHERE coalesce(raw.value, 0) <> coalesce(t.${column}, 0)`)
		);
		expect(mismatches).toBe(0);
	});

	it('adds up revenue and purchases across channels', async () => {
		const broken = scalarOf(
			await db.query(sql`SELECT count(*) FROM cc_demo_person_truth
				WHERE revenue_total <> revenue_online + revenue_store OR purchases <> online_orders + store_receipts
					OR (purchases > 0) <> (first_purchase_at IS NOT NULL) OR last_purchase_at < first_purchase_at`)
		);
		expect(broken).toBe(0);
	});

	it('has 8 to 12 events per person across the event sources, all before the reference date', async () => {
		const events = scalarOf(
			await db.query(sql`SELECT count(*) FROM cc_demo_record WHERE kind = 'event'`)
		);
		expect(Number(events) / PERSONS).toBeGreaterThanOrEqual(8);
		expect(Number(events) / PERSONS).toBeLessThanOrEqual(12);
		const late = scalarOf(
			await db.query(
				sql`SELECT count(*) FROM cc_demo_person_truth WHERE last_purchase_at >= DATE '2026-07-01'`
			)
		);
		expect(late).toBe(0);
	});

	it('names its sources as documented', () => {
		expect(source('cc_raw_store_receipts')).toMatchObject({
			encoding: 'windows-1252',
			kind: 'event'
		});
		expect(DEMO_SOURCES.filter((s) => s.kind === 'profile').map((s) => s.table)).toEqual([
			'cc_raw_crm_contacts',
			'cc_raw_eshop_accounts'
		]);
	});
});
