// French phone numbers as people and systems write them. The truth holds E.164 ('+33612345678');
// sources hold any of seven spellings of it. The tricky point: '612345678' (the leading 0 eaten
// by a spreadsheet that took the number for a number) and '0033…' are the same number too.
import { join, lit, sql, type Sql } from '../../sql/sql';
import { oneOf } from '../draw';

export const PHONE_FORMATS = [
	'e164', // +33612345678
	'international', // +33 6 12 34 56 78
	'national', // 0612345678
	'spaced', // 06 12 34 56 78
	'dotted', // 06.12.34.56.78
	'zero-zero', // 0033612345678
	'no-leading-zero' // 612345678
] as const;

export type PhoneFormat = (typeof PHONE_FORMATS)[number];

/** The E.164 number's nine national digits split as French people group them: 6 12 34 56 78. */
function groups(e164: Sql): Sql[] {
	return [
		sql`substr(${e164}, 4, 1)`,
		sql`substr(${e164}, 5, 2)`,
		sql`substr(${e164}, 7, 2)`,
		sql`substr(${e164}, 9, 2)`,
		sql`substr(${e164}, 11, 2)`
	];
}

function grouped(prefix: Sql, e164: Sql, separator: string): Sql {
	return sql`(${prefix} || ${join(groups(e164), ` || ${lit(separator).text} || `)})`;
}

export function formatPhone(e164: Sql, format: PhoneFormat): Sql {
	switch (format) {
		case 'e164':
			return e164;
		case 'international':
			return grouped(sql`'+33 '`, e164, ' ');
		case 'national':
			return sql`('0' || substr(${e164}, 4))`;
		case 'spaced':
			return grouped(sql`'0'`, e164, ' ');
		case 'dotted':
			return grouped(sql`'0'`, e164, '.');
		case 'zero-zero':
			return sql`('00' || substr(${e164}, 2))`;
		case 'no-leading-zero':
			return sql`substr(${e164}, 4)`;
	}
}

/** The number in one of the formats, chosen by `u` with the given shares (they add up to 1). */
export function phoneAsTyped(
	e164: Sql,
	u: Sql,
	shares: readonly (readonly [PhoneFormat, number])[]
): Sql {
	const cases = shares.slice(0, -1).map(([format, p]) => [p, formatPhone(e164, format)] as const);
	const last = shares[shares.length - 1];
	if (!last) throw new Error('phoneAsTyped needs at least one format');
	return oneOf(u, cases, formatPhone(e164, last[0]));
}
