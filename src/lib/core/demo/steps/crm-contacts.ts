// Source 1: the CRM's contacts — loyalty club enrolments at the tills and sign-ups in store —
// with French headers and day-first dates. This is the messiest file: people enrolled twice or
// three times (each time typed a little differently), swapped first and last names, typos,
// SHOUTED surnames, lost accents, family or junk e-mails, phones in every format, postcodes
// that lost their leading 0. The tricky point: duplicates are slightly messier than first
// records (typo rate 15% instead of 3%), as a second enrolment is typed in a hurry.
import { ident, sql, type Sql } from '../../sql/sql';
import { openingHours } from '../clock';
import { oneOf, pick } from '../draw';
import { typo } from '../mess/names';
import { DEMO_TRUTH_TABLES, demoSource } from '../sources';
import { activeDays, type DemoContext } from '../step';
import { JUNK_EMAILS } from '../vocabulary/places';
import { CONTACT_ID, crmColumns } from './crm-columns';
import type { SourceRecipe } from './recipe';
import { anyStore } from './store-lookup';

export function crmContacts(ctx: DemoContext): SourceRecipe {
	const d = ctx.draw;
	const p = sql`person_id`;
	const c = sql`copy_no`;
	const withTypo = (column: string): Sql =>
		sql`CASE WHEN ${d(p, c, column, 'typo')} < CASE WHEN copy_no = 0 THEN 0.03 ELSE 0.15 END
			THEN ${typo(ident(column), d(p, c, column, 'typo-at'), d(p, c, column, 'typo-kind'))}
			ELSE ${ident(column)} END`;
	return {
		source: demoSource('cc_raw_crm_contacts'),
		rows: sql`WITH members AS (
				SELECT *,
					1 + (${d(p, 'crm-copy-1')} < 0.07)::INTEGER
						+ (${d(p, 'crm-copy-2')} < 0.015)::INTEGER AS copies,
					greatest(${activeDays(ctx)}, 1) AS active_days
				FROM ${ident(DEMO_TRUTH_TABLES.person)}
				WHERE in_crm
			), records AS (
				SELECT *, unnest(range(copies))::INTEGER AS copy_no FROM members
			), named AS (
				SELECT *,
					${d(p, c, 'swapped')} < 0.025 AS swapped,
					CASE WHEN swapped THEN last_name ELSE first_name END AS given,
					CASE WHEN swapped THEN first_name ELSE last_name END AS family
				FROM records
			)
			SELECT person_id, copy_no, gender, street_number, street, postcode, city, birth_date,
				loyalty_id, newsletter,
				(acquired_on + CASE WHEN copy_no = 0 THEN 0
					ELSE floor(${d(p, c, 'created')} * active_days)::INTEGER END)::TIMESTAMP
					+ ${openingHours(d(p, c, 'created-time'))} AS created_ts,
				${withTypo('given')} AS given_typed,
				${withTypo('family')} AS family_typed,
				${oneOf(
					d(p, c, 'email-kind'),
					[
						[0.12, sql`NULL`],
						[0.025, pick(JUNK_EMAILS, d(p, c, 'junk-email'))]
					],
					sql`CASE WHEN shared_email IS NOT NULL AND ${d(p, c, 'family-email')} < 0.8 THEN shared_email
						WHEN second_email IS NOT NULL AND ${d(p, c, 'second-email')} < 0.3 THEN second_email
						ELSE email END`
				)} AS chosen_email,
				${oneOf(
					d(p, c, 'phone-kind'),
					[
						[0.1, sql`NULL`],
						[0.015, sql`'junk'`],
						[0.01, sql`'store'`]
					],
					sql`CASE WHEN landline IS NOT NULL AND ${d(p, c, 'which-phone')} < 0.2 THEN landline
						WHEN second_mobile IS NOT NULL AND ${d(p, c, 'which-phone')} < 0.5 THEN second_mobile
						ELSE coalesce(mobile, landline) END`
				)} AS chosen_phone,
				CASE WHEN copy_no > 0 AND ${d(p, c, 'other-store')} < 0.4
					THEN ${anyStore(d(p, c, 'store'))}
					ELSE home_store END AS store_code
			FROM named`,
		order: sql`created_ts, person_id, copy_no`,
		key: CONTACT_ID,
		linkable: sql`TRUE`,
		columns: crmColumns(ctx)
	};
}
