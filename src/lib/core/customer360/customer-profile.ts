// Everything the customer page shows of one customer: the golden record with the source record
// each value came from, every source record of the customer with its identifiers, the KPI row,
// and the customer's events newest first. Plain JSON (numbers for dates, in ms) — one customer
// is small. The tricky point: a customer with an enormous history (a shop's loyalty card used
// by everyone) must not flood the page, so events are capped and the total is given beside.
import type { Db } from '../db';
import { goldenWithRecords, recordColumnOf } from '../identity/golden-provenance';
import { GOLDEN_VALUE_COLUMNS } from '../identity/golden';
import { everyValueOf } from '../identity/records';
import { IDENTITY_TABLES } from '../identity/tables';
import { rowsOf, type Row } from '../sql/rows';
import { ident, join, sql } from '../sql/sql';
import { CATALOG_TABLE } from '../workspace/catalog';
import { C360_TABLES } from './tables';
import { customerColumns } from './customer-list';

/** Events sent to the page at most; the page says how many more there are. */
export const MAX_PROFILE_EVENTS = 2000;

export interface GoldenField {
	column: string;
	value: string | number | boolean | null;
	/** The record the value came from, and its source's name. */
	recordId: string | null;
	sourceName: string | null;
}

export interface ProfileRecord {
	recordId: string;
	sourceName: string;
	firstName: string | null;
	lastName: string | null;
	birthDate: number | null;
	emails: string[];
	phones: string[];
	loyaltyId: string | null;
	postcode: string | null;
	city: string | null;
}

export interface ProfileEvent {
	sourceName: string;
	kind: string;
	lane: string;
	at: number | null;
	amount: number | null;
	currency: string | null;
	category: string | null;
	product: string | null;
	eventType: string | null;
	channel: string | null;
	campaign: string | null;
	store: string | null;
	linkedBy: string | null;
}

export interface CustomerProfile {
	customerId: string;
	golden: GoldenField[];
	kpis: Row;
	records: ProfileRecord[];
	events: ProfileEvent[];
	eventCount: number;
}

const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));
/** A list the query joined with spaces (addresses and E.164 numbers hold none). */
const list = (value: unknown): string[] =>
	typeof value === 'string' ? value.split(' ').filter(Boolean) : [];

/** The customer's profile, or null when the 360 table has no such customer. */
export async function customerProfile(db: Db, customerId: string): Promise<CustomerProfile | null> {
	const [kpis] = rowsOf(
		await db.query(sql`SELECT ${join((await customerColumns(db)).map((c) => ident(c.name)))}
			FROM ${ident(C360_TABLES.customer)}
			WHERE customer_id = ${customerId}`)
	);
	if (!kpis) return null;
	const sources = ident(CATALOG_TABLE);
	const [golden] = rowsOf(
		await db.query(sql`SELECT * FROM (${goldenWithRecords()}) WHERE customer_id = ${customerId}`)
	);
	const recordRows = rowsOf(
		await db.query(sql`SELECT r.record_id, s.name AS source_name, r.first_name, r.last_name,
				r.birth_date, array_to_string(${everyValueOf('email')}, ' ') AS emails,
				array_to_string(${everyValueOf('phone')}, ' ') AS phones, r.loyalty_id, r.postcode, r.city
			FROM ${ident(IDENTITY_TABLES.record)} r
			JOIN ${ident(IDENTITY_TABLES.customer)} c USING (record_id)
			LEFT JOIN ${sources} s ON s.source_id = r.source_id
			WHERE c.customer_id = ${customerId} ORDER BY r.source_id, r.record_id`)
	);
	const records: ProfileRecord[] = recordRows.map((r) => ({
		recordId: String(r.record_id),
		sourceName: text(r.source_name) ?? '',
		firstName: text(r.first_name),
		lastName: text(r.last_name),
		birthDate: num(r.birth_date),
		emails: list(r.emails),
		phones: list(r.phones),
		loyaltyId: text(r.loyalty_id),
		postcode: text(r.postcode),
		city: text(r.city)
	}));
	const sourceOf = new Map(records.map((r) => [r.recordId, r.sourceName]));
	const fields: GoldenField[] = GOLDEN_VALUE_COLUMNS.map((column) => {
		const recordId = text(golden?.[recordColumnOf(column)]);
		return {
			column,
			value: golden?.[column] ?? null,
			recordId,
			sourceName: recordId ? (sourceOf.get(recordId) ?? null) : null
		};
	});
	const eventRows = rowsOf(
		await db.query(sql`SELECT s.name AS source_name, e.kind, e.lane, e.event_at, e.amount,
				e.currency, e.category, e.product, e.event_type, e.channel, e.campaign, e.store,
				e.linked_by, count(*) OVER () AS total
			FROM ${ident(C360_TABLES.event)} e LEFT JOIN ${sources} s ON s.source_id = e.source_id
			WHERE e.customer_id = ${customerId}
			ORDER BY e.event_at DESC NULLS LAST, e.source_id, e.source_row
			LIMIT ${MAX_PROFILE_EVENTS}`)
	);
	return {
		customerId,
		golden: fields,
		kpis,
		records,
		events: eventRows.map((e) => ({
			sourceName: text(e.source_name) ?? '',
			kind: String(e.kind),
			lane: String(e.lane),
			at: num(e.event_at),
			amount: num(e.amount),
			currency: text(e.currency),
			category: text(e.category),
			product: text(e.product),
			eventType: text(e.event_type),
			channel: text(e.channel),
			campaign: text(e.campaign),
			store: text(e.store),
			linkedBy: text(e.linked_by)
		})),
		eventCount: Number(eventRows[0]?.total ?? 0)
	};
}
