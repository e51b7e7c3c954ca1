// Source 6: customer service tickets, exported from the help desk with camelCase headers. The
// contact is whatever the agent typed: an e-mail address (any of the person's, in any case),
// a phone number in any format, a placeholder '0000000000', or nothing for a quick chat. The
// tricky point: a ticket is linkable only if that contact really identifies the person.
import { ident, sql } from '../../sql/sql';
import { timeOfDay } from '../clock';
import { oneOf, pick } from '../draw';
import { emailAsTyped } from '../mess/emails';
import { phoneAsTyped } from '../mess/phones';
import { exponentialOf } from '../quantiles';
import { DEMO_TRUTH_TABLES, demoSource } from '../sources';
import { activeDays, type DemoContext } from '../step';
import { TICKET_SUBJECTS } from '../vocabulary/catalog';
import type { SourceRecipe } from './recipe';

const JUNK_PHONE = '0000000000';
const FIRST_TICKET_ID = 100000;

const ticketId = sql`${FIRST_TICKET_ID} + record_order`;

export function serviceTickets(ctx: DemoContext): SourceRecipe {
	const d = ctx.draw;
	const p = sql`person_id`;
	const k = sql`ticket_no`;
	const solved = sql`closed_ts < ${ctx.asOf}`;
	const typedEmail = emailAsTyped(sql`used_email`, d(p, k, 'email-case'), d(p, k, 'email-tag'));
	return {
		source: demoSource('cc_raw_service_tickets'),
		rows: sql`WITH askers AS (
				SELECT *,
					${activeDays(ctx)} AS active_days,
					(${d(p, 'ticket-1')} < 0.09)::INTEGER + (${d(p, 'ticket-2')} < 0.025)::INTEGER AS tickets
				FROM ${ident(DEMO_TRUTH_TABLES.person)}
				WHERE is_buyer
			), slots AS (
				SELECT *, unnest(range(tickets))::INTEGER AS ticket_no FROM askers WHERE tickets > 0
			), opened AS (
				SELECT *,
					(acquired_on + floor(${d(p, k, 'day')} * (active_days + 1))::INTEGER)::TIMESTAMP
						+ to_seconds((28800 + floor(39600 * ${d(p, k, 'time')}))::BIGINT) AS opened_ts,
					${oneOf(
						d(p, k, 'channel'),
						[
							[0.5, sql`'email'`],
							[0.35, sql`'phone'`]
						],
						sql`'chat'`
					)} AS ticket_channel,
					CASE WHEN second_email IS NOT NULL AND ${d(p, k, 'which-email')} < 0.2 THEN second_email
						WHEN shared_email IS NOT NULL AND ${d(p, k, 'which-email')} < 0.5 THEN shared_email
						ELSE email END AS used_email,
					coalesce(CASE WHEN ${d(p, k, 'which-phone')} < 0.3 THEN coalesce(landline, second_mobile) END,
						mobile, landline) AS used_phone
				FROM slots
			)
			SELECT person_id, ticket_no, opened_ts, ticket_channel,
				-- Tickets take 1.5 days to solve on average (exponentially distributed).
				opened_ts + ${timeOfDay(sql`1.5 * ${exponentialOf(d(p, k, 'resolution'))}`)} AS closed_ts,
				CASE ticket_channel
					WHEN 'email' THEN ${typedEmail}
					WHEN 'phone' THEN CASE WHEN ${d(p, k, 'junk-phone')} < 0.03 THEN ${JUNK_PHONE}
						ELSE ${phoneAsTyped(sql`used_phone`, d(p, k, 'phone-format'), [
							['spaced', 0.3],
							['national', 0.3],
							['international', 0.15],
							['e164', 0.1],
							['zero-zero', 0.05],
							['dotted', 0.05],
							['no-leading-zero', 0.05]
						])} END
					ELSE CASE WHEN ${d(p, k, 'chat-email')} < 0.6 THEN used_email END
				END AS contact
			FROM opened`,
		order: sql`opened_ts, person_id, ticket_no`,
		key: ticketId,
		linkable: sql`contact IS NOT NULL AND contact <> ${JUNK_PHONE}`,
		columns: [
			['ticketId', ticketId],
			['openedAt', sql`strftime(opened_ts, '%Y-%m-%dT%H:%M:%SZ')`],
			['closedAt', sql`CASE WHEN ${solved} THEN strftime(closed_ts, '%Y-%m-%dT%H:%M:%SZ') END`],
			[
				'status',
				sql`CASE WHEN ${solved} THEN 'solved'
					WHEN ${d(p, k, 'pending')} < 0.5 THEN 'pending' ELSE 'open' END`
			],
			['channel', sql`ticket_channel`],
			['contact', sql`contact`],
			['subject', pick(TICKET_SUBJECTS, d(p, k, 'subject'))]
		]
	};
}
