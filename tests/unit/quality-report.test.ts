// The quality report on both engines over three small sources whose every figure was worked
// out by hand: a CRM and a shop (profile sources) and web sessions (events). Contactability,
// validity, duplicates within and between sources, the Venn of shared identifiers, junk and
// freshness; then junk by crowding, and mappings that no longer fit their tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { assessQuality } from '../../src/lib/core/quality/assess';
import type { QualityReport, SourceMapping, VennCell } from '../../src/lib/core/quality/types';
import { ident, join, lit, sql } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

type Rows = (string | null)[][];

// prettier-ignore
const CRM: Rows = [
	['marie@orange.fr', '06 12 34 56 78', '1 rue A', '75001', 'Paris', 'Oui', '15/01/2024'],
	[' MARIE@orange.fr', '0612345678', '2 rue B', '6000', 'Nice', 'non', '20/01/2024'],
	['paul@free.fr', '+33 7 11 22 33 44', '', '13008', 'Marseille', '1', '03/02/2024'],
	['test@test.com', '0000000000', '4 rue D', 'XYZ', 'Lyon', 'yes', '29/02/2024'],
	['not-an-email', '01 42 60 11 20', '5 rue E', '69001', null, 'N', '31/02/2024'],
	[null, '01 42 60 11 20', '6 rue F', '69002', 'Lyon', null, null],
	['luc@gmail.com', null, '7 rue G', '33000', 'Bordeaux', 'Y', '10/03/2024'],
	['anne@sfr.fr', '611223344', null, null, null, 'true', '13/03/2024']
];
const CRM_COLUMNS = ['Email', 'Tel', 'Rue', 'CP', 'Ville', 'Optin', 'Créé le'];

// prettier-ignore
const SHOP: Rows = [
	['paul@free.fr', '07 11 22 33 44', 'true', '2024-03-01 10:00:00'],
	['zoe@laposte.net', '+33611223344', 'false', '2024-03-15 12:30:00'],
	['zoe@laposte.net', null, 'false', '2024-04-02 08:00:00'],
	['a@a.fr', '0033 6 99 88 77 66', 'true', '2024-04-20 09:00:00'],
	['MARIE@ORANGE.FR ', '699887766', 'true', 'not a date']
];
const SHOP_COLUMNS = ['email', 'mobile', 'newsletter', 'created_at'];

// prettier-ignore
const WEB: Rows = [
	['paul@free.fr', '03/15/2024 10:00:00'],
	['PAUL@free.fr', '03/16/2024 11:00:00'],
	['zoe@laposte.net', '04/01/2024 09:00:00'],
	['lea@nowhere.org', '04/02/2024 10:30:00'],
	[null, '05/20/2024 08:00:00'],
	['test@test.com', '13/45/2024 10:00:00']
];
const WEB_COLUMNS = ['User Email', 'Session Start'];

const MAPPINGS: SourceMapping[] = [
	{
		sourceId: 'crm',
		tableName: 'crm',
		kind: 'profile',
		columns: [
			{ column: 'Email', role: 'email' },
			{ column: 'Tel', role: 'phone' },
			{ column: 'Rue', role: 'street' },
			{ column: 'CP', role: 'postcode' },
			{ column: 'Ville', role: 'city' },
			{ column: 'Optin', role: 'email_optin' },
			{ column: 'Créé le', role: 'created_at' }
		]
	},
	{
		sourceId: 'shop',
		tableName: 'shop',
		kind: 'profile',
		columns: [
			{ column: 'email', role: 'email' },
			{ column: 'mobile', role: 'mobile' },
			{ column: 'newsletter', role: 'email_optin' },
			{ column: 'created_at', role: 'created_at' },
			{ column: 'Fax', role: 'phone' }
		]
	},
	{
		sourceId: 'web',
		tableName: 'web',
		kind: 'event',
		columns: [
			{ column: 'User Email', role: 'email' },
			{ column: 'Session Start', role: 'event_time' }
		]
	},
	{ sourceId: 'gone', tableName: 'no_such_table', kind: 'event', columns: [] }
];

async function createTable(db: Db, table: string, columns: string[], rows: Rows): Promise<void> {
	await db.exec(
		sql`CREATE TABLE ${ident(table)} (${join(columns.map((c) => sql`${ident(c)} VARCHAR`))})`
	);
	const tuples = rows.map((row) => sql`(${join(row.map((value) => lit(value)))})`);
	await db.exec(sql`INSERT INTO ${ident(table)} VALUES ${join(tuples)}`);
}

const share = (count: number, records: number) => ({ count, share: count / records });
const sortedCells = (cells: VennCell[]) =>
	[...cells].sort((a, b) => a.sources.join().localeCompare(b.sources.join()));

describe.each(engines)('quality report on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	let report: QualityReport;
	beforeAll(async () => {
		db = await engine.open();
		await createTable(db, 'crm', CRM_COLUMNS, CRM);
		await createTable(db, 'shop', SHOP_COLUMNS, SHOP);
		await createTable(db, 'web', WEB_COLUMNS, WEB);
		report = await assessQuality(db, MAPPINGS);
	});
	afterAll(() => db.close());

	it('says which sources and columns it had to leave out', () => {
		expect(report.messages).toEqual([
			{
				sourceId: 'shop',
				message: "Column 'Fax' is mapped but the source no longer has it: it was left out."
			},
			{
				sourceId: 'gone',
				message: "The table of source 'gone' cannot be read: it was left out."
			}
		]);
	});

	it('contactability per profile source: junk and invalid contacts do not count', () => {
		expect(report.contactability.sources).toEqual([
			{
				sourceId: 'crm',
				records: 8,
				email: share(5, 8),
				phone: share(6, 8),
				address: share(4, 8),
				reachable: share(7, 8),
				emailConsent: share(5, 8),
				smsConsent: null,
				anyConsent: share(5, 8),
				emailWithConsent: share(4, 8)
			},
			{
				sourceId: 'shop',
				records: 5,
				email: share(4, 5),
				phone: share(4, 5),
				address: null,
				reachable: share(5, 5),
				emailConsent: share(3, 5),
				smsConsent: null,
				anyConsent: share(3, 5),
				emailWithConsent: share(2, 5)
			}
		]);
	});

	it('contactability over all profile records', () => {
		expect(report.contactability.overall).toEqual({
			records: 13,
			email: share(9, 13),
			phone: share(10, 13),
			address: share(4, 13),
			reachable: share(12, 13),
			emailConsent: share(8, 13),
			smsConsent: null,
			anyConsent: share(8, 13),
			emailWithConsent: share(6, 13)
		});
	});

	it('validity per column, with the failing values', () => {
		const figures = report.validity.columns.map((c) => [
			c.sourceId,
			c.column,
			c.topic,
			c.checked,
			c.invalid,
			c.examples.map((e) => e.value)
		]);
		expect(figures).toEqual([
			['crm', 'Email', 'email', 7, 1, ['not-an-email']],
			['crm', 'Tel', 'phone', 7, 1, ['0000000000']],
			['crm', 'CP', 'postcode', 7, 1, ['XYZ']],
			['crm', 'Créé le', 'date', 7, 1, ['31/02/2024']],
			['shop', 'email', 'email', 5, 0, []],
			['shop', 'mobile', 'phone', 4, 0, []],
			['shop', 'created_at', 'date', 5, 1, ['not a date']],
			['web', 'User Email', 'email', 5, 0, []],
			['web', 'Session Start', 'date', 6, 1, ['13/45/2024 10:00:00']]
		]);
		expect(report.validity.overall.map((t) => [t.topic, t.checked, t.invalid])).toEqual([
			['email', 17, 1],
			['phone', 11, 1],
			['date', 18, 3],
			['postcode', 7, 1]
		]);
		expect(report.validity.overall[2]?.examples.map((e) => [e.sourceId, e.value])).toEqual([
			['crm', '31/02/2024'],
			['shop', 'not a date'],
			['web', '13/45/2024 10:00:00']
		]);
	});

	it('duplicates within each profile source and over all of them', () => {
		const stats = (records: number, identifiers: number, shared: number, sharing: number) => ({
			records,
			identifiers,
			sharedIdentifiers: shared,
			recordsSharing: sharing,
			rate: sharing / records
		});
		expect(report.duplicates.sources).toEqual([
			{
				sourceId: 'crm',
				stats: [
					{ kind: 'email', ...stats(5, 4, 1, 2) },
					{ kind: 'phone', ...stats(6, 4, 2, 4) }
				]
			},
			{
				sourceId: 'shop',
				stats: [
					{ kind: 'email', ...stats(4, 3, 1, 2) },
					{ kind: 'phone', ...stats(4, 3, 1, 2) }
				]
			}
		]);
		expect(report.duplicates.overall).toEqual([
			{ kind: 'email', ...stats(9, 5, 3, 7) },
			{ kind: 'phone', ...stats(10, 5, 5, 10) }
		]);
	});

	it('which sources share which identifiers, and every pair', () => {
		const [email, phone] = report.overlaps;
		expect(email?.kind).toBe('email');
		expect(sortedCells(email?.venn ?? [])).toEqual(
			sortedCells([
				{ sources: ['crm'], count: 2 },
				{ sources: ['crm', 'shop'], count: 1 },
				{ sources: ['crm', 'shop', 'web'], count: 1 },
				{ sources: ['shop', 'web'], count: 1 },
				{ sources: ['web'], count: 1 }
			])
		);
		expect(email?.pairs).toEqual([
			{ a: 'crm', b: 'shop', shared: 2 },
			{ a: 'crm', b: 'web', shared: 1 },
			{ a: 'shop', b: 'web', shared: 2 }
		]);
		expect(phone?.kind).toBe('phone');
		expect(sortedCells(phone?.venn ?? [])).toEqual(
			sortedCells([
				{ sources: ['crm'], count: 2 },
				{ sources: ['crm', 'shop'], count: 2 },
				{ sources: ['shop'], count: 1 }
			])
		);
		expect(phone?.pairs).toEqual([{ a: 'crm', b: 'shop', shared: 2 }]);
	});

	it('reports placeholders as junk, with where they are', () => {
		expect(report.junk).toEqual([
			{
				kind: 'email',
				value: 'test@test.com',
				records: 2,
				sources: ['crm', 'web'],
				reason: 'placeholder'
			},
			{ kind: 'email', value: 'a@a.fr', records: 1, sources: ['shop'], reason: 'placeholder' },
			{
				kind: 'phone',
				value: '0000000000',
				records: 1,
				sources: ['crm'],
				reason: 'placeholder'
			}
		]);
	});

	it('freshness of profile records by month', () => {
		expect(report.freshness).toEqual([
			{
				sourceId: 'crm',
				column: 'Créé le',
				role: 'created_at',
				months: [
					{ month: '2024-01', count: 2 },
					{ month: '2024-02', count: 2 },
					{ month: '2024-03', count: 2 }
				],
				dated: 6,
				undated: 1,
				first: '2024-01-15',
				last: '2024-03-13'
			},
			{
				sourceId: 'shop',
				column: 'created_at',
				role: 'created_at',
				months: [
					{ month: '2024-03', count: 2 },
					{ month: '2024-04', count: 2 }
				],
				dated: 4,
				undated: 1,
				first: '2024-03-01',
				last: '2024-04-20'
			}
		]);
	});

	it('calls an identifier held by too many records junk, in profiles and in events', async () => {
		await db.exec(sql`CREATE TABLE club AS
			SELECT CASE WHEN range < 12 THEN 'boutique@shop.fr' ELSE 'p' || range || '@mail.fr' END AS email
			FROM range(15);
			CREATE TABLE clicks AS
			SELECT CASE WHEN range < 201 THEN 'fan@mail.fr' ELSE 'p12@mail.fr' END AS email
			FROM range(205)`);
		const crowded = await assessQuality(db, [
			{
				sourceId: 'club',
				tableName: 'club',
				kind: 'profile',
				columns: [{ column: 'email', role: 'email' }]
			},
			{
				sourceId: 'clicks',
				tableName: 'clicks',
				kind: 'event',
				columns: [{ column: 'email', role: 'email' }]
			}
		]);
		expect(crowded.junk).toEqual([
			{ kind: 'email', value: 'fan@mail.fr', records: 201, sources: ['clicks'], reason: 'shared' },
			{ kind: 'email', value: 'boutique@shop.fr', records: 12, sources: ['club'], reason: 'shared' }
		]);
		expect(crowded.contactability.overall.email).toEqual(share(3, 15));
		expect(crowded.overlaps[0]?.pairs).toEqual([{ a: 'club', b: 'clicks', shared: 1 }]);
		const lenient = await assessQuality(
			db,
			[
				{
					sourceId: 'club',
					tableName: 'club',
					kind: 'profile',
					columns: [{ column: 'email', role: 'email' }]
				}
			],
			{ crowdedRecords: 12 }
		);
		expect(lenient.junk).toEqual([]);
	});

	it('reports progress and leaves no scratch table behind', async () => {
		const steps: string[] = [];
		await assessQuality(db, MAPPINGS.slice(0, 1), {
			onProgress: (done, total, label) => steps.push(`${done}/${total} ${label}`)
		});
		expect(steps).toEqual([
			'0/4 Reading the identifiers of crm',
			'1/4 Looking for junk identifiers',
			'2/4 Counting contacts, duplicates and overlaps',
			'3/4 Checking the values of crm',
			'4/4 Quality report ready'
		]);
		const left = await db.query(
			sql`SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'cc_quality%' OR table_name LIKE 'cc_profile%'`
		);
		expect(left.numRows).toBe(0);
	});
});
