// Step 1: the true persons — who they are, where they live and how they buy. The tricky
// points: households are pairs of consecutive ids (a partner's address and often surname are
// drawn from the household id, so they match without a join), and behaviour is drawn from
// tables of quantiles, never from ln/exp in SQL (see quantiles.ts).
import { ident, sql, type Sql } from '../../sql/sql';
import { between, oneOf, pick, pickCommonFirst, textList, weightedIndex } from '../draw';
import { exponentialOf, lognormalOf } from '../quantiles';
import { workTable } from '../sources';
import { HISTORY_DAYS, type DemoContext, type DemoStep } from '../step';
import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES } from '../vocabulary/names';
import { LOCALITIES, STORES, STREETS, type Locality } from '../vocabulary/places';

/** Share of persons living with the previous person id (a couple sharing a household). */
const PARTNER_SHARE = 0.28;

/** An attribute of the person's locality (drawn once per household, in column `locality`). */
function localityAttribute(of: (locality: Locality) => string): Sql {
	return sql`list_element(${textList(LOCALITIES.map(of))}, locality)`;
}

export function personSteps(ctx: DemoContext): DemoStep[] {
	const d = ctx.draw;
	const p = sql`person_id`;
	const hh = sql`household_id`;
	const female = sql`female`;
	// A partner who took the household's name draws it with the household's id.
	const surnameOwner = sql`CASE WHEN shares_surname THEN household_id ELSE person_id END`;
	return [
		{
			label: 'Simulating persons and households',
			statement: sql`CREATE OR REPLACE TABLE ${ident(workTable('person'))} AS
			WITH ids AS (
				SELECT range::INTEGER AS person_id FROM range(1, ${ctx.persons + 1})
			), households AS (
				SELECT person_id,
					person_id > 1 AND ${d(p, 'partner')} < ${PARTNER_SHARE}
						AND ${d(sql`person_id - 1`, 'partner')} >= ${PARTNER_SHARE} AS is_partner
				FROM ids
			), drawn AS (
				SELECT person_id, is_partner,
					CASE WHEN is_partner THEN person_id - 1 ELSE person_id END AS household_id
				FROM households
			), traits AS (
				SELECT *,
					(${d(hh, 'female')} < 0.53) <> (is_partner AND ${d(p, 'same-sex')} >= 0.06) AS female,
					is_partner AND ${d(p, 'own-surname')} >= 0.25 AS shares_surname,
					${weightedIndex(
						LOCALITIES.map((l) => l.weight),
						d(hh, 'locality')
					)} AS locality,
					greatest(18, 18 + 62 * (${d(hh, 'age-1')} + ${d(hh, 'age-2')}) / 2
						+ CASE WHEN is_partner THEN (${d(p, 'age-gap')} - 0.5) * 12 ELSE 0 END) AS age,
					${oneOf(
						d(p, 'channel'),
						[
							[0.4, sql`'store'`],
							[0.25, sql`'online'`]
						],
						sql`'omni'`
					)} AS channel,
					-- sqrt: acquisitions grow over time, as for a brand that is gaining customers.
					${ctx.start} + floor(${HISTORY_DAYS} * sqrt(${d(p, 'acquired')}))::INTEGER AS acquired_on,
					floor(700 * ${exponentialOf(d(p, 'lifetime'))})::INTEGER AS lifetime_days
				FROM drawn
			)
			SELECT person_id, household_id, is_partner,
				CASE WHEN ${female} THEN 'F' ELSE 'M' END AS gender,
				CASE WHEN ${female} THEN ${pickCommonFirst(FEMALE_FIRST_NAMES, d(p, 'first-name'))}
					ELSE ${pickCommonFirst(MALE_FIRST_NAMES, d(p, 'first-name'))} END AS first_name,
				${pickCommonFirst(LAST_NAMES, d(surnameOwner, 'surname'))} AS last_name,
				(${ctx.asOf} - floor(age * 365.25)::INTEGER) AS birth_date,
				${between(d(hh, 'street-number'), 1, 180)} AS street_number,
				${pick(STREETS, d(hh, 'street'))} AS street,
				${localityAttribute((l) => l.postcode)} AS postcode,
				${localityAttribute((l) => l.city)} AS city,
				${localityAttribute((l) => String(l.region))} AS phone_region,
				${localityAttribute((l) => STORES[l.store]?.code ?? 'M01')} AS home_store,
				channel,
				${d(p, 'buyer')} < 0.88 AS is_buyer,
				acquired_on,
				CASE WHEN acquired_on + lifetime_days < ${ctx.asOf}
					THEN acquired_on + lifetime_days END AS churned_on,
				-- Repeat purchases a year: Gamma(1)-distributed, mean 2 (2.5 for omnichannel buyers).
				2.0 * ${exponentialOf(d(p, 'repeat-rate'))}
					* CASE WHEN channel = 'omni' THEN 1.25 ELSE 1 END AS repeat_rate,
				(38 * ${lognormalOf(d(p, 'basket'), 0.55)})::DECIMAL(10, 2) AS basket_mean,
				channel IN ('online', 'omni') OR ${d(p, 'account')} < 0.1 AS has_account,
				${d(p, 'newsletter')} < 0.45 AS newsletter
			FROM traits`
		}
	];
}
