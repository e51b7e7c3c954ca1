// The golden record: one row per customer of the last identity run (cc_customer_record), each
// field taken from one of the customer's records by the field's survivorship rules, with the
// number of that record beside it (`first_name_record_number`: 1, 2… in the customer's records
// in record id order; golden-provenance reads it back as a record id) so the page can show where
// each value came from. A number rather than the id: sixteen text columns of ids were most of
// the cost of writing the table. Set-based: the member records are read once into a table; a
// customer with one record (most of them) takes that record's values as they are, and one
// GROUP BY picks every field of the others (see golden-pick). The tricky point: the customers
// come from cc_customer_record, not from the views, so every customer has its row even when
// none of its records holds a value (its fields are then NULL).
import type { Db } from '../db';
import { scalarOf } from '../sql/rows';
import { ident, join, sql, type Sql } from '../sql/sql';
import { ensureCustomerTable } from './customer-ids';
import { columnsOfField, GOLDEN_COLUMNS, type GoldenColumn } from './golden-columns';
import {
	buildGoldenMembers,
	dropGoldenMembers,
	GOLDEN_CUSTOMERS,
	GOLDEN_MEMBERS
} from './golden-input';
import { frequencyColumn, frequencyOf, pickAggregate, RECENCY, RECORD_NUMBER } from './golden-pick';
import {
	DEFAULT_GOLDEN_SETTINGS,
	GOLDEN_FIELDS,
	survivorshipOf,
	type GoldenField,
	type GoldenSettings
} from './golden-settings';
import { titleCaseName } from './name-case';
import { profileIdentitySources } from './identity-sources';

/** One row per customer: the golden values, counts, dates and each value's record. */
export const GOLDEN_TABLE = 'cc_customer';

export interface GoldenSummary {
	customers: number;
}

/** The golden value columns of cc_customer, in order. */
export const GOLDEN_VALUE_COLUMNS = GOLDEN_COLUMNS.map((c) => c.name);
/** The column holding the number of the customer's record a golden value was taken from. */
export const recordNumberColumnOf = (column: string) => `${column}_record_number`;

/** `kept`: the run's copy of the sources' rows, when it kept one (see buildGoldenMembers). */
export async function buildGoldenRecords(
	db: Db,
	settings: GoldenSettings = DEFAULT_GOLDEN_SETTINGS,
	kept?: string
): Promise<GoldenSummary> {
	await ensureCustomerTable(db);
	await buildGoldenMembers(db, await profileIdentitySources(db), kept);
	const votes = new Map<GoldenField, Sql>();
	const picks: Sql[] = [];
	const single: Sql[] = [];
	const chosen: Sql[] = [];
	const singleRecords: Sql[] = [];
	const chosenRecords: Sql[] = [];
	const shown = (column: GoldenColumn, value: Sql) =>
		column.titleCased && settings.titleCaseNames ? titleCaseName(value) : value;
	for (const field of GOLDEN_FIELDS) {
		const survivorship = survivorshipOf(settings, field);
		const frequency = frequencyOf(field, survivorship);
		if (frequency) votes.set(field, frequency);
		picks.push(pickAggregate(field, survivorship));
		const pick = sql`p.${ident(`pick_${field}`)}`;
		for (const column of columnsOfField(field)) {
			const name = ident(column.name);
			const record = ident(recordNumberColumnOf(column.name));
			single.push(sql`${shown(column, name)} AS ${name}`);
			singleRecords.push(sql`CASE WHEN ${name} IS NOT NULL THEN 1 END AS ${record}`);
			const value = sql`struct_extract(${pick}, ${column.name})`;
			chosen.push(sql`${shown(column, value)} AS ${name}`);
			// Within the address block a part the chosen record lacks has no record of its own.
			const from = sql`CASE WHEN ${value} IS NOT NULL THEN struct_extract(${pick}, ${RECORD_NUMBER}) END`;
			chosenRecords.push(sql`${from} AS ${record}`);
		}
	}
	const members = ident(GOLDEN_MEMBERS);
	await db.exec(sql`CREATE OR REPLACE TABLE ${ident(GOLDEN_TABLE)} AS
		WITH picks AS (
			SELECT cid, min(coalesce(created_at, updated_at)) AS first_seen,
				max(coalesce(updated_at, created_at)) AS last_updated, ${join(picks)}
			FROM ${sharedMembers(votes)} GROUP BY cid
		)
		-- A customer with one record (most of them) has that record's values as they are.
		SELECT customer_id, ${join(single)}, record_count, source_count,
			coalesce(created_at, updated_at) AS first_seen,
			coalesce(updated_at, created_at) AS last_updated, ${join(singleRecords)}
		FROM ${members} WHERE record_count = 1
		UNION ALL
		SELECT c.customer_id, ${join(chosen)}, c.record_count, c.source_count,
			p.first_seen, p.last_updated, ${join(chosenRecords)}
		FROM ${ident(GOLDEN_CUSTOMERS)} c JOIN picks p ON p.cid = c.cid`);
	await dropGoldenMembers(db);
	const customers = scalarOf(await db.query(sql`SELECT count(*) FROM ${ident(GOLDEN_TABLE)}`));
	return { customers: Number(customers) };
}

/**
 * The members of customers with several records, with their record numbers, their recency
 * ranks (newest 1, undated last) and the vote counts the rules ask for. All are windows over a
 * narrow projection joined back by row (a window carries every column it is given, and the
 * member rows are wide). Votes are counted only over customers with three records or more: when
 * both of two records hold a value they count 1 each (two values) or 2 each (the same), so a
 * vote never chooses between two, and every record of such a customer counts 0 alike.
 */
function sharedMembers(votes: ReadonlyMap<GoldenField, Sql>): Sql {
	const members = ident(GOLDEN_MEMBERS);
	const numbered = sql`${members} m JOIN (SELECT rowid AS member,
			row_number() OVER (PARTITION BY cid ORDER BY record_id)::INTEGER AS ${ident(RECORD_NUMBER)},
			dense_rank() OVER (PARTITION BY cid ORDER BY record_date DESC NULLS LAST)::INTEGER
				AS ${ident(RECENCY)}
		FROM ${members} WHERE record_count > 1) n ON n.member = m.rowid`;
	const ranks = sql`n.${ident(RECORD_NUMBER)}, n.${ident(RECENCY)}`;
	if (votes.size === 0) return sql`(SELECT m.*, ${ranks} FROM ${numbered})`;
	const counted = [...votes].map(([field, count]) => sql`${count} AS ${frequencyColumn(field)}`);
	const counts = [...votes.keys()].map(
		(field) => sql`coalesce(v.${frequencyColumn(field)}, 0) AS ${frequencyColumn(field)}`
	);
	return sql`(SELECT m.*, ${ranks}, ${join(counts)} FROM ${numbered} LEFT JOIN
		(SELECT rowid AS member, ${join(counted)} FROM ${members} WHERE record_count > 2) v
		ON v.member = m.rowid)`;
}
