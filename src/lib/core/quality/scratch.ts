// The scratch tables the quality computations share, created once per assessment and always
// dropped: every usable identifier of every record (`ids`), the address and consent flags of
// profile records (`records`), the identifiers found to be junk (`junk`) and the identifiers
// left once junk is removed (`clean`). The tricky point: records are numbered once, in a
// scratch copy, because row_number() OVER () is not guaranteed to number a table the same way
// twice when it is scanned in parallel; ids and flags of a record must share its number.
import type { Db } from '../db';
import { scratchName } from '../profile/value-table';
import { ident, sql, type Sql } from '../sql/sql';

export interface Scratch {
	ids: Sql;
	records: Sql;
	junk: Sql;
	clean: Sql;
}

const NAMES = ['ids', 'records', 'junk', 'clean'] as const;

/** Creates the empty shared tables, runs `work`, and drops them whatever happens. */
export async function withScratch<T>(db: Db, work: (scratch: Scratch) => Promise<T>): Promise<T> {
	const names = Object.fromEntries(
		NAMES.map((name) => [name, ident(scratchName(`cc_quality_${name}`))])
	) as Record<(typeof NAMES)[number], Sql>;
	try {
		await db.exec(sql`CREATE TEMP TABLE ${names.ids} (
				source_no INTEGER, record_no BIGINT, kind VARCHAR, id VARCHAR);
			CREATE TEMP TABLE ${names.records} (
				source_no INTEGER, record_no BIGINT, address BOOLEAN, email_consent BOOLEAN,
				sms_consent BOOLEAN)`);
		return await work(names);
	} finally {
		for (const name of NAMES) await db.exec(sql`DROP TABLE IF EXISTS ${names[name]}`);
	}
}
