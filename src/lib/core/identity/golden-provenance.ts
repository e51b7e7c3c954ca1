// Where each golden value came from, as record ids. cc_customer keeps, beside each value, the
// number of the customer's record it was taken from (see golden); this reads the numbers back
// as ids. The tricky point: a number counts the customer's records in cc_customer_record in
// record id order, so it is read against the record → customer table it was built from (both
// are replaced by every run, and the golden records are rebuilt whenever that table changes).
import { ident, join, sql, type Sql } from '../sql/sql';
import { GOLDEN_TABLE, GOLDEN_VALUE_COLUMNS, recordNumberColumnOf } from './golden';
import { IDENTITY_TABLES } from './tables';

/** The column of goldenWithRecords holding the id of the record a golden value was taken from. */
export const recordColumnOf = (column: string) => `${column}_record`;

/**
 * cc_customer with, in place of each value's record number, the id of that record
 * (`first_name_record`…; NULL where the value is NULL).
 */
export function goldenWithRecords(): Sql {
	const numbers = GOLDEN_VALUE_COLUMNS.map((c) => ident(recordNumberColumnOf(c)));
	const ids = GOLDEN_VALUE_COLUMNS.map(
		(c) => sql`m.records[g.${ident(recordNumberColumnOf(c))}] AS ${ident(recordColumnOf(c))}`
	);
	return sql`SELECT g.* EXCLUDE (${join(numbers)}), ${join(ids)}
		FROM ${ident(GOLDEN_TABLE)} g LEFT JOIN (
			SELECT customer_id, list(record_id ORDER BY record_id) AS records
			FROM ${ident(IDENTITY_TABLES.customer)} GROUP BY customer_id
		) m USING (customer_id)`;
}
