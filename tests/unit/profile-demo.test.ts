// The profile of the demo retailer's exports on both engines, checked against what the
// generator is known to have written and against its ground truth (cc_demo_record): row
// counts, the CRM's day-first birth dates and their slips, the tills' decimal commas, the web
// analytics' month-first times and logged-in share, ISO times with zones, and e-mail
// failures that are exactly the tickets typed from a phone call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { DEMO_SOURCES, DEMO_TRUTH_TABLES, generateDemo } from '../../src/lib/core/demo';
import { profileTable } from '../../src/lib/core/profile/profile-table';
import type { ColumnProfile, TableProfile } from '../../src/lib/core/profile/types';
import type { RoleId } from '../../src/lib/core/roles/vocabulary';
import { scalarOf } from '../../src/lib/core/sql/rows';
import { ident, sql } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

const ROLES: Record<string, { column: string; role: RoleId }[]> = {
	cc_raw_crm_contacts: [
		{ column: 'E-mail', role: 'email' },
		{ column: 'Téléphone', role: 'phone' },
		{ column: 'Code postal', role: 'postcode' },
		{ column: 'Date de naissance', role: 'birth_date' },
		{ column: 'Optin email', role: 'email_optin' }
	],
	cc_raw_store_receipts: [{ column: 'Montant TTC', role: 'amount' }],
	cc_raw_service_tickets: [{ column: 'contact', role: 'email' }]
};

describe.each(engines)("profiles of the demo's exports on $name DuckDB", (engine) => {
	let db: Db & { close(): void };
	const profiles = new Map<string, TableProfile>();
	const column = (table: string, name: string): ColumnProfile => {
		const found = profiles.get(table)?.columns.find((c) => c.column === name);
		if (!found) throw new Error(`no profile for ${table}.${name}`);
		return found;
	};
	const count = async (statement: ReturnType<typeof sql>) =>
		Number(scalarOf(await db.query(statement)));
	beforeAll(async () => {
		db = await engine.open();
		await generateDemo(db, { persons: 2000 });
		for (const source of DEMO_SOURCES) {
			profiles.set(
				source.table,
				await profileTable(db, source.table, { roles: ROLES[source.table] ?? [] })
			);
		}
	}, 120_000);
	afterAll(() => db.close());

	it.each(DEMO_SOURCES.map((s) => ({ ...s })))('$name: one profile row per raw row', async (s) => {
		const truth = await count(
			sql`SELECT count(*) FROM ${ident(DEMO_TRUTH_TABLES.record)} WHERE source = ${s.table}`
		);
		expect(profiles.get(s.table)?.rows).toBe(truth);
		expect(profiles.get(s.table)?.basis).toEqual({ kind: 'all' });
	});

	it('CRM birth dates: day-first decided from the data; slips and placeholders fail', async () => {
		const birth = column('cc_raw_crm_contacts', 'Date de naissance');
		expect(birth.type).toMatchObject({ kind: 'date', formats: ['%d/%m/%Y'], order: 'day-first' });
		if (birth.type.kind !== 'date') throw new Error('not a date');
		expect(birth.type.orderEvidence.dayFirst).toBeGreaterThan(
			10 * birth.type.orderEvidence.monthFirst
		);
		expect(birth.type.orderEvidence.monthFirst).toBeGreaterThan(0);
		// Failures: the '01/01/1900' placeholder, and true birth dates written month-first with
		// a day above 12 (the true date comes from the ground truth, through the contact id).
		const placeholders = await count(
			sql`SELECT count(*) FROM cc_raw_crm_contacts WHERE "Date de naissance" = '01/01/1900'`
		);
		const slips = await count(sql`SELECT count(*) FROM cc_raw_crm_contacts c
			JOIN ${ident(DEMO_TRUTH_TABLES.record)} r
				ON r.source = 'cc_raw_crm_contacts' AND r.record_key = c."ID Contact"
			JOIN ${ident(DEMO_TRUTH_TABLES.person)} p USING (person_id)
			WHERE c."Date de naissance" = strftime(p.birth_date, '%m/%d/%Y') AND day(p.birth_date) > 12`);
		expect(placeholders).toBeGreaterThan(0);
		expect(birth.roleCheck).toMatchObject({ invalid: placeholders + slips });
		expect(birth.roleCheck?.examples[0]).toEqual({
			value: '01/01/1900',
			count: placeholders,
			truncated: false
		});
		expect(birth.conforming).toBe(birth.filled - slips);
	});

	it('CRM: unique contact ids with one pattern; yes/no opt-ins; placeholder phones fail', async () => {
		const rows = profiles.get('cc_raw_crm_contacts')?.rows ?? 0;
		expect(column('cc_raw_crm_contacts', 'ID Contact')).toMatchObject({
			distinct: rows,
			fillRate: 1,
			patterns: { top: [{ pattern: 'A9999999', count: rows }], distinct: 1 }
		});
		expect(column('cc_raw_crm_contacts', 'Optin email').type).toEqual({ kind: 'boolean' });
		const zeros = await count(
			sql`SELECT count(*) FROM cc_raw_crm_contacts WHERE "Téléphone" = '0000000000'`
		);
		expect(column('cc_raw_crm_contacts', 'Téléphone').roleCheck?.examples[0]).toEqual({
			value: '0000000000',
			count: zeros,
			truncated: false
		});
	});

	it('store receipts: decimal comma amounts', () => {
		const amount = column('cc_raw_store_receipts', 'Montant TTC');
		expect(amount.type).toEqual({ kind: 'decimal', separator: ',' });
		expect(amount.conforming).toBe(amount.rows);
		expect(amount.roleCheck).toMatchObject({ invalid: 0 });
		if (amount.range?.kind !== 'number') throw new Error('not a number range');
		expect(amount.range.min).toBeGreaterThanOrEqual(2.5);
		expect(column('cc_raw_store_receipts', 'Date').type).toMatchObject({ order: 'day-first' });
	});

	it('web sessions: month-first times; the e-mail is filled exactly for logged-in visits', async () => {
		const start = column('cc_raw_web_sessions', 'Session Start');
		expect(start.type).toMatchObject({
			kind: 'timestamp',
			formats: ['%m/%d/%Y %H:%M:%S'],
			order: 'month-first',
			orderEvidence: { dayFirst: 0 }
		});
		expect(start.conforming).toBe(start.rows);
		const linkable = await count(sql`SELECT count(*) FROM ${ident(DEMO_TRUTH_TABLES.record)}
			WHERE source = 'cc_raw_web_sessions' AND linkable`);
		expect(column('cc_raw_web_sessions', 'User Email').filled).toBe(linkable);
	});

	it('ISO dates and times, with zones dropped; account ids as whole numbers', () => {
		expect(column('cc_raw_email_events', 'EVENT_TIME').type).toEqual({
			kind: 'timestamp',
			formats: ['%Y-%m-%dT%H:%M:%S'],
			order: 'year-first',
			orderEvidence: { dayFirst: 0, monthFirst: 0 },
			dropsTimeZone: true
		});
		expect(column('cc_raw_eshop_accounts', 'birth_date').type).toMatchObject({
			kind: 'date',
			formats: ['%Y-%m-%d']
		});
		const rows = profiles.get('cc_raw_eshop_accounts')?.rows ?? 0;
		expect(column('cc_raw_eshop_accounts', 'customer_id')).toMatchObject({
			type: { kind: 'integer', leadingZeros: 0 },
			distinct: rows,
			range: { kind: 'number', min: 10001, max: 10000 + rows }
		});
		expect(column('cc_raw_eshop_accounts', 'newsletter').type).toEqual({ kind: 'boolean' });
	});

	it('service tickets: the e-mail failures are exactly the tickets typed from a call', async () => {
		const calls = await count(
			// A caller without any phone on file leaves the contact empty: nothing to check.
			sql`SELECT count(*) FROM cc_raw_service_tickets WHERE channel = 'phone' AND contact <> ''`
		);
		expect(calls).toBeGreaterThan(0);
		expect(column('cc_raw_service_tickets', 'contact').roleCheck?.invalid).toBe(calls);
	});
});
