// cc_customer_360: one row per customer of the last identity run, its golden record beside its
// KPIs as of a date. Events after that date are ignored, as if the data had been exported then;
// events without a date count in the lifetime totals but in no window. The tricky points: an
// order of several rows counts once (its order key) and cancelled or refunded orders are no
// revenue; "received" e-mails are the sent or delivered ones; the preferred channel is where
// the customer placed most orders (online or store, the larger revenue breaking a tie).
import type { Db } from '../db';
import { ident, join, sql, type Sql } from '../sql/sql';
import { GOLDEN_TABLE, GOLDEN_VALUE_COLUMNS } from '../identity/golden';
import { isClicked, isOpened, isOpenTicket, isReceived, isUnsubscribed } from './event-types';
import { ACTIVITY_COLUMN, activityDaysQuery } from './activity-days';
import { eventsUpTo, ordersOf } from './orders';
import { C360_TABLES } from './tables';

/** The KPI columns of cc_customer_360, after the golden ones, with what each holds. */
export const KPI_COLUMNS = {
	first_purchase_at: 'First purchase',
	last_purchase_at: 'Last purchase',
	orders: 'Orders',
	orders_online: 'Orders online',
	orders_store: 'Orders in store',
	revenue: 'Revenue',
	revenue_online: 'Revenue online',
	revenue_store: 'Revenue in store',
	revenue_12m: 'Revenue, last 12 months',
	average_basket: 'Average basket',
	days_since_last_purchase: 'Days since last purchase',
	web_sessions: 'Web sessions',
	web_sessions_30d: 'Web sessions, 30 days',
	web_sessions_90d: 'Web sessions, 90 days',
	last_visit_at: 'Last visit',
	service_contacts: 'Service contacts',
	open_tickets: 'Open tickets',
	email_events: 'E-mail events',
	emails_received: 'E-mails received',
	emails_opened: 'E-mails opened',
	emails_clicked: 'E-mails clicked',
	last_open_at: 'Last open',
	unsubscribed_at: 'Unsubscribed',
	preferred_channel: 'Preferred channel',
	top_category: 'Top category',
	events: 'Events',
	last_activity_at: 'Last activity',
	sources: 'Sources'
} as const;

export type KpiColumn = keyof typeof KPI_COLUMNS;

/** What customer search looks in (see customer-list): id, names, e-mail and phone, lower case. */
function searchText(): Sql {
	return sql`lower(concat_ws(' ', g.customer_id, g.first_name, g.last_name, g.email, g.phone))`;
}

/** Builds cc_customer_360 as of `asOf` (ISO date, 'YYYY-MM-DD'). */
export async function buildCustomer360(db: Db, asOf: string): Promise<void> {
	const day = sql`${asOf}::DATE`;
	const within = (days: number) => sql`event_at > ${day} + INTERVAL 1 DAY - INTERVAL ${days} DAY`;
	const web = sql`kind = 'web'`;
	const mail = sql`kind = 'email'`;
	const golden = GOLDEN_VALUE_COLUMNS.map((c) => sql`g.${ident(c)}`);
	await db.exec(sql`CREATE OR REPLACE TABLE ${ident(C360_TABLES.customer)} AS
		WITH e AS (${eventsUpTo(asOf)}),
		orders AS (${ordersOf(sql`SELECT * FROM e`)}),
		per_order AS (
			SELECT customer_id, min(event_at) AS first_purchase_at, max(event_at) AS last_purchase_at,
				count(*)::INTEGER AS orders,
				count(*) FILTER (WHERE lane = 'Online')::INTEGER AS orders_online,
				count(*) FILTER (WHERE lane = 'Store')::INTEGER AS orders_store,
				coalesce(sum(amount), 0) AS revenue,
				coalesce(sum(amount) FILTER (WHERE lane = 'Online'), 0) AS revenue_online,
				coalesce(sum(amount) FILTER (WHERE lane = 'Store'), 0) AS revenue_store,
				coalesce(sum(amount) FILTER (WHERE event_at > ${day} + INTERVAL 1 DAY - INTERVAL 12 MONTH), 0) AS revenue_12m
			FROM orders GROUP BY customer_id
		),
		channel AS (
			SELECT customer_id, arg_max(lane, (n, revenue)) AS preferred_channel FROM (
				SELECT customer_id, lane, count(*) AS n, sum(amount) AS revenue FROM orders GROUP BY ALL
			) GROUP BY customer_id
		),
		category AS (
			SELECT customer_id, arg_max(category, (revenue, category)) AS top_category FROM (
				SELECT customer_id, category, sum(amount) AS revenue FROM e
				WHERE sale AND category IS NOT NULL GROUP BY ALL
			) GROUP BY customer_id
		),
		activity AS (
			SELECT customer_id,
				count(*) FILTER (WHERE ${web})::INTEGER AS web_sessions,
				count(*) FILTER (WHERE ${web} AND ${within(30)})::INTEGER AS web_sessions_30d,
				count(*) FILTER (WHERE ${web} AND ${within(90)})::INTEGER AS web_sessions_90d,
				max(event_at) FILTER (WHERE ${web}) AS last_visit_at,
				count(*) FILTER (WHERE kind = 'service')::INTEGER AS service_contacts,
				count(*) FILTER (WHERE kind = 'service' AND ${isOpenTicket(sql`event_type`)})::INTEGER AS open_tickets,
				count(*) FILTER (WHERE ${mail})::INTEGER AS email_events,
				count(*) FILTER (WHERE ${mail} AND ${isReceived(sql`event_type`)})::INTEGER AS emails_received,
				count(*) FILTER (WHERE ${mail} AND ${isOpened(sql`event_type`)})::INTEGER AS emails_opened,
				count(*) FILTER (WHERE ${mail} AND ${isClicked(sql`event_type`)})::INTEGER AS emails_clicked,
				max(event_at) FILTER (WHERE ${mail} AND ${isOpened(sql`event_type`)}) AS last_open_at,
				max(event_at) FILTER (WHERE ${mail} AND ${isUnsubscribed(sql`event_type`)}) AS unsubscribed_at,
				count(*)::INTEGER AS events, max(event_at) AS last_activity_at,
				count(DISTINCT source_id)::INTEGER AS event_sources
			FROM e GROUP BY customer_id
		),
		days AS (${activityDaysQuery(sql`SELECT * FROM e`)})
		SELECT g.customer_id, ${join(golden)}, g.record_count, g.source_count AS profile_sources,
			g.first_seen, g.last_updated,
			o.first_purchase_at, o.last_purchase_at,
			coalesce(o.orders, 0) AS orders, coalesce(o.orders_online, 0) AS orders_online,
			coalesce(o.orders_store, 0) AS orders_store,
			round(coalesce(o.revenue, 0), 2) AS revenue, round(coalesce(o.revenue_online, 0), 2) AS revenue_online,
			round(coalesce(o.revenue_store, 0), 2) AS revenue_store, round(coalesce(o.revenue_12m, 0), 2) AS revenue_12m,
			round(o.revenue / nullif(o.orders, 0), 2) AS average_basket,
			date_diff('day', o.last_purchase_at::DATE, ${day})::INTEGER AS days_since_last_purchase,
			coalesce(a.web_sessions, 0) AS web_sessions, coalesce(a.web_sessions_30d, 0) AS web_sessions_30d,
			coalesce(a.web_sessions_90d, 0) AS web_sessions_90d, a.last_visit_at,
			coalesce(a.service_contacts, 0) AS service_contacts, coalesce(a.open_tickets, 0) AS open_tickets,
			coalesce(a.email_events, 0) AS email_events, coalesce(a.emails_received, 0) AS emails_received,
			coalesce(a.emails_opened, 0) AS emails_opened, coalesce(a.emails_clicked, 0) AS emails_clicked,
			a.last_open_at, a.unsubscribed_at, ch.preferred_channel, ca.top_category,
			coalesce(a.events, 0) AS events, a.last_activity_at,
			(g.source_count + coalesce(a.event_sources, 0))::INTEGER AS sources,
			${searchText()} AS search_text, d.${ident(ACTIVITY_COLUMN)}
		FROM ${ident(GOLDEN_TABLE)} g
		LEFT JOIN per_order o USING (customer_id)
		LEFT JOIN channel ch USING (customer_id)
		LEFT JOIN category ca USING (customer_id)
		LEFT JOIN activity a USING (customer_id)
		LEFT JOIN days d USING (customer_id)
		ORDER BY g.customer_id`);
}
