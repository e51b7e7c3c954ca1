// Which customer each event belongs to. An event's identifiers (see event-identifiers) are
// looked up among the customers' (see customer-identifiers), and the strongest kind that
// matches anyone decides: one customer, the event is linked; several, it is ambiguous (a
// family's shared e-mail, a shared landline) and reported rather than counted twice; none, it
// is anonymous. The tricky point: a weaker identifier never overrides a stronger one — an order
// whose account key names customer A is A's even if its e-mail is also B's.
import type { Db } from '../db';
import { ident, sql } from '../sql/sql';
import type { EmailRules } from '../identity/types';
import { eventIdentifiers } from './event-identifiers';
import type { EventSource } from './event-sources';
import { C360_TABLES } from './tables';

/** Creates the empty link table (source_id, source_row, customer_id, customers, linked_by). */
export async function createLinkTable(db: Db): Promise<void> {
	await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${ident(C360_TABLES.link)} (
		source_id VARCHAR, source_row BIGINT, customer_id VARCHAR, customers INTEGER, linked_by VARCHAR)`);
}

/** Adds the links of one source's events that match anyone (needs cc_360_identifier). */
export async function linkSourceEvents(
	db: Db,
	source: EventSource,
	rules: EmailRules
): Promise<void> {
	const identifiers = eventIdentifiers(source, rules);
	if (!identifiers) return;
	await db.exec(sql`INSERT INTO ${ident(C360_TABLES.link)}
		WITH hits AS (
			SELECT e.source_row, e.priority, e.kind, c.customer_id
			FROM (${identifiers}) e JOIN ${ident(C360_TABLES.identifier)} c
				ON c.kind = e.kind AND c.value = e.value
		), strongest AS (
			SELECT source_row, min(priority) AS priority FROM hits GROUP BY source_row
		)
		SELECT ${source.sourceId}, h.source_row,
			CASE WHEN count(DISTINCT h.customer_id) = 1 THEN min(h.customer_id) END,
			count(DISTINCT h.customer_id)::INTEGER, min(h.kind)
		FROM hits h JOIN strongest s USING (source_row, priority)
		GROUP BY h.source_row`);
}
