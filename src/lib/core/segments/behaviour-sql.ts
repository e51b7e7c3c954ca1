// A behaviour condition as a set-based predicate on the customer: one pass over the events,
// grouped by customer, whose ids the customer's id is looked up in (DuckDB runs it as a hash
// join whatever the number of customers; nothing is evaluated customer by customer). "At least
// once" is membership of the customers with a matching event, "at least N" of those with N or
// more; "at most N" and "exactly 0" are the customers NOT among those with more than N (or any),
// which keeps the customers without any event. Purchases are orders: distinct order keys of sale
// lines (cancelled and refunded orders are no sale, as in the 360° KPIs), an order counting when
// one of its lines passes the filters; other kinds count events. Only linked events up to the
// end of the as-of day count, as in the 360° view; undated events count only without a window.
// Windows compare the event's time with the midnights that bound them rather than casting each
// time to its day: the same events, and a comparison with a constant the scan can filter on.
// In the workspace, most conditions are counted from the customers' activity days instead, and
// "bought in category X" from the bought categories (customer360/purchase-categories.ts).
import { saleOf } from '../customer360/events';
import { empty, ident, join, sql, type Sql } from '../sql/sql';
import { undatedField } from '../customer360/activity-days';
import { testSql } from './test-sql';
import type { BehaviourWindow } from './rules';
import type { CheckedBehaviour } from './validate';

/**
 * The first day of a window that ends on the as-of day: null without a window ("ever"),
 * undefined for a window that ends earlier ("between"). Counts from days kept per order (the
 * activity days, the bought categories) can answer only the first two.
 */
function firstDayUpToAsOf(window: BehaviourWindow, asOf: string): Sql | null | undefined {
	switch (window.kind) {
		case 'ever':
			return null;
		case 'last-days':
			return sql`${asOf}::DATE - ${window.days}`;
		case 'since':
			return sql`${window.from}::DATE`;
		case 'between':
			return undefined;
	}
}

function windowSql(behaviour: CheckedBehaviour, asOf: string): Sql | null {
	const from = (day: Sql) => sql`e.event_at >= (${day})::TIMESTAMP`;
	const window = behaviour.window;
	if (window.kind === 'between') {
		return sql`${from(sql`${window.from}::DATE`)}
				AND e.event_at < (${window.to}::DATE + 1)::TIMESTAMP`;
	}
	const first = firstDayUpToAsOf(window, asOf);
	return first ? from(first) : null;
}

/** The counted events' conditions; `sale`: whether the events keep each line's sale flag. */
function eventConditions(behaviour: CheckedBehaviour, asOf: string, sale: boolean): Sql[] {
	const conditions = [
		sql`e.status = 'linked'`,
		sql`e.customer_id IS NOT NULL`,
		sql`(e.event_at IS NULL OR e.event_at < ${asOf}::DATE + INTERVAL 1 DAY)`,
		sql`e.kind = ${behaviour.event}`
	];
	if (behaviour.event === 'purchase') {
		const isSale = sale ? sql`e.sale` : saleOf(sql`e.kind`, sql`e.event_type`);
		conditions.push(isSale, sql`e.order_key IS NOT NULL`);
	}
	if (behaviour.eventType !== null) {
		conditions.push(sql`coalesce(lower(e.event_type) = lower(${behaviour.eventType}), false)`);
	}
	for (const filter of behaviour.where) {
		conditions.push(testSql(sql`e.${ident(filter.field)}`, filter.test, asOf));
	}
	const window = windowSql(behaviour, asOf);
	if (window) conditions.push(window);
	return conditions;
}

/** How the customer's events may be read besides the event table itself. */
export interface EventReading {
	/** The customer's activity days column, which most conditions count from. */
	days?: Sql | null;
	/**
	 * Stands for a query of customers' event counts (customer_id, n): returns the query to use
	 * in its place (a table they were kept in by an earlier count, see condition-memo.ts).
	 */
	memo?: (counts: Sql) => Sql;
	/**
	 * Whether the event table keeps each line's `sale` flag, as the workspace's does
	 * (customer360/events.ts); otherwise a sale is read from the event type's words.
	 */
	sale?: boolean;
	/** The table of the categories customers bought (customer360/purchase-categories.ts). */
	categories?: string | null;
}

/** How a count compares with the condition's number. */
function countTest(count: CheckedBehaviour['count'], n: Sql, times: number): Sql {
	switch (count) {
		case 'at-least':
			return sql`${n} >= ${times}`;
		case 'exactly':
			return sql`${n} = ${times}`;
		case 'at-most':
			return sql`${n} <= ${times}`;
	}
}

/**
 * The behaviour counted from the customer's activity days (customer360/activity-days.ts) when
 * it can be: no event type, no filter, and a window that ends on the as-of day (or none) — the
 * days kept per order are its last, which is in such a window exactly when one of its lines is.
 * Null when the events must be read.
 */
function fromActivityDays(behaviour: CheckedBehaviour, days: Sql, asOf: string): Sql | null {
	if (behaviour.eventType !== null || behaviour.where.length > 0) return null;
	const list = sql`struct_extract(${days}, ${behaviour.event})`;
	const first = firstDayUpToAsOf(behaviour.window, asOf);
	if (first === undefined) return null;
	const n =
		first === null
			? sql`(coalesce(len(${list}), 0) + coalesce(struct_extract(${days}, ${undatedField(behaviour.event)}), 0))`
			: sql`coalesce(len(list_filter(${list}, lambda d: d >= ${first})), 0)`;
	return countTest(behaviour.count, n, behaviour.times);
}

/**
 * The orders (customer_id, order_key) of a "bought in category" condition — purchases with one
 * filter, "category is (one of)", and a window that ends on the as-of day (or none) — from the
 * table of bought categories, whose day is the order's last line in the category: such a line
 * is in the window exactly when that day is. Null for any other condition.
 */
function categoryOrders(behaviour: CheckedBehaviour, table: string, asOf: string): Sql | null {
	const [filter, ...others] = behaviour.where;
	if (behaviour.event !== 'purchase' || behaviour.eventType !== null || others.length > 0) {
		return null;
	}
	if (filter?.field !== 'category' || filter.test.negated || filter.test.test.test !== 'text-in') {
		return null;
	}
	const values = filter.test.test.values.map((value) => sql`lower(${value})`);
	const first = firstDayUpToAsOf(behaviour.window, asOf);
	if (first === undefined) return null;
	const conditions = [
		values.length === 1 ? sql`p.v = ${values[0]!}` : sql`p.v IN (${join(values)})`
	];
	if (first !== null) conditions.push(sql`p.d >= ${first}`);
	// An order with lines in two of the categories is one order.
	const distinct = values.length > 1 ? sql`DISTINCT ` : empty;
	return sql`SELECT ${distinct}p.customer_id, p.order_key FROM ${ident(table)} p
		WHERE ${join(conditions, ' AND ')}`;
}

/**
 * The behaviour as a predicate on `customer` (the customer id column of the outer query) that
 * is never NULL; `events` is the event table's name.
 */
export function behaviourSql(
	behaviour: CheckedBehaviour,
	customer: Sql,
	events: string,
	asOf: string,
	reading: EventReading = {}
): Sql {
	const { count, times } = behaviour;
	if (count === 'at-least' && times === 0) return sql`true`;
	const quick = reading.days ? fromActivityDays(behaviour, reading.days, asOf) : null;
	if (quick) return quick;
	const where = join(eventConditions(behaviour, asOf, reading.sale === true), ' AND ');
	const orders = reading.categories ? categoryOrders(behaviour, reading.categories, asOf) : null;
	const matching = orders
		? sql`SELECT customer_id FROM (${orders})`
		: sql`SELECT e.customer_id FROM ${ident(events)} e WHERE ${where}`;
	// Orders: each (customer, order) once, then counted; cheaper than count(DISTINCT …).
	const counted =
		orders ??
		(behaviour.event === 'purchase'
			? sql`SELECT DISTINCT e.customer_id, e.order_key FROM ${ident(events)} e WHERE ${where}`
			: matching);
	const having = (condition: Sql) =>
		sql`SELECT customer_id FROM (${counted}) GROUP BY customer_id HAVING count(*) ${condition}`;
	const among = (ids: Sql) => sql`coalesce(${customer} IN (${ids}), false)`;
	if (reading.memo) {
		// Each customer's count is kept, so that a change of the number alone reads no event.
		const counts = reading.memo(
			sql`SELECT customer_id, count(*) AS n FROM (${counted}) GROUP BY customer_id`
		);
		const having = (condition: Sql) =>
			sql`SELECT customer_id FROM (${counts}) WHERE n ${condition}`;
		if (times === 0) return sql`(NOT ${among(having(sql`>= 1`))})`;
		return count === 'at-most'
			? sql`(NOT ${among(having(sql`> ${times}`))})`
			: among(having(count === 'exactly' ? sql`= ${times}` : sql`>= ${times}`));
	}
	// "At least once" and "never" need no count: whether the customer has a matching event.
	if (count === 'at-least' && times === 1) return among(matching);
	if (times === 0) return sql`(NOT ${among(matching)})`;
	switch (count) {
		case 'at-least':
			return among(having(sql`>= ${times}`));
		case 'exactly':
			return among(having(sql`= ${times}`));
		case 'at-most':
			return sql`(NOT ${among(having(sql`> ${times}`))})`;
	}
}
