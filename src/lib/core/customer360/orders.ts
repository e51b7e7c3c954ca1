// The linked events and orders of customers as of a date, shared by the 360° KPIs and the
// indicators so that both count the same purchases. Events after the end of the as-of day are
// ignored; undated events stay in lifetime totals. An order of several rows (one per line
// item) is one order: its order key; cancelled or refunded orders are no sale.
import { ident, sql, type Sql } from '../sql/sql';
import { C360_TABLES } from './tables';

/** The linked events up to the end of `asOf` (ISO date), with their `sale` flag (events.ts). */
export function eventsUpTo(asOf: string): Sql {
	return sql`SELECT *
		FROM ${ident(C360_TABLES.event)}
		WHERE status = 'linked' AND (event_at IS NULL OR event_at < ${asOf}::DATE + INTERVAL 1 DAY)`;
}

/**
 * One row per sale order of `events` (a query shaped like eventsUpTo's): customer_id,
 * order_key, lane, event_at (its first line's time) and amount (its lines summed).
 */
export function ordersOf(events: Sql): Sql {
	return sql`SELECT customer_id, order_key, any_value(lane) AS lane, min(event_at) AS event_at,
			sum(amount) AS amount
		FROM (${events}) WHERE sale GROUP BY customer_id, order_key`;
}
