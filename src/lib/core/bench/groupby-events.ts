// Scenario `groupby-events`: per-customer totals (count, sum, latest) over a synthetic events
// table, the shape of every KPI query. The tricky point: the events are made by range() in the
// set-up, deterministic and identical on every engine, with one customer per 50 events and
// customers interleaved (event i belongs to customer i mod n) so the hash table sees them all.
import { ident, sql } from '../sql/sql';
import type { BenchScenario } from './scenario';

const EVENTS = ident('cc_bench_event');
const TOTALS = 'cc_bench_customer_total';
/** Three years of seconds: the span the event times fall in. */
const SPAN_SECONDS = 3 * 365 * 86_400;

export const customersFor = (events: number): number => Math.ceil(events / 50);

export const groupbyEvents: BenchScenario = {
	name: 'groupby-events',
	title: 'Totals per customer over events',
	unit: 'events',
	sizes: [10_000_000],
	quickSizes: [1_000_000],
	needsCsv: false,
	output: { table: TOTALS, rows: customersFor },
	async setup(db, size) {
		await db.exec(sql`CREATE OR REPLACE TABLE ${EVENTS} AS
			SELECT range AS event_id,
				(range % ${customersFor(size)})::INTEGER AS customer_id,
				TIMESTAMP '2023-07-01' + to_seconds((range * 7919) % ${SPAN_SECONDS}) AS event_time,
				((range * 48271) % 50000) / 100.0 AS amount
			FROM range(${size})`);
	},
	async run(db) {
		await db.exec(sql`CREATE OR REPLACE TABLE ${ident(TOTALS)} AS
			SELECT customer_id, count(*) AS events, sum(amount) AS revenue, max(event_time) AS last_event
			FROM ${EVENTS}
			GROUP BY customer_id`);
	},
	async cleanup(db) {
		await db.exec(sql`DROP TABLE IF EXISTS ${ident(TOTALS)}`);
		await db.exec(sql`DROP TABLE IF EXISTS ${EVENTS}`);
	}
};
