// Source 4: till receipts, exported by the stores' point-of-sale system in Windows-1252 with
// decimal commas. A receipt carries the person only through the loyalty card (often not shown),
// or a name and phone a cashier typed — and when the till insists on a phone, cashiers type
// the store's own. Walk-in shoppers who are in no file add anonymous receipts. The tricky
// point: receipt numbers run per store in time, so they say nothing about who bought.
import { ident, sql } from '../../sql/sql';
import { oneOf, pickWeighted } from '../draw';
import { typo } from '../mess/names';
import { phoneAsTyped } from '../mess/phones';
import { euros, openingHours } from '../clock';
import { lognormalOf } from '../quantiles';
import { DEMO_TRUTH_TABLES, demoSource, workTable } from '../sources';
import { HISTORY_DAYS, type DemoContext } from '../step';
import { TILL_PAYMENT_METHODS } from '../vocabulary/catalog';
import type { SourceRecipe } from './recipe';
import { anyStore, storeAttribute } from './store-lookup';

/** Anonymous walk-in receipts per simulated person. */
const WALK_INS_PER_PERSON = 0.35;

const receiptNumber = sql`store_code || '-' || lpad(store_sequence::VARCHAR, 7, '0')`;

export function storeReceipts(ctx: DemoContext): SourceRecipe {
	const d = ctx.draw;
	const p = sql`person_id`;
	const k = sql`purchase_no`;
	// Walk-ins have no person: their draws are keyed by a negative id instead.
	const key = sql`coalesce(person_id, -1 - purchase_no)`;
	const w = sql`range`;
	// How a cashier types the customer's name, when the till asks for one.
	const slip = typo(sql`pe.last_name`, d(p, k, 'typo-at'), d(p, k, 'typo-kind'));
	const typedName = oneOf(
		d(p, k, 'name-style'),
		[
			[0.5, sql`upper(pe.last_name) || ' ' || pe.first_name`],
			[0.25, sql`CASE pe.gender WHEN 'F' THEN 'Mme ' ELSE 'M. ' END || upper(pe.last_name)`],
			[0.15, sql`pe.last_name || ' ' || left(pe.first_name, 1) || '.'`]
		],
		sql`upper(${slip}) || ' ' || pe.first_name`
	);
	return {
		source: demoSource('cc_raw_store_receipts'),
		rows: sql`WITH known AS (
				SELECT pu.person_id, pu.purchase_no, pu.purchase_at, pu.amount_cents, pu.amount, pu.items,
					CASE WHEN ${d(p, k, 'other-store')} < 0.15 THEN ${anyStore(d(p, k, 'store'))}
						ELSE pe.home_store END AS store_code,
					CASE WHEN ${d(p, k, 'card-shown')} < 0.85 THEN pe.loyalty_id END AS card,
					CASE WHEN ${d(p, k, 'name-typed')} < 0.07 THEN ${typedName} END AS customer_name,
					coalesce(pe.mobile, pe.landline) AS own_phone
				FROM ${ident(workTable('purchase'))} pu
				JOIN ${ident(DEMO_TRUTH_TABLES.person)} pe USING (person_id)
				WHERE NOT pu.online
			), walk_ins AS (
				SELECT NULL::INTEGER AS person_id, range::INTEGER AS purchase_no,
					(${ctx.start} + floor(${HISTORY_DAYS} * ${d('walk-in', w, 'day')})::INTEGER)::TIMESTAMP
						+ ${openingHours(d('walk-in', w, 'time'))} AS purchase_at,
					greatest(250, round(3200 * ${lognormalOf(d('walk-in', w, 'amount'), 0.6)}))::BIGINT
						AS amount_cents,
					${euros(sql`amount_cents`)} AS amount,
					greatest(1, floor(amount_cents / 3000 * ${d('walk-in', w, 'items')} + 1))::INTEGER AS items,
					${anyStore(d('walk-in', w, 'store'))} AS store_code
				FROM range(${Math.round(ctx.persons * WALK_INS_PER_PERSON)})
			), receipts AS (
				SELECT * FROM known UNION ALL BY NAME SELECT * FROM walk_ins
			)
			SELECT person_id, purchase_no, purchase_at, amount_cents, amount, items, store_code, card,
				customer_name,
				CASE WHEN customer_name IS NOT NULL AND ${d(p, k, 'phone-given')} < 0.55 THEN ${phoneAsTyped(
					sql`own_phone`,
					d(p, k, 'phone-format'),
					[
						['spaced', 0.45],
						['national', 0.35],
						['no-leading-zero', 0.1],
						['dotted', 0.1]
					]
				)} END AS customer_phone,
				row_number() OVER (PARTITION BY store_code
					ORDER BY purchase_at, person_id NULLS FIRST, purchase_no) AS store_sequence
			FROM receipts`,
		order: sql`purchase_at, store_code, person_id NULLS FIRST, purchase_no`,
		key: receiptNumber,
		linkable: sql`card IS NOT NULL OR customer_name IS NOT NULL`,
		columns: [
			['N° ticket', receiptNumber],
			['Magasin', storeAttribute((store) => store.name)],
			['Date', sql`strftime(purchase_at, '%d/%m/%Y')`],
			['Heure', sql`strftime(purchase_at, '%H:%M')`],
			['Carte fidélité', sql`card`],
			['Montant TTC', sql`printf('%d,%02d', amount_cents // 100, amount_cents % 100)`],
			['Nb articles', sql`items`],
			['Règlement', pickWeighted(TILL_PAYMENT_METHODS, d(key, k, 'payment'))],
			['Nom client', sql`customer_name`],
			[
				'Tél. client',
				sql`coalesce(customer_phone, CASE WHEN ${d(key, k, 'store-phone')} < 0.12
					THEN ${storeAttribute((store) => store.phone)} END)`
			]
		]
	};
}
