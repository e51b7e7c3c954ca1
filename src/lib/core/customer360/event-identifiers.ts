// The identifiers an event carries, in the form customers' identifiers are kept in (see
// customer-identifiers), each with its priority: a record key naming a profile record first,
// then a loyalty card, a national id, an e-mail address, a phone number. An event is linked
// through the strongest kind that matches anyone (see link-events). The tricky points: an
// e-mail column of an event export may hold a phone number instead ("contact" typed by an
// agent), which is read as a phone through the phone lookup; and a cell may hold several
// addresses or numbers.
import type { Db } from '../db';
import {
	fillPhoneLookup,
	lookedUpPhone,
	lookupCountry,
	PHONE_LOOKUP_TABLE,
	trimmedPhoneKey
} from '../mapped/phone-lookup';
import { PHONE_LIST_SEPARATOR } from '../mapped/phone-e164';
import {
	compactCode,
	emailCellParts,
	emailMatchForm,
	EMAIL_LIKE,
	EMAIL_SPLIT
} from '../identity/records';
import type { EmailRules } from '../identity/types';
import { ident, join, sql, type Sql } from '../sql/sql';
import type { IdentifierKind } from './customer-identifiers';
import { columnsWithRole, type EventSource } from './event-sources';

/** The kinds in the order an event is linked by: the first that matches anyone decides. */
export const LINK_PRIORITY: readonly IdentifierKind[] = [
	'record',
	'loyalty_id',
	'national_id',
	'email',
	'phone'
];

const priorityOf = (kind: IdentifierKind) => LINK_PRIORITY.indexOf(kind) + 1;

/** A cell of an e-mail column that is no address but may be a phone number. */
function phoneLike(cell: Sql): Sql {
	return sql`(${cell} NOT LIKE '%@%' AND regexp_matches(${cell}, '[0-9]'))`;
}

function select(kind: IdentifierKind, value: Sql, from: Sql, where: Sql = sql`TRUE`): Sql {
	return sql`SELECT source_row, ${priorityOf(kind)} AS priority, ${kind} AS kind, ${value} AS value
		FROM ${from} WHERE ${where}`;
}

/**
 * Reads into the phone lookup the phone-like cells of the source's e-mail columns it lacks, with
 * the lookup's country, so that they can be matched as phones.
 */
export async function readPhonesInEmailColumns(db: Db, source: EventSource): Promise<void> {
	const columns = columnsWithRole(source, 'email');
	if (columns.length === 0) return;
	// The view's columns are trimmed already: keyed as they are (see trimmedPhoneKey).
	const country = await lookupCountry(db);
	await fillPhoneLookup(db, source.view, columns, country, phoneLike, trimmedPhoneKey);
}

/** The SELECT of (source_row, priority, kind, value) of every identifier of the source's events. */
export function eventIdentifiers(source: EventSource, rules: EmailRules): Sql | null {
	const view = ident(source.view);
	const selects: Sql[] = [];
	const key = source.columns.find((c) => c.role === 'record_key' && c.name !== 'record_id');
	if (key && source.keyTarget) {
		const value = sql`${source.keyTarget} || ':' || trim(${ident(key.name)})`;
		selects.push(
			select('record', value, view, sql`nullif(trim(${ident(key.name)}), '') IS NOT NULL`)
		);
	}
	for (const kind of ['loyalty_id', 'national_id'] as const) {
		for (const column of columnsWithRole(source, kind)) {
			const value = compactCode(ident(column));
			selects.push(select(kind, value, view, sql`${value} IS NOT NULL`));
		}
	}
	for (const column of columnsWithRole(source, 'email')) {
		// The view's e-mail column is trimmed and in lower case already.
		const cell = ident(column);
		// A cell of one address (nearly all) skips the split. Its match form names the address six
		// times and the view's column names its raw cell a dozen: the form is built on the lambda's
		// one value, since the filter on it, pushed into the scan, repeated every test otherwise
		// (3.8M e-mail events: 7.5 s, 2.0 s this way).
		const one = sql`(SELECT source_row,
				list_transform([${cell}], x -> ${emailMatchForm(sql`x`, rules)})[1] AS address
			FROM ${view} WHERE ${cell} LIKE '%@%' AND NOT regexp_matches(${cell}, ${EMAIL_SPLIT}))`;
		const several = sql`(SELECT source_row, unnest(list_transform(${emailCellParts([cell])},
			x -> ${emailMatchForm(sql`lower(trim(x))`, rules)})) AS address FROM ${view}
			WHERE ${cell} LIKE '%@%' AND regexp_matches(${cell}, ${EMAIL_SPLIT}))`;
		for (const addresses of [one, several]) {
			selects.push(select('email', sql`address`, addresses, sql`address LIKE ${EMAIL_LIKE}`));
		}
		const phones = sql`(SELECT source_row, ${lookedUpPhone('l')} AS phone FROM ${view} v
			JOIN ${ident(PHONE_LOOKUP_TABLE)} l ON l.raw = ${trimmedPhoneKey(sql`v.${cell}`)}
			WHERE ${phoneLike(sql`v.${cell}`)})`;
		selects.push(
			select(
				'phone',
				sql`unnest(string_split(phone, ${PHONE_LIST_SEPARATOR}))`,
				phones,
				sql`phone IS NOT NULL`
			)
		);
	}
	for (const column of [
		...columnsWithRole(source, 'phone'),
		...columnsWithRole(source, 'mobile')
	]) {
		const phones = sql`(SELECT source_row, unnest(string_split(${ident(column)}, ${PHONE_LIST_SEPARATOR})) AS phone
			FROM ${view} WHERE ${ident(column)} IS NOT NULL)`;
		selects.push(select('phone', sql`phone`, phones));
	}
	return selects.length > 0 ? join(selects, ' UNION ALL ') : null;
}
