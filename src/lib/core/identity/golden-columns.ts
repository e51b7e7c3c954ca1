// The columns of the golden record: which roles of the mapped views each is read from, its SQL
// type, and the form its values are counted in by most_frequent. The tricky point: e-mail
// addresses and phone numbers are counted as they are (the views already give them in canonical
// form, and folding punctuation would make a.b@x.fr and ab@x.fr one address), every other text
// folded, so that case, accents, spaces and punctuation do not split a vote.
import type { RoleId } from '../roles/vocabulary';
import { sql, type Sql } from '../sql/sql';
import { ADDRESS_COLUMNS, type GoldenField } from './golden-settings';

export type GoldenType = 'VARCHAR' | 'DATE' | 'BOOLEAN';

export interface GoldenColumn {
	name: string;
	/** The roles read, first filled wins (a phone column before a mobile one). */
	roles: readonly RoleId[];
	type: GoldenType;
	/** Values counted by most_frequent folded or as they are. */
	counted: 'folded' | 'exact';
	/** Names: shown in title case when written all in one case. */
	titleCased?: boolean;
}

const text = (name: RoleId): GoldenColumn => ({
	name,
	roles: [name],
	type: 'VARCHAR',
	counted: 'folded'
});

export const GOLDEN_COLUMNS: readonly GoldenColumn[] = [
	{ ...text('first_name'), titleCased: true },
	{ ...text('last_name'), titleCased: true },
	{ name: 'email', roles: ['email'], type: 'VARCHAR', counted: 'exact' },
	{ name: 'phone', roles: ['phone', 'mobile'], type: 'VARCHAR', counted: 'exact' },
	{ name: 'birth_date', roles: ['birth_date'], type: 'DATE', counted: 'exact' },
	text('gender'),
	...ADDRESS_COLUMNS.map(text),
	text('company'),
	{ name: 'email_optin', roles: ['email_optin'], type: 'BOOLEAN', counted: 'exact' },
	{ name: 'sms_optin', roles: ['sms_optin'], type: 'BOOLEAN', counted: 'exact' }
];

export function goldenColumn(name: string): GoldenColumn {
	const column = GOLDEN_COLUMNS.find((c) => c.name === name);
	if (!column) throw new Error(`Unknown golden column ${name}`);
	return column;
}

/** The golden columns a field sets: the address block's seven, or the field's own. */
export function columnsOfField(field: GoldenField): readonly GoldenColumn[] {
	const names: readonly string[] = field === 'address' ? ADDRESS_COLUMNS : [field];
	return names.map(goldenColumn);
}

/**
 * A value in the form most_frequent counts it in. The fold is lighter than the match key (one
 * regular expression, not three): it runs in a window over every record, and a vote only needs
 * "Jean-Pierre", "JEAN PIERRE" and "Jean Pierre" to be one value. Only ASCII punctuation and
 * spaces go, so names in other scripts keep their letters.
 */
export function countedForm(column: GoldenColumn, value: Sql): Sql {
	if (column.counted === 'exact') return value;
	return sql`regexp_replace(lower(strip_accents(${value})), '[[:punct:][:space:]]+', '', 'g')`;
}

/** The parts of the address a letter needs; most_complete counts how many are filled. */
export const MAILING_PARTS = ['street', 'postcode', 'city'] as const;

/** How complete a record's value for the field is: filled mailing parts, or text length. */
export function completeness(field: GoldenField, value: (column: string) => Sql): Sql {
	if (field === 'address') {
		const filled = MAILING_PARTS.map((part) => sql`(${value(part)} IS NOT NULL)::INTEGER`);
		return sql`(${filled.reduce((sum, next) => sql`${sum} + ${next}`)})`;
	}
	const [column] = columnsOfField(field);
	return column?.type === 'VARCHAR' ? sql`length(${value(column.name)})` : sql`0`;
}
