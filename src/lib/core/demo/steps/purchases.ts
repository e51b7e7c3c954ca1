// Step 3: every purchase of every buying person, online or in store, before it is split into
// the e-shop's orders and the tills' receipts. The model is BG/NBD-like: a first purchase on
// the acquisition day, then repeat purchases at a person-specific rate (exponential, i.e. a
// Gamma(1) mixture, so counts are negative-binomial-ish: many one-time buyers, a long tail of
// regulars) until the person churns. The tricky point: the count is floor(rate × years + u),
// a randomised rounding that needs no Poisson sampler (and so no ln/exp in SQL).
import { ident, sql } from '../../sql/sql';
import { euros, openingHours, timeOfDay } from '../clock';
import { lognormalOf } from '../quantiles';
import { DEMO_TRUTH_TABLES, workTable } from '../sources';
import { activeDays, type DemoContext, type DemoStep } from '../step';

/** Share of purchases made online by persons who buy in both channels. */
const OMNI_ONLINE_SHARE = 0.45;

export function purchaseSteps(ctx: DemoContext): DemoStep[] {
	const d = ctx.draw;
	const p = sql`person_id`;
	const k = sql`purchase_no`;
	return [
		{
			label: 'Simulating purchases',
			statement: sql`CREATE OR REPLACE TABLE ${ident(workTable('purchase'))} AS
			WITH buyers AS (
				SELECT person_id, channel, acquired_on, repeat_rate, basket_mean,
					${activeDays(ctx)} AS active_days
				FROM ${ident(DEMO_TRUTH_TABLES.person)}
				WHERE is_buyer
			), counted AS (
				SELECT *,
					floor(repeat_rate * active_days / 365.25 + ${d(p, 'repeat-rounding')})::INTEGER AS repeats
				FROM buyers
			), slots AS (
				SELECT *, unnest(range(repeats + 1))::INTEGER AS purchase_no FROM counted
			), drawn AS (
				SELECT person_id, purchase_no,
					CASE WHEN purchase_no = 0 THEN acquired_on
						ELSE acquired_on + floor(${d(p, k, 'day')} * (active_days + 1))::INTEGER
					END AS purchase_day,
					CASE channel WHEN 'online' THEN TRUE WHEN 'store' THEN FALSE
						ELSE ${d(p, k, 'online')} < ${OMNI_ONLINE_SHARE} END AS online,
					-- Baskets vary around the person's usual spend; nothing is sold under 2.50 €.
					greatest(250, round(basket_mean * 100 * ${lognormalOf(d(p, k, 'amount'), 0.45)}))::BIGINT
						AS amount_cents
				FROM slots
			)
			SELECT person_id, purchase_no, online,
				-- The e-shop is busiest in the evening.
				purchase_day::TIMESTAMP + CASE WHEN online
					THEN ${timeOfDay(sql`0.3 + 0.7 * sqrt(${d(p, k, 'time')})`)}
					ELSE ${openingHours(d(p, k, 'time'))} END AS purchase_at,
				amount_cents,
				${euros(sql`amount_cents`)} AS amount,
				greatest(1, floor(amount_cents / 3000 * ${d(p, k, 'items')} + 1))::INTEGER AS items
			FROM drawn`
		}
	];
}
