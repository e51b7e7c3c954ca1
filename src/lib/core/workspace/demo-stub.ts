import type { Db } from '../db';
import { ident, sql } from '../sql/sql';
export const DEMO_SOURCES = [
	{ table: 'cc_raw_a', name: 'A', kind: 'profile' as const, fileName: 'a.csv' },
	{ table: 'cc_raw_b', name: 'B', kind: 'event' as const, fileName: 'b.csv' },
	{ table: 'cc_raw_c', name: 'C', kind: 'event' as const, fileName: 'c.csv' },
	{ table: 'cc_raw_d', name: 'D', kind: 'event' as const, fileName: 'd.csv' },
	{ table: 'cc_raw_e', name: 'E', kind: 'event' as const, fileName: 'e.csv' },
	{ table: 'cc_raw_f', name: 'F', kind: 'event' as const, fileName: 'f.csv' }
];
export async function generateDemo(
	db: Db,
	o: { persons: number },
	p?: (d: number, t: number, l: string) => void
) {
	await db.exec(
		sql`CREATE OR REPLACE TABLE cc_demo_person AS SELECT range AS person_id FROM range(${o.persons})`
	);
	let i = 0;
	for (const s of DEMO_SOURCES) {
		p?.(i++, 6, s.name);
		await db.exec(
			sql`CREATE OR REPLACE TABLE ${ident(s.table)} AS SELECT range AS id, 'x' || range AS name FROM range(${o.persons})`
		);
	}
}
