// The quality report of the demo retailer on both engines, checked against what the generator
// wrote and its ground truth: every profile record counted, e-mails shared by the CRM and the
// e-shop (recounted here independently), the CRM's placeholders reported as junk and not
// counted as contacts, duplicates, the Venn's consistency and the CRM's creation months.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { DEMO_SOURCES, DEMO_TRUTH_TABLES, generateDemo } from '../../src/lib/core/demo';
import { assessQuality } from '../../src/lib/core/quality/assess';
import type { QualityReport, SourceMapping } from '../../src/lib/core/quality/types';
import type { RoleId } from '../../src/lib/core/roles/vocabulary';
import { scalarOf } from '../../src/lib/core/sql/rows';
import { ident, join, lit, sql, type Sql } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

const ROLES: Record<string, Record<string, RoleId>> = {
	cc_raw_crm_contacts: {
		'ID Contact': 'record_key',
		'E-mail': 'email',
		Téléphone: 'phone',
		Adresse: 'street',
		'Code postal': 'postcode',
		Ville: 'city',
		'Date de naissance': 'birth_date',
		'Date de création': 'created_at',
		'Optin email': 'email_optin'
	},
	cc_raw_eshop_accounts: {
		customer_id: 'record_key',
		email: 'email',
		phone: 'phone',
		birth_date: 'birth_date',
		zip: 'postcode',
		city: 'city',
		created_at: 'created_at',
		newsletter: 'email_optin'
	},
	cc_raw_eshop_orders: { order_date: 'event_time', customer_id: 'record_key' },
	cc_raw_store_receipts: { Date: 'event_time', 'Tél. client': 'phone' },
	cc_raw_web_sessions: { 'User Email': 'email', 'Session Start': 'event_time' },
	cc_raw_service_tickets: { openedAt: 'event_time', contact: 'email' },
	cc_raw_email_events: { EMAIL: 'email', EVENT_TIME: 'event_time' }
};

const MAPPINGS: SourceMapping[] = DEMO_SOURCES.map((source) => ({
	sourceId: source.table.replace('cc_raw_', ''),
	tableName: source.table,
	kind: source.kind,
	columns: Object.entries(ROLES[source.table] ?? {}).map(([column, role]) => ({ column, role }))
}));

describe.each(engines)('quality of the demo on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	let report: QualityReport;
	const count = async (statement: Sql) => Number(scalarOf(await db.query(statement)));
	beforeAll(async () => {
		db = await engine.open();
		await generateDemo(db, { persons: 2000 });
		report = await assessQuality(db, MAPPINGS);
	}, 120_000);
	afterAll(() => db.close());

	it('counts every profile record of the ground truth', async () => {
		expect(report.messages).toEqual([]);
		for (const source of report.contactability.sources) {
			const truth = await count(sql`SELECT count(*) FROM ${ident(DEMO_TRUTH_TABLES.record)}
				WHERE source = ${`cc_raw_${source.sourceId}`}`);
			expect(source.records).toBe(truth);
		}
		expect(report.contactability.sources.map((s) => s.sourceId)).toEqual([
			'crm_contacts',
			'eshop_accounts'
		]);
	});

	it('reports the CRM placeholders as junk and does not count them as contacts', async () => {
		const junk = new Map(report.junk.map((j) => [`${j.kind} ${j.value}`, j]));
		const tests = await count(sql`SELECT count(*) FROM cc_raw_crm_contacts
			WHERE lower(trim("E-mail")) = 'test@test.com'`);
		expect(tests).toBeGreaterThan(0);
		expect(junk.get('email test@test.com')).toEqual({
			kind: 'email',
			value: 'test@test.com',
			records: tests,
			sources: ['crm_contacts'],
			reason: 'placeholder'
		});
		const zeros = await count(
			sql`SELECT count(*) FROM cc_raw_crm_contacts WHERE "Téléphone" = '0000000000'`
		);
		expect(junk.get('phone 0000000000')).toMatchObject({ records: zeros, reason: 'placeholder' });
		for (const placeholder of ['a@a.fr', 'xx@xx.xx', 'aucun@aucun.fr', 'pas.de.mail@nomail.fr']) {
			expect(junk.get(`email ${placeholder}`)?.reason).toBe('placeholder');
		}
		// No placeholder e-mail is counted: the CRM's usable e-mails are the valid ones minus them.
		const validNotJunk = await count(sql`SELECT count(*) FROM cc_raw_crm_contacts
			WHERE regexp_matches(trim("E-mail"), '^[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}$')
				AND lower(trim("E-mail")) NOT IN (${join(report.junk.map((j) => lit(j.value)))})`);
		expect(report.contactability.sources[0]?.email?.count).toBe(validNotJunk);
	});

	it('e-mails shared by the CRM and the e-shop, recounted independently', async () => {
		const email = report.overlaps.find((o) => o.kind === 'email');
		const pair = email?.pairs.find((p) => p.a === 'crm_contacts' && p.b === 'eshop_accounts');
		const junk = join(report.junk.map((j) => lit(j.value)));
		const shared = await count(sql`SELECT count(*) FROM (
			SELECT lower(trim("E-mail")) FROM cc_raw_crm_contacts WHERE "E-mail" LIKE '%@%.%'
			INTERSECT
			SELECT lower(trim(email)) FROM cc_raw_eshop_accounts WHERE email LIKE '%@%.%'
		) t(e) WHERE e NOT IN (${junk})`);
		expect(shared).toBeGreaterThan(0);
		expect(pair?.shared).toBe(shared);
	});

	it('the Venn cells add up to each source and pair', () => {
		for (const overlap of report.overlaps) {
			for (const pair of overlap.pairs) {
				const sum = overlap.venn
					.filter((cell) => cell.sources.includes(pair.a) && cell.sources.includes(pair.b))
					.reduce((total, cell) => total + cell.count, 0);
				expect(pair.shared).toBe(sum);
			}
		}
		const email = report.overlaps.find((o) => o.kind === 'email');
		const inCrm = (email?.venn ?? [])
			.filter((cell) => cell.sources.includes('crm_contacts'))
			.reduce((total, cell) => total + cell.count, 0);
		const crm = report.duplicates.sources.find((s) => s.sourceId === 'crm_contacts');
		expect(inCrm).toBe(crm?.stats.find((s) => s.kind === 'email')?.identifiers);
	});

	it('finds duplicates in the CRM, where people enrolled twice', async () => {
		const crm = report.duplicates.sources.find((s) => s.sourceId === 'crm_contacts');
		const email = crm?.stats.find((s) => s.kind === 'email');
		const enrolledTwice = await count(sql`SELECT count(*) FROM (
			SELECT person_id FROM ${ident(DEMO_TRUTH_TABLES.record)}
			WHERE source = 'cc_raw_crm_contacts' GROUP BY person_id HAVING count(*) > 1)`);
		expect(enrolledTwice).toBeGreaterThan(0);
		expect(email?.sharedIdentifiers).toBeGreaterThan(0);
		expect(email?.rate).toBeGreaterThan(0);
		expect(email?.rate).toBeLessThan(0.5);
	});

	it('validity: placeholder phones and call-centre contacts are the failures', async () => {
		const phone = report.validity.columns.find((c) => c.column === 'Téléphone');
		expect(phone?.examples[0]?.value).toBe('0000000000');
		const calls = await count(sql`SELECT count(*) FROM cc_raw_service_tickets
			WHERE channel = 'phone' AND contact <> ''`);
		expect(report.validity.columns.find((c) => c.column === 'contact')?.invalid).toBe(calls);
	});

	it('freshness: every CRM record dated, by month of creation', async () => {
		const crm = report.freshness.find((f) => f.sourceId === 'crm_contacts');
		const rows = await count(sql`SELECT count(*) FROM cc_raw_crm_contacts`);
		expect(crm).toMatchObject({ column: 'Date de création', dated: rows, undated: 0 });
		expect(crm?.months.reduce((total, m) => total + m.count, 0)).toBe(rows);
		expect(crm?.first && crm.first >= '2023-01-01').toBe(true);
		expect(crm?.last && crm.last <= '2026-06-30').toBe(true);
		expect(report.freshness.map((f) => f.sourceId)).toEqual(['crm_contacts', 'eshop_accounts']);
	});
});
