// One spelling per phone number, in SQL: French numbers in every way people write them
// ('06 12 34 56 78', '0612345678', '+33 6 12…', '0033612…', '33612…', '+33 (0)6…', and
// '612345678' whose leading 0 a spreadsheet ate) become '+33' and nine digits; other
// international numbers become '+' and their digits; other national numbers that still look
// like phone numbers keep their digits. The tricky point: a bare nine-digit number is only
// read as French when it starts with 6 or 7 (a mobile), since any other nine digits are more
// likely a code. Reads the columns `s` (trimmed value) and `p` (without separators), like the
// role detector's shapes, so its phone shape is reused unchanged.
import { shapePredicate } from '../roles/value-shapes';
import { sql, type Sql } from '../sql/sql';

/** A French number with its prefix in any form; group 1 or 2 holds the nine national digits. */
export const FRENCH_PHONE = '^(?:(?:\\+33|0033|33)0?|0)([1-9][0-9]{8})$|^([67][0-9]{8})$';
const INTERNATIONAL = '^(\\+|00)[1-9][0-9]{7,13}$';

/** `value` without the separators people put in phone numbers (spaces, dots, dashes, brackets, slashes). */
export function phoneDigits(value: Sql): Sql {
	return sql`regexp_replace(${value}, '[\\s.()/-]', '', 'g')`;
}

/** '+33' and the nine national digits of digits `p` written as a French number; else NULL. */
export function frenchPhone(p: Sql): Sql {
	return sql`CASE WHEN regexp_matches(${p}, ${FRENCH_PHONE})
		THEN regexp_replace(${p}, ${FRENCH_PHONE}, '+33\\1\\2') END`;
}

/** The canonical number, or NULL when the value is not a phone number. */
export function canonicalPhone(): Sql {
	return sql`CASE
		WHEN regexp_matches(p, ${FRENCH_PHONE}) THEN regexp_replace(p, ${FRENCH_PHONE}, '+33\\1\\2')
		WHEN ${shapePredicate('phone')} AND regexp_matches(p, ${INTERNATIONAL})
			THEN '+' || regexp_replace(p, '^(\\+|00)', '')
		WHEN ${shapePredicate('phone')} THEN p
	END`;
}

/**
 * Placeholder numbers: nine identical national digits or a run like 123456789 (over a
 * canonical number `phone`).
 */
export function placeholderPhone(phone: Sql): Sql {
	const national = sql`right(${phone}, 9)`;
	return sql`(replace(${national}, left(${national}, 1), '') = ''
		OR ${national} IN ('123456789', '987654321', '012345678', '234567890'))`;
}
