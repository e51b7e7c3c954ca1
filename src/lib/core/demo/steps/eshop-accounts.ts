// Source 2: the e-shop's customer accounts, typed by the customers themselves. Some people open
// a second account (a forgotten password, a second address, Gmail's dot and +tag aliases);
// couples sharing one family mailbox may both have an account on it. The tricky point: orders
// and web logins need each account's id and e-mail, so the scratch rows keep the typed e-mail
// and the account number, and the id is the row's position (accounts are numbered by age).
import { ident, sql } from '../../sql/sql';
import { oneOf } from '../draw';
import { emailAsTyped, emailVariant } from '../mess/emails';
import { typo, withoutAccents } from '../mess/names';
import { phoneAsTyped } from '../mess/phones';
import { DEMO_TRUTH_TABLES, demoSource } from '../sources';
import { activeDays, type DemoContext } from '../step';
import type { SourceRecipe } from './recipe';

/** Account ids start here, as in a shop that has been open for a while. */
export const FIRST_CUSTOMER_ID = 10000;

export function eshopAccounts(ctx: DemoContext): SourceRecipe {
	const d = ctx.draw;
	const p = sql`person_id`;
	const a = sql`account_no`;
	const asTyped = (column: string) =>
		oneOf(
			d(p, a, column, 'case'),
			[
				[0.12, sql`lower(${ident(column)})`],
				[0.04, sql`upper(${ident(column)})`],
				[0.05, withoutAccents(ident(column))],
				[0.03, typo(ident(column), d(p, a, column, 'typo-at'), d(p, a, column, 'typo-kind'))]
			],
			ident(column)
		);
	// A second account uses the second address, or a Gmail alias, or the same address in capitals
	// (which many shops wrongly treat as a different customer).
	const tag = d(p, 'tag');
	const gmailAlias = oneOf(
		d(p, 'gmail-alias'),
		[[0.5, emailVariant(sql`email`, 'gmail-dots', tag)]],
		emailVariant(sql`email`, 'gmail-tag', tag)
	);
	const secondAddress = sql`coalesce(second_email, CASE WHEN email LIKE '%@gmail.com'
		THEN ${gmailAlias} ELSE ${emailVariant(sql`email`, 'upper', tag)} END)`;
	return {
		source: demoSource('cc_raw_eshop_accounts'),
		rows: sql`WITH holders AS (
				SELECT *, CASE WHEN ${d(p, 'second-account')} < 0.05 THEN 2 ELSE 1 END AS accounts,
					greatest(${activeDays(ctx)}, 1) AS active_days
				FROM ${ident(DEMO_TRUTH_TABLES.person)}
				WHERE has_account
			), slots AS (
				SELECT *, unnest(range(accounts))::INTEGER AS account_no FROM holders
			), chosen AS (
				SELECT *,
					CASE WHEN account_no > 0 THEN ${secondAddress}
						WHEN shared_email IS NOT NULL AND ${d(p, 'account-shared')} < 0.5 THEN shared_email
						WHEN second_email IS NOT NULL AND ${d(p, 'account-second')} < 0.15 THEN second_email
						ELSE email END AS account_email,
					${d(p, a, 'swapped')} < 0.015 AS swapped
				FROM slots
			)
			SELECT person_id, account_no, birth_date, postcode, city, newsletter,
				acquired_on::TIMESTAMP + to_seconds(CASE WHEN account_no = 0
					THEN 43200 - floor(${d(p, a, 'created')} * 20 * 86400)
					ELSE floor(${d(p, a, 'created')} * active_days * 86400) END::BIGINT) AS created_ts,
				${emailAsTyped(sql`account_email`, d(p, a, 'email-case'), d(p, a, 'email-tag'), [
					['capitalised', 0.03],
					['upper', 0.01],
					['spaces', 0.01]
				])} AS typed_email,
				CASE WHEN swapped THEN last_name ELSE first_name END AS given,
				CASE WHEN swapped THEN first_name ELSE last_name END AS family,
				coalesce(mobile, landline) AS own_phone
			FROM chosen`,
		order: sql`created_ts, person_id, account_no`,
		key: sql`${FIRST_CUSTOMER_ID} + record_order`,
		linkable: sql`TRUE`,
		columns: [
			['customer_id', sql`${FIRST_CUSTOMER_ID} + record_order`],
			['email', sql`typed_email`],
			['first_name', asTyped('given')],
			['last_name', asTyped('family')],
			[
				'phone',
				sql`CASE WHEN ${d(p, a, 'gives-phone')} < 0.55 THEN ${phoneAsTyped(
					sql`own_phone`,
					d(p, a, 'phone-format'),
					[
						['national', 0.4],
						['spaced', 0.3],
						['e164', 0.15],
						['international', 0.1],
						['dotted', 0.05]
					]
				)} END`
			],
			[
				'birth_date',
				sql`CASE WHEN ${d(p, a, 'gives-birth')} < 0.45 THEN strftime(birth_date, '%Y-%m-%d') END`
			],
			['zip', sql`CASE WHEN ${d(p, a, 'gives-zip')} < 0.98 THEN postcode END`],
			[
				'city',
				oneOf(
					d(p, a, 'city-case'),
					[
						[0.1, sql`upper(city)`],
						[0.08, sql`lower(city)`],
						[0.08, withoutAccents(sql`city`)]
					],
					sql`city`
				)
			],
			['created_at', sql`strftime(created_ts, '%Y-%m-%d %H:%M:%S')`],
			['newsletter', sql`CASE WHEN newsletter AND account_no = 0 THEN 'true' ELSE 'false' END`]
		]
	};
}
