// Every identifier of every unified customer, the side events are matched against: the record
// ids of its profile records, its e-mail addresses and phone numbers (all of them, in the form
// identity resolution compared them), its loyalty cards and national ids. The tricky point:
// identifiers identity resolution set aside as junk (test@test.com, a shop's own phone) are left
// out here too, so an event carrying one is anonymous rather than given to whoever typed it.
import type { Db } from '../db';
import { ident, sql } from '../sql/sql';
import { everyValueOf } from '../identity/records';
import { IDENTITY_TABLES } from '../identity/tables';
import { C360_TABLES } from './tables';

/** What an event identifier is matched on; `record` is a profile record id ('source:key'). */
export type IdentifierKind = 'record' | 'loyalty_id' | 'national_id' | 'email' | 'phone';

/** Builds cc_360_identifier (kind, value, customer_id), one row per distinct triple. */
export async function buildCustomerIdentifiers(db: Db): Promise<void> {
	const { record, customer, junk } = IDENTITY_TABLES;
	await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${ident(C360_TABLES.identifier)} AS
		WITH members AS (
			SELECT c.customer_id, r.record_id, ${everyValueOf('email')} AS emails,
				${everyValueOf('phone')} AS phones, r.loyalty_id, r.national_id
			FROM ${ident(record)} r JOIN ${ident(customer)} c USING (record_id)
		), every AS (
			SELECT 'record' AS kind, record_id AS value, customer_id FROM members
			UNION ALL SELECT 'email', unnest(emails), customer_id FROM members
			UNION ALL SELECT 'phone', unnest(phones), customer_id FROM members
			UNION ALL SELECT 'loyalty_id', loyalty_id, customer_id FROM members WHERE loyalty_id IS NOT NULL
			UNION ALL SELECT 'national_id', national_id, customer_id FROM members WHERE national_id IS NOT NULL
		)
		SELECT DISTINCT e.kind, e.value, e.customer_id FROM every e
		ANTI JOIN ${ident(junk)} j ON j.kind = e.kind AND j.value = e.value
		WHERE e.value IS NOT NULL`);
}
