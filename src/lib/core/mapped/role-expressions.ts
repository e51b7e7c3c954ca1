// The canonical, typed form of one raw column by role, as SQL over its raw text. Every
// expression reuses the spelling the rest of the core already compares in: e-mail addresses in
// lower case, dates with the column's own formats, numbers with typed-values' decimal reading,
// consent with quality/identifiers' truthy words. The tricky point: phones are no expression
// here, because libphonenumber-js reads them in JavaScript: see phone-lookup and build-view.
import { dateParse, type DateTyping } from '../profile';
import { shapeSafe, trimmedColumn } from '../profile/value-table';
import { decimalNumber, decimalShape } from '../profile/typed-values';
import { truthy } from '../quality/identifiers';
import type { RoleId } from '../roles/vocabulary';
import { sql, type Sql } from '../sql/sql';
import { readingKindOf } from './reading-kind';
import type { MappedType } from './types';

/**
 * The trimmed value, NULL when empty. Trimmed only when it starts or ends with a blank: trim()
 * with a character list cost views three to four times what the prefix and suffix tests do.
 */
export function cleanText(raw: Sql): Sql {
	return sql`nullif(${trimmedColumn(sql`${raw}::VARCHAR`)}, '')`;
}

const APOSTROPHES = "['’‘`´]";

/**
 * What the key rewrites besides case and accents: an apostrophe, punctuation, white space other
 * than a space, or two spaces in a row. Most names, towns and streets hold none of it.
 */
const REWRITTEN = '[[:punct:]’‘´\\t\\n\\f\\r]|  ';

/**
 * Lower case, no accents, apostrophes dropped, other punctuation as spaces, spaces collapsed: a
 * run of punctuation and white space becomes one space. Values with nothing to rewrite skip the
 * two replacements, which cost a match test several times over.
 */
export function matchKey(text: Sql): Sql {
	const folded = sql`lower(strip_accents(${text}))`;
	const dropped = sql`regexp_replace(${folded}, ${APOSTROPHES}, '', 'g')`;
	const spaced = sql`regexp_replace(${dropped}, '[[:punct:]\\s]+', ' ', 'g')`;
	return sql`nullif(trim(CASE WHEN regexp_matches(${folded}, ${REWRITTEN}) THEN ${spaced}
		ELSE ${folded} END), '')`;
}

export function email(raw: Sql): Sql {
	return sql`lower(${cleanText(raw)})`;
}

/** Believable years, for formats such as YYYYMMDD that eight-digit codes also match. */
const COMPACT = '%Y%m%d';

export function date(raw: Sql, typing: DateTyping): Sql {
	const target = typing.kind === 'timestamp' ? sql`TIMESTAMP` : sql`DATE`;
	if (typing.formats.length === 0) return sql`NULL::${target}`;
	const parsed = sql`CAST(${dateParse(typing, cleanText(raw))} AS ${target})`;
	if (!typing.formats.includes(COMPACT)) return parsed;
	return sql`CASE WHEN year(${parsed}) BETWEEN 1850 AND 2150 THEN ${parsed} END`;
}

/** A number written with `separator` first (the column's), the other one otherwise. */
export function number(raw: Sql, separator: '.' | ','): Sql {
	const other = separator === '.' ? ',' : '.';
	const s = shapeSafe(cleanText(raw));
	return sql`CASE WHEN regexp_matches(${s}, ${decimalShape(separator)}) THEN ${decimalNumber(s, separator)}
		WHEN regexp_matches(${s}, ${decimalShape(other)}) THEN ${decimalNumber(s, other)} END`;
}

/** Yes for the truthy words, no for any other filled value, NULL when empty. */
export function consent(raw: Sql): Sql {
	const s = cleanText(raw);
	return sql`CASE WHEN ${s} IS NOT NULL THEN ${truthy(s)} END`;
}

export type RoleForm = 'email' | 'phone' | 'name' | 'date' | 'number' | 'consent' | 'text';

export function formOf(role: RoleId): RoleForm {
	const reading = readingKindOf(role);
	if (reading) return reading;
	switch (role) {
		case 'email':
			return 'email';
		case 'phone':
		case 'mobile':
			return 'phone';
		case 'first_name':
		case 'last_name':
		case 'full_name':
			return 'name';
		case 'email_optin':
		case 'sms_optin':
			return 'consent';
		default:
			return 'text';
	}
}

export function typeOfForm(form: RoleForm, typing: DateTyping | null): MappedType {
	if (form === 'date') return typing?.kind === 'timestamp' ? 'timestamp' : 'date';
	if (form === 'number') return 'double';
	if (form === 'consent') return 'boolean';
	return 'text';
}
