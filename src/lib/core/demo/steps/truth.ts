// The ground truth the app is scored against: which true person every raw row belongs to
// (cc_demo_record) and each person's totals (cc_demo_person_truth). The tricky point: a row can
// belong to a known person yet carry nothing that identifies them (a receipt without a card, a
// session without a login): its person_id is filled but `linkable` is false. Rows from people
// who are in no file at all (walk-ins, anonymous visitors) have a NULL person_id.
import { ident, join, sql } from '../../sql/sql';
import { DEMO_TRUTH_TABLES } from '../sources';
import type { DemoStep } from '../step';
import { positioned, recordsOf, type SourceRecipe } from './recipe';

/** The recipes the totals are computed from, by role. */
export interface TruthInputs {
	all: readonly SourceRecipe[];
	orders: SourceRecipe;
	receipts: SourceRecipe;
	sessions: SourceRecipe;
	tickets: SourceRecipe;
	emails: SourceRecipe;
}

export function truthSteps(inputs: TruthInputs): DemoStep[] {
	const count = (recipe: SourceRecipe) => sql`SELECT person_id, count(*) AS n
		FROM ${positioned(recipe)} WHERE person_id IS NOT NULL GROUP BY person_id`;
	const spend = (
		recipe: SourceRecipe
	) => sql`SELECT person_id, sum(amount) AS revenue, count(*) AS n,
			min(purchase_at) AS first_at, max(purchase_at) AS last_at,
			coalesce(sum(amount) FILTER (WHERE NOT (${recipe.linkable})), 0) AS unlinkable_revenue
		FROM ${positioned(recipe)} WHERE person_id IS NOT NULL GROUP BY person_id`;
	return [
		{
			label: 'Recording which person every row belongs to',
			statement: sql`CREATE OR REPLACE TABLE ${ident(DEMO_TRUTH_TABLES.record)} AS
				${join(inputs.all.map(recordsOf), '\nUNION ALL\n')}`
		},
		{
			label: 'Totalling each person’s true activity',
			statement: sql`CREATE OR REPLACE TABLE ${ident(DEMO_TRUTH_TABLES.personTruth)} AS
			WITH orders AS (${spend(inputs.orders)}),
				receipts AS (${spend(inputs.receipts)}),
				sessions AS (${count(inputs.sessions)}),
				tickets AS (${count(inputs.tickets)}),
				mails AS (${count(inputs.emails)})
			SELECT p.person_id,
				(coalesce(o.revenue, 0) + coalesce(r.revenue, 0))::DECIMAL(14, 2) AS revenue_total,
				coalesce(o.revenue, 0)::DECIMAL(14, 2) AS revenue_online,
				coalesce(r.revenue, 0)::DECIMAL(14, 2) AS revenue_store,
				coalesce(r.unlinkable_revenue, 0)::DECIMAL(14, 2) AS revenue_store_unlinkable,
				(coalesce(o.n, 0) + coalesce(r.n, 0))::INTEGER AS purchases,
				coalesce(o.n, 0)::INTEGER AS online_orders,
				coalesce(r.n, 0)::INTEGER AS store_receipts,
				least(o.first_at, r.first_at) AS first_purchase_at,
				greatest(o.last_at, r.last_at) AS last_purchase_at,
				coalesce(s.n, 0)::INTEGER AS web_sessions,
				coalesce(t.n, 0)::INTEGER AS service_tickets,
				coalesce(m.n, 0)::INTEGER AS email_events
			FROM ${ident(DEMO_TRUTH_TABLES.person)} p
			LEFT JOIN orders o USING (person_id)
			LEFT JOIN receipts r USING (person_id)
			LEFT JOIN sessions s USING (person_id)
			LEFT JOIN tickets t USING (person_id)
			LEFT JOIN mails m USING (person_id)
			ORDER BY p.person_id`
		}
	];
}
