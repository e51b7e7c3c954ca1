// Step 2: the persons' true contact details — e-mail addresses, phones, loyalty card — written
// to cc_demo_person. The tricky point is uniqueness: two different persons must never own the
// same mailbox, phone or card, or the truth would be wrong. E-mails are de-duplicated per Gmail
// mailbox (dots ignored) with a '_n' suffix no generated address otherwise ends with; second
// addresses end in '-<birth year>', which no first address does; numbers come from
// (id × odd multiplier + offset) mod 10^k, a permutation, so they are unique by construction.
import { ident, sql, type Sql } from '../../sql/sql';
import { between, oneOf, pickWeighted } from '../draw';
import { DEMO_TRUTH_TABLES, workTable } from '../sources';
import { seedOffset, type DemoContext, type DemoStep } from '../step';
import { EMAIL_DOMAINS } from '../vocabulary/places';

/** A unique number of `digits` digits for each id below 10^digits (an affine permutation). */
function permutedDigits(id: Sql, multiplier: number, offset: number, digits: number): Sql {
	const modulus = 10 ** digits;
	const permuted = sql`(${id}::BIGINT * ${multiplier} + ${offset % modulus}) % ${modulus}`;
	return sql`lpad((${permuted})::VARCHAR, ${digits}, '0')`;
}

export function personContactSteps(ctx: DemoContext): DemoStep[] {
	const d = ctx.draw;
	const p = sql`person_id`;
	const given = sql`given_key`;
	const family = sql`family_key`;
	const localPart = oneOf(
		d(p, 'email-pattern'),
		[
			[0.35, sql`${given} || '.' || ${family}`],
			[0.15, sql`${given} || ${family}`],
			[0.12, sql`left(${given}, 1) || '.' || ${family}`],
			[0.12, sql`${given} || '.' || ${family} || right(year(birth_date)::VARCHAR, 2)`],
			[0.1, sql`${given} || '_' || ${family}`],
			[0.08, sql`${family} || '.' || ${given}`]
		],
		sql`${given} || ${family} || ${between(d(p, 'email-number'), 1, 999)}::VARCHAR`
	);
	// Mobiles start with 6 (the main one) or 7 (a second one), so the two kinds never collide.
	const mobile = permutedDigits(sql`a.person_id`, 39916801, seedOffset(ctx.seed, 1, 1e8), 8);
	const secondMobile = permutedDigits(sql`a.person_id`, 19260817, seedOffset(ctx.seed, 2, 1e8), 8);
	const landline = permutedDigits(sql`a.household_id`, 27644437, seedOffset(ctx.seed, 3, 1e8), 8);
	const card = permutedDigits(sql`a.person_id`, 48271, seedOffset(ctx.seed, 4, 1e9), 9);
	return [
		{
			label: 'Giving persons e-mail addresses, phones and loyalty cards',
			statement: sql`CREATE OR REPLACE TABLE ${ident(DEMO_TRUTH_TABLES.person)} AS
			WITH keyed AS (
				SELECT *,
					regexp_replace(lower(strip_accents(first_name)), '[^a-z-]', '', 'g') AS given_key,
					regexp_replace(lower(strip_accents(last_name)), '[^a-z-]', '', 'g') AS family_key
				FROM ${ident(workTable('person'))}
			), candidates AS (
				SELECT *,
					${localPart} AS local_part,
					${pickWeighted(EMAIL_DOMAINS, d(p, 'email-domain'))} AS domain,
					CASE WHEN ${d(p, 'second-email')} < 0.21
						THEN left(${given}, 1) || ${family} || '-' || year(birth_date)::VARCHAR END AS second_local,
					${pickWeighted(EMAIL_DOMAINS, d(p, 'second-email-domain'))} AS second_domain
				FROM keyed
			), ranked AS (
				SELECT *,
					row_number() OVER (PARTITION BY replace(local_part, '.', ''), domain ORDER BY person_id)
						AS email_rank,
					row_number() OVER (PARTITION BY second_local, second_domain ORDER BY person_id)
						AS second_rank
				FROM candidates
			), addressed AS (
				SELECT *,
					local_part || CASE WHEN email_rank > 1 THEN '_' || email_rank::VARCHAR ELSE '' END
						|| '@' || domain AS email,
					second_local || CASE WHEN second_rank > 1 THEN '_' || second_rank::VARCHAR ELSE '' END
						|| '@' || second_domain AS second_email,
					channel IN ('store', 'omni') AND is_buyer AND ${d(p, 'loyalty')} < 0.7 AS has_loyalty
				FROM ranked
			)
			SELECT a.person_id, a.household_id, a.gender, a.first_name, a.last_name, a.birth_date,
				a.email, a.second_email,
				CASE WHEN a.is_partner AND ${d(sql`a.household_id`, 'family-email')} < 0.4
					THEN head.email END AS shared_email,
				CASE WHEN ${d(sql`a.person_id`, 'has-mobile')} < 0.92 THEN '+336' || ${mobile} END AS mobile,
				CASE WHEN ${d(sql`a.person_id`, 'second-mobile')} < 0.06
					THEN '+337' || ${secondMobile} END AS second_mobile,
				CASE WHEN ${d(sql`a.household_id`, 'landline')} < 0.3
					THEN '+33' || a.phone_region || ${landline} END AS landline,
				a.street_number, a.street, a.postcode, a.city, a.home_store,
				CASE WHEN a.has_loyalty THEN '2900' || ${card} END AS loyalty_id,
				a.channel, a.is_buyer, a.acquired_on, a.churned_on, a.repeat_rate, a.basket_mean,
				a.has_account, a.has_loyalty,
				a.has_loyalty OR NOT a.has_account OR ${d(sql`a.person_id`, 'crm')} < 0.12 AS in_crm,
				a.newsletter
			FROM addressed a
			-- Every household id is its head's person id, so this equi-join finds the head (or the
			-- person itself) for everyone; a join condition on is_partner would force a nested loop.
			JOIN addressed head ON head.person_id = a.household_id
			ORDER BY a.person_id`
		}
	];
}
