// Scenario `indicators`: every indicator of every customer (RFM, BG/NBD and Gamma-Gamma fitted
// and scored, CLV, propensity, deciles, lifecycle stage, the holdout check) on a synthetic 360°
// view of `size` customers and ten purchases a customer. The set-up writes cc_event and
// cc_customer_360 straight from range() — seeded hashes, the same on every engine — instead of
// building them from the demo, which would take minutes at this size and is the `360`
// scenario's job. Four in five customers buy: each is born on a day of three years, stays a
// random lifetime and buys on random days of it, so the models see new, active and lapsed
// customers alike.
import { C360_TABLES } from '../customer360/tables';
import { saleOf } from '../customer360/events';
import { buildIndicators } from '../indicators/build';
import { DEFAULT_INDICATOR_SETTINGS } from '../indicators/settings';
import { INDICATOR_TABLES } from '../indicators/tables';
import { dropTables } from '../identity/tables';
import { ident, sql } from '../sql/sql';
import type { BenchScenario } from './scenario';
import { saveSyntheticBuild } from './synthetic-build';

export const TRANSACTIONS_PER_CUSTOMER = 10;
const AS_OF = '2026-06-30';
const HISTORY_DAYS = 1095;

const customerId = (n: ReturnType<typeof sql>) => sql`'C' || lpad((${n})::VARCHAR, 8, '0')`;

export const indicators: BenchScenario = {
	name: 'indicators',
	title: 'All indicators of a 360° view',
	unit: 'customers',
	sizes: [1_000_000],
	quickSizes: [20_000],
	needsCsv: false,
	output: { table: INDICATOR_TABLES.customer, rows: (size) => size },
	async setup(db, size) {
		const buyers = Math.floor(size * 0.8);
		const c = sql`(hash(range, 'customer') % ${buyers})`;
		// Flagged sale or not as the 360° build flags its events.
		await db.exec(sql`CREATE OR REPLACE TABLE ${ident(C360_TABLES.event)} AS
			SELECT *, ${saleOf(sql`kind`, sql`event_type`)} AS sale FROM (
			WITH t AS (
				SELECT range, ${c} AS c FROM range(${size * TRANSACTIONS_PER_CUSTOMER})
			), timed AS (
				SELECT range, c, hash(c, 'born') % ${HISTORY_DAYS} AS born,
					30 + hash(c, 'life') % 900 AS life FROM t
			)
			SELECT ${customerId(sql`c`)} AS customer_id, 'linked' AS status, 'purchase' AS kind,
				'order' AS event_type, 'T' || range AS order_key,
				CASE WHEN range % 3 = 0 THEN 'Store' ELSE 'Online' END AS lane,
				${AS_OF}::DATE - ${HISTORY_DAYS}
					+ least(${HISTORY_DAYS}, born + hash(range, 'day') % life)::INTEGER
					+ INTERVAL 12 HOUR AS event_at,
				5 + (hash(range, 'amount') % 20000) / 100.0 AS amount
			FROM timed)`);
		await db.exec(sql`CREATE OR REPLACE TABLE ${ident(C360_TABLES.customer)} AS
			SELECT ${customerId(sql`range`)} AS customer_id,
				${AS_OF}::TIMESTAMP - INTERVAL ${HISTORY_DAYS} DAY AS first_seen,
				o.last_purchase_at, o.last_purchase_at AS last_activity_at,
				coalesce(o.orders, 0) AS orders, coalesce(o.revenue, 0) AS revenue,
				round(o.revenue / o.orders, 2) AS average_basket,
				date_diff('day', o.last_purchase_at::DATE, ${AS_OF}::DATE) AS days_since_last_purchase
			FROM range(${size})
			LEFT JOIN (
				SELECT customer_id, max(event_at) AS last_purchase_at, count(*) AS orders,
					round(sum(amount), 2) AS revenue
				FROM ${ident(C360_TABLES.event)} GROUP BY customer_id
			) o ON o.customer_id = ${customerId(sql`range`)}`);
		await saveSyntheticBuild(db, AS_OF, size);
	},
	async run(db) {
		await buildIndicators(db, DEFAULT_INDICATOR_SETTINGS);
	},
	async cleanup(db) {
		await dropTables(db, [
			INDICATOR_TABLES.scores,
			'cc_indicator_days',
			'cc_indicator_summary',
			'cc_indicator_calibration',
			INDICATOR_TABLES.customer,
			INDICATOR_TABLES.run,
			C360_TABLES.customer,
			C360_TABLES.event,
			C360_TABLES.run
		]);
	}
};
