// How two records are compared, field by field: each comparison has ordered levels (the first
// whose condition holds is the pair's level), an implicit last level "different", and NULL when
// either record lacks the field, which then neither supports nor opposes a match. The levels
// are what the model learns an m and a u probability for.
import { ident, join, sql, type Sql } from '../sql/sql';
import type { RecordField } from './records';

/**
 * What a comparison reads of a record: a field, or its list of e-mail addresses or phones when
 * it holds several (NULL otherwise).
 */
export type PairField = RecordField | 'emails_if_several' | 'phones_if_several';

/** A field of the left or the right record of a pair. */
export type Side = (field: PairField) => Sql;

export interface ComparisonLevel {
	label: string;
	when: (l: Side, r: Side) => Sql;
}

export interface Comparison {
	id: string;
	label: string;
	/** The field whose presence on both records decides whether the pair is compared at all. */
	field: RecordField;
	levels: readonly ComparisonLevel[];
	/** Whether an exact match on a rare value weighs more than on a common one. */
	termFrequency: boolean;
	/** When the pair is not compared; by default, when either record lacks the field. */
	missing?: (l: Side, r: Side) => Sql;
}

export const DIFFERENT = 'different';

/**
 * The first values are equal, or the records' lists share one (a record without a list of
 * several has its one value).
 */
function shareOne(
	field: 'email' | 'phone',
	list: 'emails_if_several' | 'phones_if_several'
): ComparisonLevel['when'] {
	return (l, r) => sql`CASE WHEN ${l(field)} = ${r(field)} THEN true
		WHEN ${l(list)} IS NULL AND ${r(list)} IS NULL THEN false
		ELSE list_has_any(coalesce(${l(list)}, [${l(field)}]), coalesce(${r(list)}, [${r(field)}])) END`;
}

function same(field: RecordField): ComparisonLevel {
	return { label: 'exact', when: (l, r) => sql`${l(field)} = ${r(field)}` };
}

function jaroWinkler(field: RecordField, at: number): ComparisonLevel {
	return {
		label: `similar (Jaro-Winkler ≥ ${at})`,
		when: (l, r) => sql`jaro_winkler_similarity(${l(field)}, ${r(field)}) >= ${at}`
	};
}

/**
 * At most `most` edits, a transposition counting as one (Damerau–Levenshtein). That distance is
 * several times dearer than Levenshtein's, and a transposition is two Levenshtein edits, so the
 * length test and Levenshtein ≤ 2 × most rule out most pairs first without changing the result.
 */
function withinEdits(a: Sql, b: Sql, most: number): Sql {
	return sql`abs(length(${a}) - length(${b})) <= ${most}
		AND levenshtein(${a}, ${b}) <= ${2 * most}
		AND damerau_levenshtein(${a}, ${b}) <= ${most}`;
}

/**
 * Whether two values may be one edit apart: one edit (a transposition too) touches at most two
 * neighbouring characters of the shorter value, n long, and leaves the n − 2 others in line, so
 * the values share their first or their last (n − 1) / 2 characters (rounded down). Cheap beside
 * Levenshtein's quadratic test, and worth it on long values: on e-mail addresses it turns away
 * four pairs in five of those the length test lets through, never one within one edit.
 */
function shareAHalf(a: Sql, b: Sql): Sql {
	const half = sql`greatest((least(length(${a}), length(${b})) - 1) // 2, 0)`;
	return sql`(left(${a}, ${half}) = left(${b}, ${half}) OR right(${a}, ${half}) = right(${b}, ${half}))`;
}

/** At most one edit between two long values (see withinEdits and shareAHalf). */
function withinOneEdit(a: Sql, b: Sql): Sql {
	return sql`abs(length(${a}) - length(${b})) <= 1 AND ${shareAHalf(a, b)}
		AND levenshtein(${a}, ${b}) <= 2 AND damerau_levenshtein(${a}, ${b}) <= 1`;
}

function edits(field: RecordField, most: number): ComparisonLevel {
	return {
		label: most === 1 ? 'one typo' : `${most} typos at most`,
		when: (l, r) => withinEdits(l(field), r(field), most)
	};
}

/** One name is the other's initial ("J" and "John"). */
function initial(field: RecordField): ComparisonLevel {
	return {
		label: 'initial',
		when: (l, r) => sql`(length(${l(field)}) = 1 OR length(${r(field)}) = 1)
			AND left(${l(field)}, 1) = left(${r(field)}, 1)`
	};
}

/** First and last name written the other way round. */
const swappedNames: ComparisonLevel = {
	label: 'swapped with the last name',
	when: (l, r) =>
		sql`${l('first_name')} = ${r('last_name')} AND ${l('last_name')} = ${r('first_name')}`
};

const birthDate: Comparison = {
	id: 'birth_date',
	label: 'Birth date',
	field: 'birth_date',
	termFrequency: false,
	levels: [
		same('birth_date'),
		{
			label: 'day and month swapped',
			when: (l, r) => sql`year(${l('birth_date')}) = year(${r('birth_date')})
				AND month(${l('birth_date')}) = day(${r('birth_date')})
				AND day(${l('birth_date')}) = month(${r('birth_date')})`
		},
		{
			label: 'two of day, month and year',
			when: (l, r) => sql`(year(${l('birth_date')}) = year(${r('birth_date')}))::INT
				+ (month(${l('birth_date')}) = month(${r('birth_date')}))::INT
				+ (day(${l('birth_date')}) = day(${r('birth_date')}))::INT >= 2`
		},
		{
			label: 'one typo in the digits',
			when: (l, r) =>
				withinEdits(
					sql`strftime(${l('birth_date')}, '%Y%m%d')`,
					sql`strftime(${r('birth_date')}, '%Y%m%d')`,
					1
				)
		},
		{
			label: 'within a year',
			when: (l, r) => sql`abs(date_diff('day', ${l('birth_date')}, ${r('birth_date')})) <= 366`
		}
	]
};

/** Every comparison Concord knows; those whose field a workspace lacks are left out. */
export const COMPARISONS: readonly Comparison[] = [
	{
		id: 'first_name',
		label: 'First name',
		field: 'first_name',
		termFrequency: true,
		levels: [
			same('first_name'),
			jaroWinkler('first_name', 0.92),
			swappedNames,
			initial('first_name'),
			jaroWinkler('first_name', 0.8),
			edits('first_name', 2)
		]
	},
	{
		id: 'last_name',
		label: 'Last name',
		field: 'last_name',
		termFrequency: true,
		levels: [
			same('last_name'),
			jaroWinkler('last_name', 0.92),
			swappedNames,
			jaroWinkler('last_name', 0.8),
			edits('last_name', 2)
		]
	},
	birthDate,
	{
		id: 'email',
		label: 'E-mail',
		field: 'email',
		termFrequency: true,
		levels: [
			{
				label: 'exact, or another address shared',
				when: shareOne('email', 'emails_if_several')
			},
			// Not 'same name before the @': addresses are often made of the person's names, so
			// namesakes share it and it would count the names a second time. And addresses that
			// differ only in their digits (anne.roux2@, anne.roux3@) are two accounts, not a typo.
			{
				label: 'one typo',
				when: (l, r) => sql`${withinOneEdit(l('email'), r('email'))}
					AND regexp_replace(${l('email')}, '[0-9]', '', 'g') <> regexp_replace(${r('email')}, '[0-9]', '', 'g')`
			}
		]
	},
	{
		id: 'phone',
		label: 'Phone',
		field: 'phone',
		termFrequency: false,
		levels: [
			{
				label: 'exact, or another number shared',
				when: shareOne('phone', 'phones_if_several')
			},
			{
				label: 'same last eight digits',
				when: (l, r) => sql`right(${l('phone')}, 8) = right(${r('phone')}, 8)`
			}
		]
	},
	{
		id: 'postcode',
		label: 'Postcode',
		field: 'postcode',
		termFrequency: true,
		levels: [same('postcode'), edits('postcode', 1)]
	},
	{
		id: 'city',
		label: 'City',
		field: 'city',
		termFrequency: true,
		// A postcode already says the city: counting both would count one agreement twice.
		missing: (l, r) => sql`${l('city')} IS NULL OR ${r('city')} IS NULL
			OR (${l('postcode')} IS NOT NULL AND ${r('postcode')} IS NOT NULL)`,
		levels: [same('city'), jaroWinkler('city', 0.88)]
	},
	{
		id: 'street',
		label: 'Street and number',
		field: 'street',
		termFrequency: true,
		levels: [
			{
				label: 'same street and number',
				when: (l, r) => sql`${l('street')} = ${r('street')}
					AND ${l('house_number')} IS NOT DISTINCT FROM ${r('house_number')}`
			},
			{
				label: 'similar street, same number',
				when: (l, r) => sql`jaro_winkler_similarity(${l('street')}, ${r('street')}) >= 0.88
					AND ${l('house_number')} IS NOT DISTINCT FROM ${r('house_number')}`
			},
			jaroWinkler('street', 0.88)
		]
	},
	{
		id: 'national_id',
		label: 'National id',
		field: 'national_id',
		termFrequency: false,
		levels: [same('national_id'), edits('national_id', 1)]
	},
	{
		id: 'loyalty_id',
		label: 'Loyalty card',
		field: 'loyalty_id',
		termFrequency: false,
		levels: [same('loyalty_id'), edits('loyalty_id', 1)]
	}
];

/** The comparison's level of a pair: 0 for the first level, …, levels.length for "different", -1 when missing. */
export function levelOf(comparison: Comparison, l: Side, r: Side): Sql {
	const field = comparison.field;
	const missing = comparison.missing
		? comparison.missing(l, r)
		: sql`${l(field)} IS NULL OR ${r(field)} IS NULL`;
	const cases = comparison.levels.map((level, i) => sql`WHEN ${level.when(l, r)} THEN ${i}`);
	return sql`(CASE WHEN ${missing} THEN -1
		${join(cases, ' ')}
		ELSE ${comparison.levels.length} END)::TINYINT`;
}

export function sideOf(alias: string): Side {
	return (field) => sql`${ident(alias)}.${ident(field)}`;
}
