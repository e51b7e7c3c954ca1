// The golden record: one row per customer of the last identity run (cc_customer_record), each
// field taken from one of the customer's records by the field's survivorship rules, with the id
// of that record beside it (`first_name_record`…) so the page can show where each value came
// from. Set-based: the member records are read once into a table, then one GROUP BY customer
// picks every field (see golden-pick). The tricky point: the customers come from
// cc_customer_record, not from the views, so every customer has its row even when none of its
// records holds a value (its fields are then NULL).
import type { Db } from '../db';
import { scalarOf } from '../sql/rows';
import { ident, join, sql, type Sql } from '../sql/sql';
import { ensureCustomerTable } from './customer-ids';
import { columnsOfField, GOLDEN_COLUMNS } from './golden-columns';
import {
	buildGoldenMembers,
	dropGoldenMembers,
	GOLDEN_CUSTOMERS,
	GOLDEN_MEMBERS
} from './golden-input';
import { frequencyColumn, frequencyOf, pickAggregate } from './golden-pick';
import {
	DEFAULT_GOLDEN_SETTINGS,
	GOLDEN_FIELDS,
	survivorshipOf,
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
/** The column holding the id of the record a golden value was taken from. */
export const recordColumnOf = (column: string) => `${column}_record`;

export async function buildGoldenRecords(
	db: Db,
	settings: GoldenSettings = DEFAULT_GOLDEN_SETTINGS
): Promise<GoldenSummary> {
	await ensureCustomerTable(db);
	await buildGoldenMembers(db, await profileIdentitySources(db));
	const votes: Sql[] = [];
	const picks: Sql[] = [];
	const values: Sql[] = [];
	const records: Sql[] = [];
	for (const field of GOLDEN_FIELDS) {
		const survivorship = survivorshipOf(settings, field);
		const frequency = frequencyOf(field, survivorship);
		if (frequency) votes.push(sql`${frequency} AS ${frequencyColumn(field)}`);
		picks.push(pickAggregate(field, survivorship));
		const pick = sql`p.${ident(`pick_${field}`)}`;
		for (const column of columnsOfField(field)) {
			const value = sql`struct_extract(${pick}, ${column.name})`;
			const shown = column.titleCased && settings.titleCaseNames ? titleCaseName(value) : value;
			values.push(sql`${shown} AS ${ident(column.name)}`);
			// Within the address block a part the chosen record lacks has no record of its own.
			const from = sql`CASE WHEN ${value} IS NOT NULL THEN struct_extract(${pick}, 'record_id') END`;
			records.push(sql`${from} AS ${ident(recordColumnOf(column.name))}`);
		}
	}
	const members = ident(GOLDEN_MEMBERS);
	// Vote counts are windows over a narrow projection joined back by row: a window carries
	// every column it is given, and the member rows are wide.
	const ranked =
		votes.length === 0
			? members
			: sql`(SELECT * FROM ${members} m JOIN (SELECT rowid AS member, ${join(votes)} FROM ${members}) v
				ON v.member = m.rowid)`;
	await db.exec(sql`CREATE OR REPLACE TABLE ${ident(GOLDEN_TABLE)} AS
		WITH picks AS (
			SELECT cid, min(coalesce(created_at, updated_at)) AS first_seen,
				max(coalesce(updated_at, created_at)) AS last_updated, ${join(picks)}
			FROM ${ranked} GROUP BY cid
		)
		SELECT c.customer_id, ${join(values)}, c.record_count, c.source_count,
			p.first_seen, p.last_updated, ${join(records)}
		FROM ${ident(GOLDEN_CUSTOMERS)} c LEFT JOIN picks p ON p.cid = c.cid`);
	await dropGoldenMembers(db);
	const customers = scalarOf(await db.query(sql`SELECT count(*) FROM ${ident(GOLDEN_TABLE)}`));
	return { customers: Number(customers) };
}
