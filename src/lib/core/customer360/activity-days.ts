// The days each customer did something, kept beside the KPIs in cc_customer_360 (a hidden
// STRUCT column, `activity_days`) so that the segment builder's behaviour conditions count from
// one row per customer instead of grouping millions of events on every edit: for each kind of
// event a list of days (in no order: conditions only count them), and how many had no date.
// Counting units are those of the behaviour conditions: an order for purchases (sale lines with
// an order key, dated by its last dated line, so "an order in the window" keeps meaning "a line
// of it in a window that ends on the as-of day"), an event for every other kind. Built from the same linked events up to the
// as-of date as the KPIs, so a count read here equals one computed from the events.
import { EVENT_KINDS, type EventKind } from './event-kinds';
import { ident, join, sql, type Sql } from '../sql/sql';

/** The hidden column of cc_customer_360 holding the days. */
export const ACTIVITY_COLUMN = 'activity_days';

/** The STRUCT field of a kind's undated units. */
export const undatedField = (kind: EventKind) => `${kind}_undated`;

/**
 * customer_id and activity_days of every customer with a linked event, from `events` (a query
 * shaped like eventsUpTo's: linked events up to the as-of day, each flagged `sale`).
 */
export function activityDaysQuery(events: Sql): Sql {
	const fields = EVENT_KINDS.flatMap((kind) => [
		sql`${ident(kind)} := list(d) FILTER (WHERE kind = ${kind} AND d IS NOT NULL)`,
		sql`${ident(undatedField(kind))} := count(*) FILTER (WHERE kind = ${kind} AND d IS NULL)::INTEGER`
	]);
	return sql`SELECT customer_id, struct_pack(${join(fields)}) AS ${ident(ACTIVITY_COLUMN)}
		FROM (
			SELECT customer_id, 'purchase' AS kind, max(event_at)::DATE AS d FROM (${events})
			WHERE sale AND order_key IS NOT NULL AND customer_id IS NOT NULL
			GROUP BY customer_id, order_key
			UNION ALL
			SELECT customer_id, kind, event_at::DATE AS d FROM (${events})
			WHERE kind <> 'purchase' AND customer_id IS NOT NULL
		) GROUP BY customer_id`;
}
