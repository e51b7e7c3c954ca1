// Identifiers in the one spelling they are compared in — e-mail addresses trimmed and in lower
// case, phones in the canonical form of profile/phone-canonical — and the placeholders people
// type to get past a mandatory field (test@test.com, a@a.fr, 0000000000). The tricky point:
// a placeholder is a shape, not a list: 'xx@xx.xx' and 'aucun@aucun.fr' are the same trick (the
// local part repeats the domain), so the rule catches the ones no list has seen yet.
import { canonicalPhone, placeholderPhone } from '../profile/phone-canonical';
import { shapePredicate } from '../roles/value-shapes';
import { join, lit, sql, type Sql } from '../sql/sql';
import type { IdentifierKind } from './types';

// prettier-ignore
const PLACEHOLDER_LOCALS: readonly string[] = [
	'test', 'tests', 'noemail', 'no-email', 'no.email', 'nomail', 'no-mail', 'pasdemail', 'pas.de.mail',
	'pas-de-mail', 'sansmail', 'sans.mail', 'aucun', 'aucune', 'none', 'null', 'nobody', 'noreply',
	'no-reply', 'inconnu', 'unknown', 'fake', 'dummy', 'x', 'xx', 'xxx', 'a', 'aa', 'aaa', 'asdf',
	'qwerty', 'azerty'
];

// prettier-ignore
const PLACEHOLDER_DOMAINS: readonly string[] = [
	'test.com', 'test.fr', 'example.com', 'example.org', 'example.net', 'example.fr', 'nomail.com',
	'nomail.fr', 'noemail.com', 'noemail.fr', 'aucun.fr', 'xx.xx', 'xxx.xxx', 'domain.com', 'fake.com',
	'invalid.com'
];

/** Consent values that mean yes (after lower case, accents and a trailing dot are dropped). */
// prettier-ignore
export const TRUTHY_WORDS: readonly string[] = [
	'oui', 'o', 'yes', 'y', '1', 'true', 't', 'vrai', 'ja', 'j', 'si', 'x', 'optin', 'opt-in',
	'subscribed', 'wahr', 'verdadero'
];

function list(words: readonly string[]): Sql {
	return join(words.map((word) => lit(word)));
}

/**
 * The normalised identifier of a trimmed, shape-safe value `s` (with `p` for phones). A run of
 * one repeated digit ('0000000000') is no phone number, but it is kept as itself so that the
 * junk report can name it.
 */
export function identifierOf(kind: IdentifierKind): Sql {
	if (kind === 'email') return sql`CASE WHEN ${shapePredicate('email')} THEN lower(s) END`;
	return sql`coalesce(${canonicalPhone()},
		CASE WHEN regexp_matches(p, '^[0-9]{8,15}$') AND replace(p, left(p, 1), '') = '' THEN p END)`;
}

/** Whether a normalised identifier `id` of the given kind is a placeholder. */
export function placeholderOf(kind: IdentifierKind, id: Sql): Sql {
	if (kind === 'phone') return placeholderPhone(id);
	const local = sql`split_part(${id}, '@', 1)`;
	const domain = sql`split_part(${id}, '@', 2)`;
	return sql`(${local} = split_part(${domain}, '.', 1)
		OR ${local} IN (${list(PLACEHOLDER_LOCALS)})
		OR ${domain} IN (${list(PLACEHOLDER_DOMAINS)}))`;
}

/** Whether a raw consent cell says yes. */
export function truthy(value: Sql): Sql {
	const word = sql`regexp_replace(lower(strip_accents(trim(${value}::VARCHAR))), '\\.$', '')`;
	return sql`coalesce(${word} IN (${list(TRUTHY_WORDS)}), FALSE)`;
}
