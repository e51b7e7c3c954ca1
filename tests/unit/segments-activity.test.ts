// Behaviour conditions counted from the customers' activity days (the hidden column a 360°
// build writes) select exactly the customers that counting the events selects: on events made
// to sit on every edge — the first and last day of a window, the day after the as-of date,
// undated events, cancelled orders, orders without a key, an order whose lines fall on two
// days — for every kind, window and count. And the KPIs' build writes those days.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { activityDaysQuery } from '../../src/lib/core/customer360/activity-days';
import { eventsUpTo } from '../../src/lib/core/customer360/orders';
import { saleOf } from '../../src/lib/core/customer360/events';
import { EVENT_KINDS } from '../../src/lib/core/customer360/event-kinds';
import { compileRule } from '../../src/lib/core/segments/compile';
import { loadFieldCatalogue } from '../../src/lib/core/segments/fields';
import type { BehaviourCount, BehaviourWindow } from '../../src/lib/core/segments/rules';
import { behaviour, group } from '../../src/lib/core/segments/shortcuts';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { ident, sql, type Sql } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

const AS_OF = '2024-03-31';

/** customer, kind, day (or null), order key, event type. */
const EVENTS: [string, string, string | null, string | null, string][] = [
	['c1', 'purchase', '2024-03-31 23:59:59', 'o1', 'order'],
	['c1', 'purchase', '2024-03-01 10:00:00', 'o2', 'order'],
	['c1', 'purchase', '2024-03-01 11:00:00', 'o2', 'order'],
	['c1', 'purchase', '2024-04-01 00:00:00', 'o3', 'order'],
	['c2', 'purchase', '2024-03-02 00:00:00', 'o4', 'order'],
	['c2', 'purchase', '2024-01-15 00:00:00', 'o5', 'cancelled'],
	['c2', 'purchase', null, 'o6', 'order'],
	['c2', 'purchase', '2024-03-20 00:00:00', null, 'order'],
	['c3', 'purchase', '2024-02-28 00:00:00', 'o7', 'order'],
	['c3', 'purchase', '2024-03-03 00:00:00', 'o7', 'order'],
	['c3', 'purchase', null, 'o8', 'order'],
	['c3', 'web', '2024-03-31 00:00:00', null, 'visit'],
	['c3', 'web', '2024-03-01 00:00:00', null, 'visit'],
	['c3', 'web', null, null, 'visit'],
	['c4', 'web', '2024-03-02 00:00:00', null, 'visit'],
	['c4', 'email', '2024-03-30 00:00:00', null, 'open'],
	['c4', 'email', '2024-04-02 00:00:00', null, 'open'],
	['c4', 'service', '2023-03-31 00:00:00', null, 'open'],
	['c5', 'other', '2024-03-31 12:00:00', null, 'x'],
	['c5', 'purchase', '2023-04-01 00:00:00', 'o9', 'order']
];

const WINDOWS: BehaviourWindow[] = [
	{ kind: 'ever' },
	{ kind: 'last-days', days: 0 },
	{ kind: 'last-days', days: 30 },
	{ kind: 'last-days', days: 29 },
	{ kind: 'last-days', days: 365 },
	{ kind: 'since', from: '2024-03-02' },
	{ kind: 'since', from: '2024-03-01' },
	{ kind: 'between', from: '2024-03-01', to: '2024-03-02' }
];
const COUNTS: [BehaviourCount, number][] = [
	['at-least', 1],
	['at-least', 2],
	['exactly', 0],
	['exactly', 1],
	['exactly', 2],
	['at-most', 0],
	['at-most', 1]
];

async function writeWorkspace(db: Db): Promise<void> {
	await db.exec(sql`CREATE OR REPLACE TABLE cc_event (customer_id VARCHAR, status VARCHAR,
		kind VARCHAR, event_at TIMESTAMP, order_key VARCHAR, event_type VARCHAR, lane VARCHAR,
		amount DOUBLE, category VARCHAR, product VARCHAR, channel VARCHAR, sale BOOLEAN)`);
	for (const [customer, kind, at, key, type] of EVENTS) {
		await db.exec(sql`INSERT INTO cc_event VALUES (${customer}, 'linked', ${kind}, ${at}::TIMESTAMP,
			${key}, ${type}, 'Online', 10, NULL, NULL, NULL, ${saleOf(sql`${kind}`, sql`${type}`)})`);
	}
	// An event of a customer not linked: never counted.
	await db.exec(sql`INSERT INTO cc_event VALUES ('c6', 'ambiguous', 'purchase',
		'2024-03-30'::TIMESTAMP, 'o10', 'order', 'Online', 10, NULL, NULL, NULL, true)`);
	await db.exec(sql`CREATE OR REPLACE TABLE plain_360 AS
		SELECT 'c' || range AS customer_id, 0 AS orders FROM range(1, 7)`);
	await db.exec(sql`CREATE OR REPLACE TABLE days_360 AS
		SELECT c.*, d.activity_days FROM plain_360 c
		LEFT JOIN (${activityDaysQuery(eventsUpTo(AS_OF))}) d USING (customer_id)`);
}

describe.each(engines)('behaviour counted from activity days on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
		await writeWorkspace(db);
	});
	afterAll(() => db.close());

	async function select(table: 'plain_360' | 'days_360', tree: ReturnType<typeof group>) {
		await db.exec(sql`CREATE OR REPLACE VIEW cc_customer_360 AS SELECT * FROM ${ident(table)}`);
		const fields = await loadFieldCatalogue(db);
		expect(fields.activity).toBe(table === 'days_360');
		const compiled = compileRule(tree, { fields, asOf: AS_OF, segments: [] });
		if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
		return ids(compiled.sql);
	}

	async function ids(query: Sql): Promise<string[]> {
		return rowsOf(await db.query(query))
			.map((r) => String(r.customer_id))
			.sort();
	}

	it('reads the days from the customer row when it can', async () => {
		await db.exec(sql`CREATE OR REPLACE VIEW cc_customer_360 AS SELECT * FROM days_360`);
		const fields = await loadFieldCatalogue(db);
		const quick = compileRule(group('and', [behaviour('purchase', 'at-least', 2)]), {
			fields,
			asOf: AS_OF,
			segments: []
		});
		if (!quick.ok) throw new Error('does not compile');
		expect(quick.sql.text).toContain('activity_days');
		expect(quick.sql.text).not.toContain('cc_event');
	});

	it.each(EVENT_KINDS.map((kind) => [kind]))(
		'%s: every window and count selects what the events select',
		async (kind) => {
			let differentAnswers = 0;
			const seen = new Set<string>();
			for (const window of WINDOWS) {
				for (const [count, times] of COUNTS) {
					const tree = group('and', [behaviour(kind, count, times, { window })]);
					const fromEvents = await select('plain_360', tree);
					const fromDays = await select('days_360', tree);
					expect({ window, count, times, ids: fromDays }).toEqual({
						window,
						count,
						times,
						ids: fromEvents
					});
					seen.add(fromEvents.join(','));
					differentAnswers = seen.size;
				}
			}
			// The edges above must tell windows and counts apart, or this checks little.
			expect(differentAnswers).toBeGreaterThan(kind === 'purchase' ? 8 : 2);
		}
	);

	it('counts an order once, on its last dated line, and undated units only without a window', async () => {
		const rows = rowsOf(
			await db.query(sql`SELECT customer_id, list_sort(activity_days.purchase)::VARCHAR AS purchase,
					activity_days.purchase_undated AS undated, list_sort(activity_days.web)::VARCHAR AS web
				FROM days_360 ORDER BY customer_id`)
		);
		expect(rows).toEqual([
			{ customer_id: 'c1', purchase: '[2024-03-01, 2024-03-31]', undated: 0, web: null },
			{ customer_id: 'c2', purchase: '[2024-03-02]', undated: 1, web: null },
			{ customer_id: 'c3', purchase: '[2024-03-03]', undated: 1, web: '[2024-03-01, 2024-03-31]' },
			{ customer_id: 'c4', purchase: null, undated: 0, web: '[2024-03-02]' },
			{ customer_id: 'c5', purchase: '[2023-04-01]', undated: 0, web: null },
			{ customer_id: 'c6', purchase: null, undated: null, web: null }
		]);
	});
});
