// Lifecycle stages as of any date, from the orders up to that date: a customer is in the first
// stage (in the user's order) whose bounds on orders and on days since the last purchase hold.
// A customer not yet known at the date (no event up to it and a first record after it) is
// NOT_YET_KNOWN; one whom no stage fits is NO_STAGE. Both make the shift matrix complete: every
// customer of the 360° view is counted once on each side.
import { C360_TABLES } from '../customer360/tables';
import { eventsUpTo, ordersOf } from '../customer360/orders';
import { ident, join, sql, type Sql } from '../sql/sql';
import type { LifecycleStage } from './settings';

export const NOT_YET_KNOWN = '(not yet known)';
export const NO_STAGE = '(no stage)';

function bounds(value: Sql, min: number | null, max: number | null): Sql[] {
	const conditions: Sql[] = [];
	if (min !== null) conditions.push(sql`${value} >= ${min}`);
	if (max !== null) conditions.push(sql`${value} <= ${max}`);
	return conditions;
}

function stageCondition(stage: LifecycleStage, orders: Sql, daysSinceLast: Sql): Sql {
	const conditions = [
		...bounds(orders, stage.minOrders, stage.maxOrders),
		...bounds(daysSinceLast, stage.minDaysSinceLast, stage.maxDaysSinceLast)
	];
	return conditions.length === 0 ? sql`TRUE` : sql`coalesce(${join(conditions, ' AND ')}, FALSE)`;
}

/** The stage CASE over a customer's orders, days since the last purchase and whether known. */
function stageCase(stages: readonly LifecycleStage[], orders: Sql, daysSinceLast: Sql, known: Sql) {
	const whens = stages.map(
		(s) => sql`WHEN ${stageCondition(s, orders, daysSinceLast)} THEN ${s.id}`
	);
	return sql`CASE WHEN NOT (${known}) THEN ${NOT_YET_KNOWN} ${join(whens, ' ')} ELSE ${NO_STAGE} END`;
}

/**
 * The stage at the 360° view's own as-of date of the 360° customer row `c`, read from its KPIs
 * (the same orders and days since the last purchase lifecycleAt counts, without going through
 * the events again).
 */
export function lifecycleOf360(asOf: string, stages: readonly LifecycleStage[]): Sql {
	const known = sql`c.first_seen IS NULL OR c.first_seen < ${asOf}::DATE + INTERVAL 1 DAY
		OR c.orders > 0 OR c.last_activity_at IS NOT NULL`;
	return stageCase(stages, sql`c.orders`, sql`c.days_since_last_purchase`, known);
}

/** customer_id, stage (a stage id, NOT_YET_KNOWN or NO_STAGE) of every 360° customer at `day`. */
export function lifecycleAt(day: string, stages: readonly LifecycleStage[]): Sql {
	const end = sql`${day}::DATE + INTERVAL 1 DAY`;
	const known = sql`c.first_seen IS NULL OR c.first_seen < ${end} OR seen.customer_id IS NOT NULL`;
	const stage = stageCase(stages, sql`coalesce(o.orders, 0)`, sql`o.days_since_last`, known);
	return sql`SELECT c.customer_id, ${stage} AS stage
		FROM ${ident(C360_TABLES.customer)} c
		LEFT JOIN (
			SELECT customer_id, count(*) AS orders,
				date_diff('day', max(event_at)::DATE, ${day}::DATE) AS days_since_last
			FROM (${ordersOf(eventsUpTo(day))}) GROUP BY customer_id
		) o USING (customer_id)
		LEFT JOIN (
			SELECT DISTINCT customer_id FROM ${ident(C360_TABLES.event)}
			WHERE status = 'linked' AND event_at < ${end}
		) seen USING (customer_id)`;
}

/** from_stage, to_stage, customers: how many customers moved between the stages at two dates. */
export function lifecycleShift(from: string, to: string, stages: readonly LifecycleStage[]): Sql {
	return sql`SELECT a.stage AS from_stage, b.stage AS to_stage, count(*)::INTEGER AS customers
		FROM (${lifecycleAt(from, stages)}) a JOIN (${lifecycleAt(to, stages)}) b USING (customer_id)
		GROUP BY ALL ORDER BY ALL`;
}
