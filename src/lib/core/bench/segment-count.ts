// Scenario `segment-count`: the live audience count of the segment builder, edit after edit. A
// synthetic workspace of `size` customers (360° table with golden values and KPIs, indicators,
// ten events a customer: order lines, web visits and e-mail events) is written in SQL from
// range() — seeded hashes, the same on every engine — then fifty edits of a marketer building
// one segment are counted one after the other, each compiled from its rule and counted as the
// worker does it. The customers carry their activity days, as a 360° build writes them. The run answers the p50 and p95 of those fifty counts.
import { ACTIVITY_COLUMN, activityDaysQuery } from '../customer360/activity-days';
import {
	PURCHASE_CATEGORY_TABLE,
	writePurchaseCategories
} from '../customer360/purchase-categories';
import { eventsUpTo } from '../customer360/orders';
import { C360_TABLES } from '../customer360/tables';
import { saleOf } from '../customer360/events';
import { dropTables } from '../identity/tables';
import { INDICATOR_TABLES } from '../indicators/tables';
import type { Rule, RuleGroup } from '../segments/definition';
import { attribute, behaviour, group } from '../segments/shortcuts';
import { conditionMemo } from '../segments/condition-memo';
import { countRule } from '../segments/workspace-segments';
import { ident, join, sql } from '../sql/sql';
import { latencyOf, type BenchScenario } from './scenario';
import { saveSyntheticBuild } from './synthetic-build';

const AS_OF = '2026-06-30';
const HISTORY_DAYS = 1095;
export const SEGMENT_EVENTS_PER_CUSTOMER = 10;
const CITIES = ['Paris', 'Lyon', 'Marseille', 'Lille', 'Nantes', 'Bordeaux', 'Toulouse', 'Nice'];
const CATEGORIES = ['Shoes', 'Bags', 'Coats', 'Dresses', 'Shirts', 'Jeans', 'Beauty', 'Home'];
const SEGMENTS = ['Champions', 'Loyal', 'At risk', 'Hibernating', 'Lost', 'New customers'];
const STAGES = ['prospect', 'one-time', 'repeat', 'loyal', 'lapsed'];

const customerId = (n: ReturnType<typeof sql>) => sql`'C' || lpad((${n})::VARCHAR, 8, '0')`;
const pick = (list: readonly string[], n: ReturnType<typeof sql>) =>
	sql`[${join(list.map((v) => sql`${v}`))}][(1 + (${n}) % ${list.length})::BIGINT]`;

/** The fifty rules of a marketer's session, each one edit from the one before. */
export function segmentEdits(): Rule[] {
	const steps: ((root: RuleGroup) => RuleGroup)[] = [];
	const a = attribute;
	const push = (child: Rule) => (root: RuleGroup) => ({
		...root,
		children: [...root.children, child]
	});
	const setLast = (child: Rule) => (root: RuleGroup) => ({
		...root,
		children: [...root.children.slice(0, -1), child]
	});
	const inLast = (change: (g: RuleGroup) => RuleGroup) => (root: RuleGroup) => {
		const last = root.children.at(-1);
		return last?.kind === 'group' ? setLast(change(last))(root) : root;
	};
	steps.push(push(a('city', 'is', 'Paris')));
	for (const city of ['Lyon', 'Marseille', 'Lille']) steps.push(setLast(a('city', 'is', city)));
	steps.push(setLast(a('city', 'in-list', ['Paris', 'Lyon', 'Nice'])));
	steps.push(push(a('orders', '>=', 2)));
	for (const n of [3, 4, 2]) steps.push(setLast(a('orders', '>=', n)));
	steps.push(push(a('revenue', 'between', [100, 2000])));
	steps.push(setLast(a('revenue', 'between', [200, 5000])));
	steps.push(push(a('email', 'contains', 'example')));
	steps.push(setLast(a('email', 'is-not-empty')));
	steps.push(push(a('last_purchase_at', 'in-last-days', 365)));
	for (const d of [180, 90, 730]) steps.push(setLast(a('last_purchase_at', 'in-last-days', d)));
	const bought = (times: number, days: number, category?: string) =>
		behaviour('purchase', 'at-least', times, {
			window: { kind: 'last-days', days },
			where: category ? [{ field: 'category', operator: 'is', value: category }] : []
		});
	steps.push(push(group('or', [bought(2, 365)])));
	for (const [times, days] of [
		[3, 365],
		[2, 180],
		[1, 90],
		[2, 730]
	] as const) {
		steps.push(inLast((g) => ({ ...g, children: [bought(times, days)] })));
	}
	steps.push(inLast((g) => ({ ...g, children: [bought(2, 730, 'Shoes')] })));
	for (const category of ['Bags', 'Coats', 'Beauty']) {
		steps.push(inLast((g) => ({ ...g, children: [bought(2, 730, category)] })));
	}
	const visits = (times: number, days: number) =>
		behaviour('web', 'at-least', times, { window: { kind: 'last-days', days } });
	steps.push(inLast((g) => ({ ...g, children: [...g.children, visits(3, 30)] })));
	for (const [times, days] of [
		[2, 30],
		[5, 90],
		[1, 7]
	] as const) {
		steps.push(inLast((g) => ({ ...g, children: [g.children[0]!, visits(times, days)] })));
	}
	steps.push(inLast((g) => ({ ...g, negate: true })));
	steps.push(inLast((g) => ({ ...g, negate: false })));
	steps.push(push(a('rfm_segment', 'in-list', ['Champions', 'Loyal'])));
	steps.push(setLast(a('rfm_segment', 'in-list', ['At risk', 'Hibernating'])));
	steps.push(setLast(a('churn_score', '>', 0.5)));
	steps.push(setLast(a('churn_score', '>', 0.7)));
	steps.push(setLast(a('clv', '>=', 100)));
	steps.push(setLast(a('clv', '>=', 250)));
	steps.push(setLast(a('lifecycle_stage', 'is', 'repeat')));
	const opened = (times: number) =>
		behaviour('email', 'at-least', times, {
			eventType: 'open',
			window: { kind: 'last-days', days: 90 }
		});
	steps.push(push(opened(1)));
	for (const n of [2, 3]) steps.push(setLast(opened(n)));
	steps.push(
		setLast(behaviour('purchase', 'at-most', 0, { window: { kind: 'last-days', days: 180 } }))
	);
	steps.push((root) => ({ ...root, combinator: 'or' }));
	steps.push((root) => ({ ...root, combinator: 'and' }));
	steps.push((root) => ({ ...root, children: root.children.slice(1) }));
	steps.push((root) => ({ ...root, children: root.children.slice(1) }));
	steps.push(push(a('birth_date', 'before', '1980-01-01')));
	steps.push(setLast(a('birth_date', 'between', ['1970-01-01', '1990-12-31'])));
	steps.push(setLast(a('preferred_channel', 'is', 'Store')));
	const rules: Rule[] = [];
	let root: RuleGroup = group('and', []);
	for (const step of steps.slice(0, 50)) {
		root = step(root);
		rules.push(root);
	}
	return rules;
}

export const segmentCount: BenchScenario = {
	name: 'segment-count',
	title: 'Live segment counts, 50 edits',
	unit: 'customers',
	sizes: [1_000_000],
	quickSizes: [20_000],
	needsCsv: false,
	output: { table: C360_TABLES.customer, rows: (size) => size },
	async setup(db, size) {
		const n = size * SEGMENT_EVENTS_PER_CUSTOMER;
		// 70 % order lines (two a order), 20 % web visits, 10 % e-mail events, written kind after
		// kind as the 360° build writes its events (source after source), and flagged sale or
		// not as it flags them.
		await db.exec(sql`CREATE OR REPLACE TABLE ${ident(C360_TABLES.event)} AS
			SELECT *, ${saleOf(sql`kind`, sql`event_type`)} AS sale FROM (SELECT ${customerId(sql`hash(range, 'customer') % ${size}`)} AS customer_id,
				'linked' AS status, kind,
				CASE kind WHEN 'purchase' THEN
						CASE WHEN hash(range, 'cancel') % 30 = 0 THEN 'cancelled' ELSE 'order' END
					WHEN 'email' THEN ${pick(['sent', 'open', 'click'], sql`hash(range, 'type')`)}
					ELSE 'visit' END AS event_type,
				CASE WHEN kind = 'purchase' THEN 'T' || (range // 2) END AS order_key,
				CASE kind WHEN 'purchase' THEN
						CASE WHEN range % 3 = 0 THEN 'Store' ELSE 'Online' END
					WHEN 'web' THEN 'Web' ELSE 'E-mail' END AS lane,
				${AS_OF}::DATE - (hash(range, 'day') % ${HISTORY_DAYS})::INTEGER
					+ INTERVAL 12 HOUR AS event_at,
				CASE WHEN kind = 'purchase' THEN 5 + (hash(range, 'amount') % 20000) / 100.0 END AS amount,
				CASE WHEN kind = 'purchase' THEN ${pick(CATEGORIES, sql`hash(range, 'category')`)} END
					AS category,
				CASE WHEN kind = 'purchase' THEN 'P' || (hash(range, 'product') % 500) END AS product,
				NULL::VARCHAR AS channel
			FROM (SELECT range, CASE WHEN range < ${Math.floor(n * 0.7)} THEN 'purchase'
					WHEN range < ${Math.floor(n * 0.9)} THEN 'web' ELSE 'email' END AS kind
				FROM range(${n})))`);
		await db.exec(sql`CREATE OR REPLACE TABLE ${ident(C360_TABLES.customer)} AS
			SELECT ${customerId(sql`range`)} AS customer_id,
				'Name' || range AS first_name,
				CASE WHEN range % 7 <> 0 THEN 'person' || range || '@example.com' END AS email,
				${pick(CITIES, sql`hash(range, 'city')`)} AS city,
				DATE '1950-01-01' + (hash(range, 'birth') % 18000)::INTEGER AS birth_date,
				CASE WHEN range % 2 = 0 THEN 'Store' ELSE 'Online' END AS preferred_channel,
				${AS_OF}::TIMESTAMP - INTERVAL ${HISTORY_DAYS} DAY AS first_seen,
				o.last_purchase_at, coalesce(o.orders, 0) AS orders,
				coalesce(o.revenue, 0) AS revenue, d.${ident(ACTIVITY_COLUMN)}
			FROM range(${size})
			LEFT JOIN (
				SELECT customer_id, max(event_at) AS last_purchase_at,
					count(DISTINCT order_key) AS orders, round(sum(amount), 2) AS revenue
				FROM ${ident(C360_TABLES.event)} WHERE kind = 'purchase' GROUP BY customer_id
			) o ON o.customer_id = ${customerId(sql`range`)}
			LEFT JOIN (${activityDaysQuery(eventsUpTo(AS_OF))}) d
				ON d.customer_id = ${customerId(sql`range`)}`);
		await db.exec(sql`CREATE OR REPLACE TABLE ${ident(INDICATOR_TABLES.customer)} AS
			SELECT ${customerId(sql`range`)} AS customer_id,
				${pick(SEGMENTS, sql`hash(range, 'rfm')`)} AS rfm_segment,
				(hash(range, 'churn') % 1000) / 1000.0 AS churn_score,
				1 - (hash(range, 'churn') % 1000) / 1000.0 AS p_alive,
				(hash(range, 'clv') % 50000) / 100.0 AS clv,
				${pick(STAGES, sql`hash(range, 'stage')`)} AS lifecycle_stage
			FROM range(${size})`);
		await writePurchaseCategories(db, eventsUpTo(AS_OF));
		await saveSyntheticBuild(db, AS_OF, size);
	},
	async run(db) {
		const times: number[] = [];
		for (const rule of segmentEdits()) {
			const started = performance.now();
			const answer = await countRule(db, rule, [], null);
			times.push(performance.now() - started);
			if (answer.status !== 'ok') {
				const why = answer.status === 'invalid' ? answer.errors[0]?.message : answer.status;
				throw new Error(`An edit of the segment-count scenario does not count: ${why}`);
			}
		}
		return latencyOf(times);
	},
	async cleanup(db) {
		await conditionMemo(db).dropAll(db);
		await dropTables(db, [
			PURCHASE_CATEGORY_TABLE,
			INDICATOR_TABLES.customer,
			C360_TABLES.customer,
			C360_TABLES.event,
			C360_TABLES.run
		]);
	}
};
