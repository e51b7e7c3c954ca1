// The CRM's columns as its export writes them: French headers, capitals, lost accents, phone
// formats, abbreviated streets, day-first dates with the odd month-first one. The tricky point:
// `chosen_phone` holds either an E.164 number or one of the placeholders 'junk' and 'store'
// (what a clerk types when the customer gives no number), which are spelled out here.
import { sql, type Sql } from '../../sql/sql';
import { oneOf } from '../draw';
import { emailAsTyped } from '../mess/emails';
import { withoutAccents } from '../mess/names';
import { phoneAsTyped } from '../mess/phones';
import type { DemoContext } from '../step';
import type { SourceRecipe } from './recipe';
import { storeAttribute } from './store-lookup';

/** The contact id, from the row's position in the export (contacts are numbered by age). */
export const CONTACT_ID: Sql = sql`'CLI' || lpad(record_order::VARCHAR, 7, '0')`;

const PHONE_SHARES = [
	['spaced', 0.33],
	['national', 0.25],
	['dotted', 0.1],
	['international', 0.1],
	['e164', 0.08],
	['zero-zero', 0.07],
	['no-leading-zero', 0.07]
] as const;

export function crmColumns(ctx: DemoContext): SourceRecipe['columns'] {
	const d = ctx.draw;
	const p = sql`person_id`;
	const c = sql`copy_no`;
	const address = sql`street_number::VARCHAR || ' ' || street`;
	const abbreviated = sql`regexp_replace(regexp_replace(regexp_replace(street,
		'^rue ', 'r. '), '^avenue ', 'av. '), '^boulevard ', 'bd ')`;
	return [
		['ID Contact', CONTACT_ID],
		[
			'Civilité',
			sql`CASE gender
					WHEN 'F' THEN ${oneOf(
						d(p, c, 'title'),
						[
							[0.82, sql`'Mme'`],
							[0.06, sql`'Mlle'`],
							[0.02, sql`'Mme.'`]
						],
						sql`NULL`
					)}
					ELSE ${oneOf(
						d(p, c, 'title'),
						[
							[0.85, sql`'M.'`],
							[0.05, sql`'Mr'`],
							[0.02, sql`'M'`]
						],
						sql`NULL`
					)}
				END`
		],
		[
			'Prénom',
			oneOf(
				d(p, c, 'given-case'),
				[
					[0.08, withoutAccents(sql`given_typed`)],
					[0.05, sql`upper(given_typed)`],
					[0.03, sql`lower(given_typed)`]
				],
				sql`given_typed`
			)
		],
		[
			'Nom',
			oneOf(
				d(p, c, 'family-case'),
				[
					[0.4, sql`upper(family_typed)`],
					[0.08, sql`upper(${withoutAccents(sql`family_typed`)})`],
					[0.05, withoutAccents(sql`family_typed`)],
					[0.03, sql`lower(family_typed)`]
				],
				sql`family_typed`
			)
		],
		['E-mail', emailAsTyped(sql`chosen_email`, d(p, c, 'email-case'), d(p, c, 'email-tag'))],
		[
			'Téléphone',
			sql`CASE chosen_phone
					WHEN 'junk' THEN '0000000000'
					WHEN 'store' THEN ${storeAttribute((store) => store.phone)}
					ELSE ${phoneAsTyped(sql`chosen_phone`, d(p, c, 'phone-format'), PHONE_SHARES)}
				END`
		],
		[
			'Adresse',
			oneOf(
				d(p, c, 'address-style'),
				[
					[0.06, sql`NULL`],
					[0.1, sql`upper(${address})`],
					[0.08, withoutAccents(address)],
					[0.08, sql`street_number::VARCHAR || ', ' || street`],
					[0.1, sql`street_number::VARCHAR || ' ' || ${abbreviated}`]
				],
				address
			)
		],
		[
			'Code postal',
			sql`CASE WHEN ${d(p, c, 'postcode')} < 0.05 THEN NULL
					WHEN left(postcode, 1) = '0' AND ${d(p, c, 'postcode-zero')} < 0.5 THEN substr(postcode, 2)
					ELSE postcode END`
		],
		[
			'Ville',
			oneOf(
				d(p, c, 'city-style'),
				[
					[0.03, sql`NULL`],
					[0.25, sql`upper(city)`],
					[0.1, withoutAccents(sql`city`)],
					[0.05, sql`upper(${withoutAccents(sql`city`)})`]
				],
				sql`city`
			)
		],
		[
			'Date de naissance',
			oneOf(
				d(p, c, 'birth-style'),
				[
					[0.2, sql`NULL`],
					[0.015, sql`'01/01/1900'`],
					[0.02, sql`strftime(birth_date, '%m/%d/%Y')`]
				],
				sql`strftime(birth_date, '%d/%m/%Y')`
			)
		],
		[
			'N° carte fidélité',
			sql`CASE WHEN copy_no = 0 OR ${d(p, c, 'same-card')} < 0.4 THEN loyalty_id END`
		],
		['Magasin', storeAttribute((store) => store.name)],
		['Date de création', sql`strftime(created_ts, '%d/%m/%Y %H:%M')`],
		[
			'Optin email',
			oneOf(
				d(p, c, 'optin-style'),
				[
					[0.05, sql`NULL`],
					[0.1, sql`CASE WHEN newsletter THEN '1' ELSE '0' END`]
				],
				sql`CASE WHEN newsletter THEN 'Oui' ELSE 'Non' END`
			)
		]
	];
}
