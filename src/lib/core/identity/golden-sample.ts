// A few golden records of the last identity run, for the Identity page to show what survivorship
// chose: the customers gathering most records first, where the choice between records matters
// most. The tricky point: a workspace whose last run predates golden records has no cc_customer
// table, and that is an empty sample, not an error.
import type { Db } from '../db';
import { rowsOf, scalarOf, type Cell } from '../sql/rows';
import { ident, sql } from '../sql/sql';
import { GOLDEN_TABLE } from './golden';

export interface GoldenSampleRow {
	customerId: string;
	firstName: string | null;
	lastName: string | null;
	email: string | null;
	phone: string | null;
	city: string | null;
	/** The customer's records, and the sources they come from. */
	recordCount: number;
	sourceCount: number;
}

/** The most a sample holds: it is a glance at the result, not a listing. */
export const GOLDEN_SAMPLE_MAX = 100;

const text = (value: Cell | undefined): string | null =>
	value === null || value === undefined ? null : String(value);

export async function goldenSample(db: Db, limit = 10): Promise<GoldenSampleRow[]> {
	const rows = Math.min(GOLDEN_SAMPLE_MAX, Math.max(1, Math.floor(Number(limit) || 1)));
	const built = Number(
		scalarOf(
			await db.query(sql`SELECT count(*) FROM duckdb_tables()
				WHERE table_name = ${GOLDEN_TABLE} AND schema_name = 'main'`)
		)
	);
	if (built === 0) return [];
	const found = rowsOf(
		await db.query(sql`SELECT customer_id, first_name, last_name, email, phone, city,
				record_count, source_count
			FROM ${ident(GOLDEN_TABLE)}
			ORDER BY record_count DESC, customer_id
			LIMIT ${rows}`)
	);
	return found.map((row) => ({
		customerId: String(row.customer_id),
		firstName: text(row.first_name),
		lastName: text(row.last_name),
		email: text(row.email),
		phone: text(row.phone),
		city: text(row.city),
		recordCount: Number(row.record_count),
		sourceCount: Number(row.source_count)
	}));
}
