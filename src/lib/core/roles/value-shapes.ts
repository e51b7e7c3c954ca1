// The value shapes the detector counts, each a SQL predicate over one trimmed cell. The
// predicates read four columns the detector prepares: `s` (the value, NULL when longer than
// MAX_SHAPED_LENGTH, so a 1 MB cell matches nothing and costs no regex time), `p` (the value
// without phone separators), `d` (the value parsed as a timestamp, NULL when it is not a date)
// and `w` (lower case, no accents, no trailing dot: for word lists). The tricky point: every
// pattern here is RE2 and every function is in DuckDB's core, so native and wasm agree.
import { join, lit, sql, trusted, type Sql } from '../sql/sql';

export const MAX_SHAPED_LENGTH = 200;

export const VALUE_SHAPES = [
	'email',
	'phone',
	'mobile',
	'date',
	'dateTime',
	'decimal',
	'integer',
	'smallInteger',
	'leadingZero',
	'postcode',
	'houseNumber',
	'boolean',
	'gender',
	'nameLike',
	'multiWord',
	'code'
] as const;

export type ValueShape = (typeof VALUE_SHAPES)[number];

const EMAIL = '^[^@\\s<>()\\[\\],;:"]+@[^@\\s<>()\\[\\],;:"]+\\.[A-Za-z]{2,}$';
/** Only digits, spaces and the separators people put in phone numbers. */
const PHONE_CHARACTERS = '^\\(?\\+?[0-9][0-9 .()/-]*$';
/** International (+ or 00 and a country code), or a national number with its leading 0. */
const PHONE_DIGITS = '^(\\+|00)[1-9][0-9]{7,13}$|^0[1-9][0-9]{7,10}$';
/** French, German, Spanish and British mobile ranges, in national or international form. */
const MOBILE_DIGITS = [
	'^(\\+33|0033|0)[67][0-9]{8}$',
	'^(\\+49|0049|0)1[5-7][0-9]{8,9}$',
	'^(\\+34|0034)[67][0-9]{8}$',
	'^(\\+44|0044|0)7[0-9]{9}$'
].join('|');
/** Shapes worth handing to try_strptime: ISO, day/month/year either way, and YYYYMMDD. */
export const DATE_SHAPE =
	'^([0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}|[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{2,4}|(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01]))' +
	'([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?$';
/** A trailing time zone, removed before parsing (zone-aware parsing needs ICU, absent in wasm). */
export const TIME_ZONE_SUFFIX =
	'([0-9]:[0-9]{2}(:[0-9]{2})?([.,][0-9]+)?)(Z|[+-][0-9]{2}:?[0-9]{2})$';

const TIMES = ['', ' %H:%M', ' %H:%M:%S', ' %H:%M:%S.%f'];
const ISO_TIMES = ['T%H:%M', 'T%H:%M:%S', 'T%H:%M:%S.%f'];
/** Day-first before month-first: a detector only needs to know that it is a date. */
export const DATE_FORMATS: readonly string[] = [
	...[...TIMES, ...ISO_TIMES].map((time) => `%Y-%m-%d${time}`),
	'%Y/%m/%d',
	'%Y.%m.%d',
	'%Y%m%d',
	...['%d/%m/%Y', '%m/%d/%Y', '%d.%m.%Y', '%d-%m-%Y'].flatMap((day) =>
		TIMES.slice(0, 3).map((time) => `${day}${time}`)
	),
	'%d/%m/%y',
	'%m/%d/%y',
	'%d.%m.%y'
];

const DECIMAL =
	"^[-+]?[€$£]?\\s?[0-9]+([ .,'][0-9]{3})*[.,][0-9]{1,2}\\s?([€$£]|eur|usd|gbp|chf)?$";
const POSTCODE =
	'^[0-9]{4,5}$|^[0-9]{5}-[0-9]{4}$|^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$|^[0-9]{4} ?[A-Z]{2}$';
const NAME_WORD = "\\p{L}[\\p{L}'’.-]*";

// prettier-ignore
export const BOOLEAN_WORDS: readonly string[] = [
	'yes', 'no', 'y', 'n', 'oui', 'non', 'o', 'true', 'false', 't', 'f', '0', '1', 'ja', 'nein',
	'j', 'si', 'vrai', 'faux', 'wahr', 'falsch', 'verdadero', 'falso', 'x', 'optin', 'opt-in',
	'optout', 'opt-out', 'subscribed', 'unsubscribed'
];

// prettier-ignore
export const GENDER_WORDS: readonly string[] = [
	'm', 'f', 'h', 'w', 'male', 'female', 'man', 'woman', 'homme', 'femme', 'mr', 'mrs', 'ms', 'miss',
	'mx', 'mme', 'mlle', 'monsieur', 'madame', 'mademoiselle', 'herr', 'frau', 'sr', 'sra', 'srta',
	'senor', 'senora', 'senorita', 'hombre', 'mujer', 'masculin', 'feminin', 'masculino', 'femenino',
	'mannlich', 'maennlich', 'weiblich', 'divers'
];

function matches(column: string, pattern: string, options = ''): Sql {
	return options
		? sql`regexp_matches(${trusted(column)}, ${pattern}, ${options})`
		: sql`regexp_matches(${trusted(column)}, ${pattern})`;
}

function oneOf(column: string, words: readonly string[]): Sql {
	return sql`${trusted(column)} IN (${join(words.map((word) => lit(word)))})`;
}

/** The SQL condition for a shape, over the columns s, p, d and w described above. */
export function shapePredicate(shape: ValueShape): Sql {
	switch (shape) {
		case 'email':
			return matches('s', EMAIL);
		case 'phone':
			return sql`(${matches('s', PHONE_CHARACTERS)} AND ${matches('p', PHONE_DIGITS)})`;
		case 'mobile':
			return sql`(${matches('s', PHONE_CHARACTERS)} AND ${matches('p', MOBILE_DIGITS)})`;
		case 'date':
			return sql`d IS NOT NULL`;
		case 'dateTime':
			return sql`(d IS NOT NULL AND ${matches('s', '[0-9]:[0-9]{2}')})`;
		case 'decimal':
			return matches('s', DECIMAL, 'i');
		case 'integer':
			return matches('s', '^[-+]?[0-9]+$');
		case 'smallInteger':
			return matches('s', '^([1-9][0-9]{0,2}|0)$');
		case 'leadingZero':
			return matches('s', '^0[0-9]+$');
		case 'postcode':
			return matches('s', POSTCODE, 'i');
		case 'houseNumber':
			return matches('s', '^[0-9]{1,4} ?([a-z]|bis|ter|quater)?$', 'i');
		case 'boolean':
			return oneOf('w', BOOLEAN_WORDS);
		case 'gender':
			return oneOf('w', GENDER_WORDS);
		case 'nameLike':
			return matches('s', `^${NAME_WORD}( +${NAME_WORD})*$`);
		case 'multiWord':
			return matches('s', `^${NAME_WORD}( +${NAME_WORD})+$`);
		case 'code':
			return matches('s', '^[A-Za-z0-9_:./-]*[0-9][A-Za-z0-9_:./-]*$');
	}
}
