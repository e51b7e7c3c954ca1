// E-mail addresses as they reach the sources: capitals, stray spaces, Gmail's ignored dots and
// '+tags', and junk typed to get past a mandatory field. The tricky point: the Gmail variants
// are the same mailbox as the true address, so they must only be made for gmail.com addresses.
import { sql, type Sql } from '../../sql/sql';
import { oneOf, pick } from '../draw';

const PLUS_TAGS = ['promo', 'shop', 'news', 'lumiere', 'soldes'];

export const EMAIL_VARIANTS = [
	'upper', // MARIE.DUPONT@ORANGE.FR
	'capitalised', // Marie.dupont@orange.fr
	'spaces', // ' marie.dupont@orange.fr '
	'gmail-dots', // mariedupont@gmail.com for marie.dupont@gmail.com
	'gmail-tag' // marie.dupont+promo@gmail.com
] as const;

export type EmailVariant = (typeof EMAIL_VARIANTS)[number];

/** `email` (a column: it is repeated) spelled as the variant; `u` picks a '+tag'. */
export function emailVariant(email: Sql, variant: EmailVariant, u: Sql): Sql {
	const local = sql`split_part(${email}, '@', 1)`;
	const ifGmail = (alias: Sql) =>
		sql`(CASE WHEN ${email} LIKE '%@gmail.com' THEN ${alias} || '@gmail.com' ELSE ${email} END)`;
	switch (variant) {
		case 'upper':
			return sql`upper(${email})`;
		case 'capitalised':
			return sql`(upper(left(${email}, 1)) || substr(${email}, 2))`;
		case 'spaces':
			return sql`(CASE WHEN ${u} < 0.5 THEN ' ' || ${email} ELSE ${email} || ' ' END)`;
		case 'gmail-dots':
			return ifGmail(sql`replace(${local}, '.', '')`);
		case 'gmail-tag':
			return ifGmail(sql`${local} || '+' || ${pick(PLUS_TAGS, u)}`);
	}
}

/** Shares of each variant among addresses typed by people into a form or a till. */
export const TYPED_EMAIL_SHARES: readonly (readonly [EmailVariant, number])[] = [
	['upper', 0.03],
	['capitalised', 0.03],
	['spaces', 0.03],
	['gmail-dots', 0.05],
	['gmail-tag', 0.04]
];

/** `email` (a column) as someone typed it: mostly as is, sometimes one of the variants. */
export function emailAsTyped(
	email: Sql,
	u: Sql,
	tagDraw: Sql,
	shares: readonly (readonly [EmailVariant, number])[] = TYPED_EMAIL_SHARES
): Sql {
	return oneOf(
		u,
		shares.map(([variant, p]) => [p, emailVariant(email, variant, tagDraw)] as const),
		email
	);
}
