// cc_event: every event of every event source in one shape, with the customer it is linked to
// (or why not) and the lane of the timeline it is drawn in. Values are read from the source's
// mapped view by role: the first column of a role wins. The tricky points: times are kept as
// written, with no timezone conversion (the exports carry local times, and a DATE column reads
// as midnight); amounts are summed as written, whatever their currency (the build reports it
// when there are several); a purchase is in store when the source says so — a store
// column, a channel value naming a shop, or a source named like till receipts — online
// otherwise; and whether a purchase line is a sale (not cancelled or refunded) is read once,
// here, into `sale`: the KPIs, the indicators and segment counts all filter on it, and reading
// the event type's words again costs each of them most of a pass over the events.
import type { Db } from '../db';
import { tableColumns } from '../mapped/placement';
import { ident, sql, trusted, type Sql } from '../sql/sql';
import { columnsWithRole, type EventSource } from './event-sources';
import { isCancelled } from './event-types';
import { C360_TABLES } from './tables';

/** The timeline lanes, one per channel, in display order. */
export const LANES = ['Online', 'Store', 'Web', 'Service', 'E-mail', 'Other'] as const;
export type Lane = (typeof LANES)[number];

/** Status of an event in cc_event. */
export type LinkStatus = 'linked' | 'ambiguous' | 'anonymous';

/** A channel value naming a physical shop. */
const STORE_WORDS = '(store|shop|magasin|boutique|till|pos|retail|caisse|filiale|tienda|negozio)';
/** A source name of till receipts. */
const STORE_SOURCE = /store|magasin|boutique|till|receipt|caisse|\bpos\b/i;

type ColumnType = 'VARCHAR' | 'DOUBLE' | 'TIMESTAMP';

/** The source's first column of `role`, as `type`; a typed NULL when it has none. */
function valueOf(source: EventSource, role: string, type: ColumnType): Sql {
	const [column] = columnsWithRole(source, role);
	return column
		? sql`TRY_CAST(v.${ident(column)} AS ${trusted(type)})`
		: sql`NULL::${trusted(type)}`;
}

/** 'Store' or 'Online' for a purchase, by the rules above. */
function purchaseLane(source: EventSource): Sql {
	if (columnsWithRole(source, 'store').length > 0) {
		return sql`CASE WHEN ${valueOf(source, 'store', 'VARCHAR')} IS NOT NULL THEN 'Store' ELSE 'Online' END`;
	}
	const inStore = STORE_SOURCE.test(source.name) ? 'Store' : 'Online';
	if (columnsWithRole(source, 'channel').length > 0) {
		return sql`CASE WHEN regexp_matches(${valueOf(source, 'channel', 'VARCHAR')}, ${STORE_WORDS}, 'i')
			THEN 'Store' WHEN ${valueOf(source, 'channel', 'VARCHAR')} IS NOT NULL THEN 'Online'
			ELSE ${inStore} END`;
	}
	return sql`${inStore}`;
}

function laneOf(source: EventSource): Sql {
	switch (source.kind) {
		case 'purchase':
			return purchaseLane(source);
		case 'web':
			return sql`'Web'`;
		case 'service':
			return sql`'Service'`;
		case 'email':
			return sql`'E-mail'`;
		default:
			return sql`'Other'`;
	}
}

/** Creates the empty event table. */
export async function createEventTable(db: Db): Promise<void> {
	await db.exec(sql`CREATE OR REPLACE TABLE ${ident(C360_TABLES.event)} (
		customer_id VARCHAR, status VARCHAR, linked_by VARCHAR, source_id VARCHAR, source_row BIGINT,
		kind VARCHAR, lane VARCHAR, event_at TIMESTAMP, amount DOUBLE, currency VARCHAR, order_key VARCHAR,
		category VARCHAR, product VARCHAR, quantity DOUBLE, event_type VARCHAR, channel VARCHAR,
		campaign VARCHAR, store VARCHAR, sale BOOLEAN)`);
}

/** Whether an event of `kind` and `type` is a sale: a purchase not cancelled nor refunded. */
export function saleOf(kind: Sql, type: Sql): Sql {
	return sql`(${kind} = 'purchase' AND NOT ${isCancelled(type)})`;
}

/**
 * Whether the event table was written before `sale` was kept (a workspace saved by an earlier
 * version); false when it has the column or there is no event table.
 */
export async function lacksSaleColumn(db: Db): Promise<boolean> {
	const columns = await tableColumns(db, C360_TABLES.event);
	return columns.size > 0 && !columns.has('sale');
}

/** Gives such an event table its `sale` column. */
export async function addSaleColumn(db: Db): Promise<void> {
	const table = ident(C360_TABLES.event);
	await db.exec(sql`ALTER TABLE ${table} ADD COLUMN sale BOOLEAN`);
	await db.exec(sql`UPDATE ${table} SET sale = ${saleOf(sql`kind`, sql`event_type`)}`);
}

/** Adds one source's events, joined to their links (see link-events). */
export async function addSourceEvents(db: Db, source: EventSource): Promise<void> {
	const text = (role: string) => valueOf(source, role, 'VARCHAR');
	const [order] = columnsWithRole(source, 'order_id');
	// An order of several rows (one per line) is one order: its key is the source and order id.
	const orderKey = order
		? sql`${source.sourceId} || ':' || coalesce(trim(v.${ident(order)}), '#' || v.source_row)`
		: sql`${source.sourceId} || ':#' || v.source_row`;
	await db.exec(sql`INSERT INTO ${ident(C360_TABLES.event)}
		SELECT l.customer_id,
			CASE WHEN l.customer_id IS NOT NULL THEN 'linked'
				WHEN l.customers > 1 THEN 'ambiguous' ELSE 'anonymous' END,
			l.linked_by, ${source.sourceId}, v.source_row, ${source.kind}, ${laneOf(source)},
			${valueOf(source, 'event_time', 'TIMESTAMP')}, ${valueOf(source, 'amount', 'DOUBLE')},
			${text('currency')}, ${orderKey}, ${text('category')}, ${text('product')},
			${valueOf(source, 'quantity', 'DOUBLE')}, ${text('event_type')}, ${text('channel')},
			${text('campaign')}, ${text('store')},
			${saleOf(sql`${source.kind}`, text('event_type'))}
		FROM ${ident(source.view)} v
		LEFT JOIN ${ident(C360_TABLES.link)} l
			ON l.source_id = ${source.sourceId} AND l.source_row = v.source_row`);
}
