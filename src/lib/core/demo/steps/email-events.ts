// Source 7: the e-mail platform's newsletter events (sent, open, click, bounce, unsubscribe)
// for the monthly newsletters of the last six months, with UPPER_SNAKE headers and ISO times.
// The platform keeps its own clean, lower-case copy of each subscriber's personal address. The
// tricky point: a person receives a newsletter only after subscribing and up to the one they
// unsubscribe from, so events after an unsubscribe never appear.
import { ident, sql } from '../../sql/sql';
import { timeOfDay } from '../clock';
import { textList } from '../draw';
import { exponentialOf } from '../quantiles';
import { DEMO_TRUTH_TABLES, demoSource } from '../sources';
import type { DemoContext } from '../step';
import { NEWSLETTER_THEMES } from '../vocabulary/catalog';
import type { SourceRecipe } from './recipe';

const NEWSLETTERS = 6;
const EVENT_TYPES = ['sent', 'bounce', 'open', 'click', 'unsubscribe'];

const eventId = sql`'EV' || lpad(record_order::VARCHAR, 10, '0')`;

export function emailEvents(ctx: DemoContext): SourceRecipe {
	const d = ctx.draw;
	const p = sql`person_id`;
	const c = sql`campaign_no`;
	// Newsletter n (1 = oldest) goes out on the 9th of its month at 10:00.
	const campaignAt = sql`(date_trunc('month', ${ctx.asOf}::TIMESTAMP)
		- to_months(${NEWSLETTERS + 1} - campaign_no) + INTERVAL '8 days 10 hours')`;
	return {
		source: demoSource('cc_raw_email_events'),
		rows: sql`WITH subscribers AS (
				SELECT person_id, lower(email) AS address, acquired_on,
					0.1 + 0.5 * ${d(p, 'open-propensity')} AS open_rate,
					CASE WHEN ${d(p, 'unsubscribes')} < 0.1
						THEN 1 + floor(${NEWSLETTERS} * ${d(p, 'unsubscribe-at')})::INTEGER END AS last_campaign
				FROM ${ident(DEMO_TRUTH_TABLES.person)}
				WHERE newsletter
			), campaigns AS (
				SELECT range::INTEGER AS campaign_no FROM range(1, ${NEWSLETTERS + 1})
			), sends AS (
				SELECT s.*, c.campaign_no, ${campaignAt} AS campaign_at
				FROM subscribers s CROSS JOIN campaigns c
			), reactions AS (
				SELECT *,
					campaign_at + to_seconds(floor(7200 * ${d(p, c, 'send')})::BIGINT) AS sent_at,
					${d(p, c, 'bounce')} < 0.01 AS bounced,
					NOT bounced AND ${d(p, c, 'open')} < open_rate AS opened,
					-- Opens come a quarter of a day after the send on average.
					sent_at + ${timeOfDay(sql`0.25 * ${exponentialOf(d(p, c, 'open-delay'))}`)} AS opened_at
				FROM sends
				WHERE acquired_on <= campaign_at::DATE
					AND (last_campaign IS NULL OR campaign_no <= last_campaign)
			)
			SELECT person_id, campaign_no, 1 AS type_no, address, sent_at AS event_at FROM reactions
			UNION ALL
			SELECT person_id, campaign_no, 2, address, sent_at + INTERVAL 40 SECOND
			FROM reactions WHERE bounced
			UNION ALL
			SELECT person_id, campaign_no, 3, address, opened_at FROM reactions WHERE opened
			UNION ALL
			SELECT person_id, campaign_no, 4, address,
				opened_at + to_seconds((20 + floor(600 * ${d(p, c, 'click-delay')}))::BIGINT)
			FROM reactions WHERE opened AND ${d(p, c, 'click')} < 0.25
			UNION ALL
			SELECT person_id, campaign_no, 5, address,
				CASE WHEN opened THEN opened_at + INTERVAL 90 SECOND ELSE sent_at + INTERVAL 1 DAY END
			FROM reactions WHERE campaign_no = last_campaign AND NOT bounced`,
		order: sql`event_at, person_id, campaign_no, type_no`,
		key: eventId,
		linkable: sql`TRUE`,
		columns: [
			['EVENT_ID', eventId],
			['EMAIL', sql`address`],
			[
				'CAMPAIGN',
				sql`'NL ' || strftime(${campaignAt}, '%Y-%m') || ' '
					|| list_element(${textList(NEWSLETTER_THEMES)}, month(${campaignAt}))`
			],
			['EVENT_TYPE', sql`list_element(${textList(EVENT_TYPES)}, type_no)`],
			['EVENT_TIME', sql`strftime(event_at, '%Y-%m-%dT%H:%M:%SZ')`]
		]
	};
}
