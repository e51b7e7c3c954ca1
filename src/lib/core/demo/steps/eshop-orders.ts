// Source 3: the e-shop's orders, one row per online purchase, each under the account it was
// placed from. The tricky point: a person with two accounts uses the second only for orders
// after it was opened, so the account ids in the orders stay consistent with the accounts file.
import { ident, sql } from '../../sql/sql';
import { pick, pickWeighted } from '../draw';
import { demoSource, workTable } from '../sources';
import type { DemoContext } from '../step';
import { ORDER_CATEGORIES, ORDER_PAYMENT_METHODS } from '../vocabulary/catalog';
import { FIRST_CUSTOMER_ID } from './eshop-accounts';
import type { SourceRecipe } from './recipe';

/** Order numbers start here: WEB01000001, … */
const FIRST_ORDER_NUMBER = 1_000_000;

/** The order number of the order at a 1-based position, in the e-shop's style. */
const orderNumber = sql`'WEB' || lpad((${FIRST_ORDER_NUMBER} + record_order)::VARCHAR, 8, '0')`;

export function eshopOrders(ctx: DemoContext): SourceRecipe {
	const d = ctx.draw;
	const p = sql`person_id`;
	const k = sql`purchase_no`;
	const accounts = sql`(SELECT person_id, account_no, created_ts, record_order AS position,
		trim(typed_email) AS login_email FROM ${ident(workTable('eshop_accounts'))})`;
	return {
		source: demoSource('cc_raw_eshop_orders'),
		rows: sql`WITH assigned AS (
				SELECT o.*,
					CASE WHEN second.person_id IS NOT NULL AND o.purchase_at >= second.created_ts
						AND ${d(sql`o.person_id`, sql`o.purchase_no`, 'order-account')} < 0.6
					THEN 1 ELSE 0 END AS account_no
				FROM ${ident(workTable('purchase'))} o
				LEFT JOIN (SELECT * FROM ${accounts} WHERE account_no = 1) second USING (person_id)
				WHERE o.online
			)
			SELECT s.person_id, s.purchase_no, s.purchase_at, s.amount_cents, s.amount, s.items,
				a.position AS account_position, a.login_email
			FROM assigned s
			JOIN ${accounts} a ON a.person_id = s.person_id AND a.account_no = s.account_no`,
		order: sql`purchase_at, person_id, purchase_no`,
		key: orderNumber,
		linkable: sql`TRUE`,
		columns: [
			['order_id', orderNumber],
			['customer_id', sql`${FIRST_CUSTOMER_ID} + account_position`],
			['order_date', sql`strftime(purchase_at, '%Y-%m-%d %H:%M:%S')`],
			['status', sql`CASE WHEN purchase_at >= ${ctx.asOf} - 3 THEN 'shipped' ELSE 'delivered' END`],
			['total_amount', sql`printf('%d.%02d', amount_cents // 100, amount_cents % 100)`],
			['currency', sql`'EUR'`],
			['items', sql`items`],
			['category', pick(ORDER_CATEGORIES, d(p, k, 'category'))],
			['payment_method', pickWeighted(ORDER_PAYMENT_METHODS, d(p, k, 'payment'))]
		]
	};
}
