// Source 5: web analytics sessions, exported with US month-first dates. A session shows the
// visitor's e-mail only when they logged in (always when they ordered); otherwise only the
// cookie id of their device links sessions together. The tricky point: cookie ids must differ
// between persons, so they join a hash of (person, device) to the day the person was first seen.
import { ident, sql, type Sql } from '../../sql/sql';
import { timeOfDay } from '../clock';
import { oneOf, pick, pickWeighted } from '../draw';
import { exponentialOf } from '../quantiles';
import { DEMO_TRUTH_TABLES, demoSource, workTable } from '../sources';
import { HISTORY_DAYS, type DemoContext } from '../step';
import { LANDING_PAGES, WEB_CAMPAIGNS } from '../vocabulary/catalog';
import type { SourceRecipe } from './recipe';

/** Sessions of visitors who are in no file at all, per simulated person. */
const ANONYMOUS_SESSIONS_PER_PERSON = 0.9;

/** Session kinds: browsing by a known person, the session of an order, an unknown visitor. */
const BROWSE = 1;
const ORDER = 2;
const ANONYMOUS = 3;

const sessionId = sql`'S' || lpad(record_order::VARCHAR, 9, '0')`;

function cookie(ctx: DemoContext, owner: Sql, device: Sql, firstSeen: Sql): Sql {
	const random = sql`hash(hash(${ctx.seed}, 'cookie', ${owner}, ${device})) % 10000000000`;
	const seen = sql`epoch((${firstSeen})::TIMESTAMP)::BIGINT::VARCHAR`;
	return sql`(lpad((${random})::VARCHAR, 10, '0') || '.' || ${seen})`;
}

export function webSessions(ctx: DemoContext): SourceRecipe {
	const d = ctx.draw;
	const p = sql`person_id`;
	const k = sql`session_no`;
	// Unknown visitors have no person: their draws are keyed by a negative id instead.
	const visitor = sql`coalesce(person_id, -1 - session_no)`;
	const w = sql`range`;
	const device = sql`CASE WHEN person_id IS NOT NULL AND ${d(p, 'two-devices')} < 0.4
		AND ${d(p, sql`kind`, k, 'device')} < 0.5 THEN 1 ELSE 0 END`;
	const logins = sql`(SELECT person_id, trim(typed_email) AS login_email
		FROM ${ident(workTable('eshop_accounts'))} WHERE account_no = 0)`;
	return {
		source: demoSource('cc_raw_web_sessions'),
		rows: sql`WITH browsers AS (
				SELECT pe.person_id, a.login_email, pe.acquired_on - 30 AS first_seen,
					least(coalesce(pe.churned_on + 120, ${ctx.asOf}), ${ctx.asOf})
						- (pe.acquired_on - 30) AS window_days,
					CASE WHEN pe.channel = 'store' THEN 0.6 ELSE 3.0 END
						* ${exponentialOf(d(p, 'web-rate'))} AS yearly_sessions
				FROM ${ident(DEMO_TRUTH_TABLES.person)} pe
				LEFT JOIN ${logins} a USING (person_id)
			), browsing AS (
				SELECT *, unnest(range(floor(
					yearly_sessions * window_days / 365.25 + ${d(p, 'web-rounding')})::INTEGER)) AS session_no
				FROM browsers
			)
			SELECT person_id, ${BROWSE} AS kind, session_no::INTEGER AS session_no, first_seen,
				(first_seen + floor(${d(p, k, 'browse-day')} * window_days)::INTEGER)::TIMESTAMP
					+ ${timeOfDay(sql`0.25 + 0.75 * sqrt(${d(p, k, 'browse-time')})`)} AS started_at,
				CASE WHEN ${d(p, k, 'logged-in')} < 0.3 THEN login_email END AS user_email
			FROM browsing
			UNION ALL
			-- The session in which an order was placed starts 5 to 35 minutes before it.
			SELECT o.person_id, ${ORDER}, o.purchase_no, pe.acquired_on - 30,
				o.purchase_at - to_seconds((300
					+ floor(1800 * ${d(sql`o.person_id`, sql`o.purchase_no`, 'order-session')}))::BIGINT),
				o.login_email
			FROM ${ident(workTable('eshop_orders'))} o
			JOIN ${ident(DEMO_TRUTH_TABLES.person)} pe USING (person_id)
			UNION ALL
			SELECT NULL, ${ANONYMOUS}, range::INTEGER, NULL,
				(${ctx.start} + floor(${HISTORY_DAYS} * ${d('anonymous-visit', w, 'day')})::INTEGER)::TIMESTAMP
					+ ${timeOfDay(d('anonymous-visit', w, 'time'))},
				NULL
			FROM range(${Math.round(ctx.persons * ANONYMOUS_SESSIONS_PER_PERSON)})`,
		order: sql`started_at, kind, person_id NULLS FIRST, session_no`,
		key: sessionId,
		linkable: sql`user_email IS NOT NULL`,
		columns: [
			['Session ID', sessionId],
			[
				'Visitor ID',
				sql`CASE WHEN person_id IS NULL THEN ${cookie(ctx, visitor, sql`0`, sql`started_at::DATE`)}
					ELSE ${cookie(ctx, p, device, sql`first_seen`)} END`
			],
			['User Email', sql`user_email`],
			['Session Start', sql`strftime(started_at, '%m/%d/%Y %H:%M:%S')`],
			[
				'Pageviews',
				sql`1 + floor(6 * ${exponentialOf(d(visitor, sql`kind`, k, 'pages'))})::INTEGER`
			],
			[
				'Duration (s)',
				sql`(1 + floor(6 * ${exponentialOf(d(visitor, sql`kind`, k, 'pages'))})::INTEGER)
					* (15 + floor(90 * ${d(visitor, sql`kind`, k, 'dwell')}))::INTEGER`
			],
			[
				'Device Category',
				oneOf(
					d(visitor, device, 'device-kind'),
					[
						[0.55, sql`'mobile'`],
						[0.38, sql`'desktop'`]
					],
					sql`'tablet'`
				)
			],
			[
				'Landing Page',
				sql`CASE WHEN kind = ${ORDER} AND ${d(visitor, sql`kind`, k, 'cart-landing')} < 0.3
					THEN '/panier' ELSE ${pick(LANDING_PAGES, d(visitor, sql`kind`, k, 'landing'))} END`
			],
			['Campaign', pickWeighted(WEB_CAMPAIGNS, d(visitor, sql`kind`, k, 'campaign'))]
		]
	};
}
