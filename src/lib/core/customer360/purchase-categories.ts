// The categories each customer bought, kept beside the 360° view so that "bought in category X"
// (the segment builder's most common purchase filter) reads a few row groups instead of every
// order line: one row per category (lower case), customer and order, with the day of the
// order's last dated sale line in that category (NULL when none is dated). The table is sorted
// by category, so a condition on one category skips the others' row groups. Built from the same
// linked sale lines up to the as-of day as the activity days, so a count read here equals one
// counted from the events: an order has a line of category X in a window ending on the as-of
// day exactly when its last such line is in it.
import type { Db } from '../db';
import { ident, sql, type Sql } from '../sql/sql';

/** The table: v (category, lower case), customer_id, order_key, d (DATE). */
export const PURCHASE_CATEGORY_TABLE = 'cc_purchase_category';

/** The rows of the table from `events`, a query shaped like eventsUpTo's (flagged `sale`). */
export function purchaseCategoriesQuery(events: Sql): Sql {
	return sql`SELECT lower(category) AS v, customer_id, order_key, max(event_at)::DATE AS d
		FROM (${events})
		WHERE kind = 'purchase' AND sale AND order_key IS NOT NULL AND customer_id IS NOT NULL
			AND category IS NOT NULL
		GROUP BY ALL ORDER BY v`;
}

export async function writePurchaseCategories(db: Db, events: Sql): Promise<void> {
	await db.exec(sql`CREATE OR REPLACE TABLE ${ident(PURCHASE_CATEGORY_TABLE)} AS
		${purchaseCategoriesQuery(events)}`);
}
