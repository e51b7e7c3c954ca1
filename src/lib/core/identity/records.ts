// The identity records: every profile record of every source in one table, its fields in the
// form records are compared in (name keys, canonical e-mail and phone, compact postcode…), and
// the long list of its exact identifiers. The tricky points: an e-mail cell may hold several
// addresses ("a@x.com; b@y.com"), so addresses are split into a list and each is an identifier;
// and a source may have a full name but no first and last name, so those are read from it.
import type { Db } from '../db';
import type { MappedColumn } from '../mapped/types';
import { PHONE_LIST_SEPARATOR } from '../mapped/phone-e164';
import { matchKey } from '../mapped/role-expressions';
import { ident, join, sql, type Sql } from '../sql/sql';
import { IDENTITY_TABLES } from './tables';
import type { EmailRules } from './types';

export interface IdentitySource {
	sourceId: string;
	/** The source's mapped view. */
	view: string;
	columns: readonly MappedColumn[];
}

/** The compared fields, in the identity record table's column order. */
export const RECORD_FIELDS = [
	'first_name',
	'last_name',
	'birth_date',
	'email',
	'phone',
	'postcode',
	'city',
	'street',
	'house_number',
	'national_id',
	'loyalty_id',
	'gender'
] as const;

export type RecordField = (typeof RECORD_FIELDS)[number];

/** What separates the addresses of an e-mail cell holding several. */
export const EMAIL_SPLIT = '[;,\\s]+';
/** What looks like an address: something, @, something, a dot, something. */
export const EMAIL_LIKE = '_%@_%._%';

/** Every part of the e-mail cells, in order (a cell holding one address is one part). */
export function emailCellParts(cells: readonly Sql[]): Sql {
	const lists = cells.map((c) => sql`coalesce(regexp_split_to_array(${c}, ${EMAIL_SPLIT}), [])`);
	return sql`flatten([${join(lists)}])`;
}

/** An e-mail address as matched: lower case, and with the provider rules when they are on. */
export function emailMatchForm(address: Sql, rules: EmailRules): Sql {
	const local = sql`split_part(${address}, '@', 1)`;
	const domain = sql`split_part(${address}, '@', 2)`;
	const gmail = sql`${domain} IN ('gmail.com', 'googlemail.com')`;
	const untagged = rules.plusTags ? sql`split_part(${local}, '+', 1)` : local;
	const dotless = rules.gmailDots
		? sql`CASE WHEN ${gmail} THEN replace(${untagged}, '.', '') ELSE ${untagged} END`
		: untagged;
	const canonicalDomain = rules.gmailDots
		? sql`CASE WHEN ${gmail} THEN 'gmail.com' ELSE ${domain} END`
		: domain;
	return sql`(${dotless} || '@' || ${canonicalDomain})`;
}

function columnsOf(source: IdentitySource, role: string): Sql[] {
	return source.columns
		.filter((c) => c.role === role && !c.name.endsWith('_key'))
		.map((c) => ident(c.name));
}

function keyOf(source: IdentitySource, role: string): Sql | null {
	const column = source.columns.find((c) => c.role === role && c.name === `${role}_key`);
	return column ? ident(column.name) : null;
}

function first(values: Sql[]): Sql {
	if (values.length === 0) return sql`NULL::VARCHAR`;
	return values.length === 1 ? (values[0] as Sql) : sql`coalesce(${join(values)})`;
}

/** Upper-case letters and digits only: identifiers typed with spaces, dashes or dots. */
export function compactCode(value: Sql): Sql {
	return sql`nullif(upper(regexp_replace(${value}, '[^0-9A-Za-z]', '', 'g')), '')`;
}

/**
 * A list without repeats, in its order: the first address of a cell is the record's e-mail.
 * (list_distinct does not keep the order.)
 */
function distinctInOrder(list: Sql): Sql {
	return sql`list_filter(${list}, (x, i) -> list_position(${list}, x) = i)`;
}

/** Columns the source's rows get before the record is read (see emailListOf). */
const CELL_FORM = ident('cc_email_cell_form');
const CELL_SEVERAL = ident('cc_email_cell_several');

/**
 * The record's e-mail addresses in match form, the cells split at separators; NULL when it has
 * none. A lone e-mail column is prepared a level below (`prepareEmail`): its match form and
 * whether it holds several addresses are plain columns here, so a cell with one address —
 * nearly all of them — skips the split (list lambdas cost four times as much), and the CASE
 * reads columns (the browser's engine evaluates string functions inside a CASE several times
 * slower than in a projection).
 */
function emailListOf(emails: readonly Sql[], rules: EmailRules): Sql {
	if (emails.length === 0) return sql`NULL::VARCHAR[]`;
	const split = distinctInOrder(
		sql`list_filter(list_transform(${emailCellParts(emails)},
			x -> ${emailMatchForm(sql`lower(trim(x))`, rules)}), x -> x LIKE ${EMAIL_LIKE})`
	);
	if (emails.length > 1) return sql`nullif(${split}, [])`;
	return sql`CASE WHEN ${CELL_SEVERAL} THEN nullif(${split}, [])
		WHEN ${CELL_FORM} LIKE ${EMAIL_LIKE} THEN [${CELL_FORM}] END`;
}

/** The columns a lone e-mail column is prepared with (none otherwise). */
function prepareEmail(emails: readonly Sql[], rules: EmailRules): Sql[] {
	const [only] = emails;
	if (!only || emails.length > 1) return [];
	return [
		sql`${emailMatchForm(sql`lower(trim(${only}))`, rules)} AS ${CELL_FORM}`,
		sql`regexp_matches(${only}, ${EMAIL_SPLIT}) AS ${CELL_SEVERAL}`
	];
}

/**
 * The record's phone numbers, without repeats; NULL when it has none. A phone cell of the view
 * may hold several numbers (see mapped/phone-e164).
 */
function phoneListOf(phones: readonly Sql[]): Sql {
	const split = (p: Sql) => sql`string_split(${p}, ${PHONE_LIST_SEPARATOR})`;
	const [only] = phones;
	if (!only) return sql`NULL::VARCHAR[]`;
	if (phones.length === 1) return split(only);
	const lists = phones.map((p) => sql`coalesce(${split(p)}, [])`);
	return sql`nullif(${distinctInOrder(sql`flatten([${join(lists)}])`)}, [])`;
}

/**
 * The SELECT reading one source's mapped view into the identity record's columns, its row
 * number (source_row) and `more`.
 */
function sourceSelect(source: IdentitySource, rules: EmailRules, more: readonly Sql[]): Sql {
	const emails = columnsOf(source, 'email');
	const emailList = emailListOf(emails, rules);
	const prepared = prepareEmail(emails, rules);
	const phoneList = phoneListOf([...columnsOf(source, 'phone'), ...columnsOf(source, 'mobile')]);
	const fullName = keyOf(source, 'full_name');
	const firstName =
		keyOf(source, 'first_name') ??
		(fullName
			? sql`CASE WHEN ${fullName} LIKE '% %' THEN split_part(${fullName}, ' ', 1) END`
			: null);
	const lastName =
		keyOf(source, 'last_name') ??
		(fullName
			? sql`CASE WHEN ${fullName} LIKE '% %' THEN regexp_extract(${fullName}, '[^ ]+$') END`
			: null);
	const birth = columnsOf(source, 'birth_date');
	const text = (role: string) => first(columnsOf(source, role));
	return sql`SELECT record_id, ${source.sourceId} AS source_id, source_row,
		${firstName ?? sql`NULL::VARCHAR`} AS first_name,
		${lastName ?? sql`NULL::VARCHAR`} AS last_name,
		${birth.length > 0 ? sql`CAST(${birth[0]} AS DATE)` : sql`NULL::DATE`} AS birth_date,
		${emailList} AS emails,
		${phoneList} AS phones,
		nullif(upper(regexp_replace(${text('postcode')}, '\\s', '', 'g')), '') AS postcode,
		${matchKey(text('city'))} AS city,
		${matchKey(text('street'))} AS street,
		nullif(lower(regexp_replace(${text('house_number')}, '\\s', '', 'g')), '') AS house_number,
		${compactCode(text('national_id'))} AS national_id,
		${compactCode(text('loyalty_id'))} AS loyalty_id,
		nullif(lower(left(trim(${text('gender')}), 1)), '') AS gender${more.length > 0 ? sql`, ${join(more)}` : sql``}
		FROM (SELECT *${prepared.length > 0 ? sql`, ${join(prepared)}` : sql``} FROM ${ident(source.view)})`;
}

/**
 * The list when it holds several values, else NULL. Pairs compare their first e-mail and phone,
 * and the whole lists only when a record has several: carrying lists through the pair joins
 * costs more than the comparisons themselves, and a NULL costs next to nothing.
 */
export function ifSeveral(list: Sql): Sql {
	return sql`CASE WHEN len(${list}) > 1 THEN ${list} END`;
}

/**
 * Every e-mail address (`email`) or phone number (`phone`) of the record `r` of the record
 * table, as a list; NULL when it has none. The table holds the first value and, for the few
 * records with more than one, the list of them: a list for every record was a fifth of the time
 * the table took to write (1M records).
 */
export function everyValueOf(kind: 'email' | 'phone'): Sql {
	const first = sql`r.${ident(kind)}`;
	const several = sql`r.${ident(`${kind}s_if_several`)}`;
	return sql`coalesce(${several}, CASE WHEN ${first} IS NOT NULL THEN [${first}] END)`;
}

/**
 * A copy of the sources' rows a run keeps for a later step, which then need not read the views
 * again: a temporary table with the record's columns as read and the step's own `columns`, over
 * the view's columns (`rank`: the source's place in the sources).
 */
export interface KeptSourceRows {
	table: string;
	columns: (source: IdentitySource, rank: number) => Sql[];
}

/**
 * Builds the record table (rid, record_id, source_id, the compared fields, and the lists of
 * e-mail addresses and phone numbers of records holding several) and the identifier table (rid,
 * kind, value). The scalar `email` and `phone` are each record's first address and number;
 * every one of them is an identifier (see everyValueOf). Records are numbered (rid) in source
 * and record id order.
 */
export async function buildIdentityRecords(
	db: Db,
	sources: readonly IdentitySource[],
	rules: EmailRules,
	keep?: KeptSourceRows
): Promise<void> {
	const { record, identifier } = IDENTITY_TABLES;
	if (sources.length === 0) throw new Error('There is no profile source to resolve.');
	const union = join(
		sources.map((s, rank) => sourceSelect(s, rules, keep?.columns(s, rank) ?? [])),
		' UNION ALL BY NAME '
	);
	const columns = sql`record_id, source_id,
		first_name, last_name, birth_date, emails[1] AS email, phones[1] AS phone,
		postcode, city, street, house_number, national_id, loyalty_id, gender,
		${ifSeveral(sql`emails`)} AS emails_if_several, ${ifSeveral(sql`phones`)} AS phones_if_several`;
	const rid = sql`(row_number() OVER (ORDER BY source_id, record_id) - 1)::INTEGER AS rid`;
	if (keep) {
		const kept = ident(keep.table);
		await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${kept} AS ${union}`);
		// Numbered over the keys alone and joined back by row: a window sorts every column it
		// carries, and a join on the row number is cheaper than one on the record id.
		await db.exec(sql`CREATE OR REPLACE TABLE ${ident(record)} AS
			SELECT k.rid, ${columns} FROM ${kept}
			JOIN (SELECT source_id, source_row, ${rid} FROM ${kept}) k USING (source_id, source_row)`);
	} else {
		await db.exec(sql`CREATE OR REPLACE TABLE ${ident(record)} AS
			SELECT ${rid}, ${columns} FROM (${union})`);
	}
	await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${ident(identifier)} AS
		SELECT rid, 'email' AS kind, unnest(${everyValueOf('email')}) AS value FROM ${ident(record)} r
		UNION ALL SELECT rid, 'phone', unnest(${everyValueOf('phone')}) FROM ${ident(record)} r
		UNION ALL SELECT rid, 'national_id', national_id FROM ${ident(record)} WHERE national_id IS NOT NULL
		UNION ALL SELECT rid, 'loyalty_id', loyalty_id FROM ${ident(record)} WHERE loyalty_id IS NOT NULL`);
}
