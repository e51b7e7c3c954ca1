// The golden record on both engines. Three small profile files are imported as a dropped file
// is, and the record → customer table is written by hand, so each survivorship rule is checked
// on records chosen for it and not on what the match model decides. Then the whole pipeline on
// the demo: every customer gets one row, and every value's record belongs to that customer.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { ensureCustomerTable } from '../../src/lib/core/identity/customer-ids';
import {
	buildGoldenRecords,
	GOLDEN_TABLE,
	GOLDEN_VALUE_COLUMNS,
	recordNumberColumnOf
} from '../../src/lib/core/identity/golden';
import { goldenWithRecords, recordColumnOf } from '../../src/lib/core/identity/golden-provenance';
import {
	ADDRESS_COLUMNS,
	DEFAULT_GOLDEN_SETTINGS,
	type GoldenSettings
} from '../../src/lib/core/identity/golden-settings';
import { resolveIdentities } from '../../src/lib/core/identity/resolve';
import { IDENTITY_TABLES } from '../../src/lib/core/identity/tables';
import { rowsOf, scalarOf, type Row } from '../../src/lib/core/sql/rows';
import { ident, join, sql } from '../../src/lib/core/sql/sql';
import { ensureCatalog } from '../../src/lib/core/workspace/catalog';
import { loadDemoWorkspace } from '../../src/lib/core/workspace/demo-workspace';
import { importLocalCsv } from '../../src/lib/core/workspace/local-file';
import { engines } from '../support/engines';

const HOSTILE_NAME = "<Script>alert('x')</Script>";
const HOSTILE_LAST = "Robert'); DROP TABLE cc_customer;--";
const HOSTILE_STREET = '"; DELETE FROM cc_customer_record; --';
const HOSTILE_COMPANY = '<b onmouseover="alert(1)">Évil & Co</b>';

/** Every field quoted, quotes doubled: the file carries the hostile values as they are. */
function csv(rows: readonly (readonly string[])[]): string {
	return rows.map((row) => row.map((v) => `"${v.replaceAll('"', '""')}"`).join(',')).join('\n');
}

const dir = mkdtempSync(joinPath(tmpdir(), 'concord-golden-'));
// The shop is imported first, so catalog order (shop, crm, club) differs from record id order.
const FILES = {
	shop: {
		rows: [
			['id', 'first', 'last', 'mail', 'mobile', 'zip', 'town', 'company', 'news', 'created'],
			[
				'S1',
				'MARIE',
				'DUPONT',
				'marie@new.fr',
				'+33698765432',
				'75002',
				'Paris',
				'Acme SAS',
				'no',
				'2023-06-01'
			],
			[
				'S2',
				'Marion',
				'Dupont',
				'not-an-address; m.dupont@work.fr',
				'',
				'69006',
				'Lyon',
				'',
				'yes',
				'2019-03-02'
			],
			['S3', 'Paul', 'Martin', '', '', '', '', '', '', '2022-01-01'],
			['S4', 'Pierre', 'Martin', '', '', '', '', '', '', '2022-01-01']
		],
		roles: {
			id: 'record_key',
			first: 'first_name',
			last: 'last_name',
			mail: 'email',
			mobile: 'mobile',
			zip: 'postcode',
			town: 'city',
			company: 'company',
			news: 'email_optin',
			created: 'created_at'
		}
	},
	crm: {
		rows: [
			[
				'id',
				'first',
				'last',
				'mail',
				'tel',
				'born',
				'sex',
				'street',
				'no',
				'zip',
				'town',
				'country',
				'company',
				'news',
				'sms',
				'updated'
			],
			[
				'C1',
				'Marie',
				'Dupont',
				'marie@old.fr',
				'+33612345678',
				'1980-05-01',
				'F',
				'Rue de la Paix',
				'12',
				'75002',
				'Paris',
				'FR',
				'Acme',
				'yes',
				'no',
				'2021-01-10'
			],
			['C2', 'Pascal', 'Martin', '', '', '', '', '', '', '', '', '', '', '', '', '2022-01-01'],
			[
				'C3',
				HOSTILE_NAME,
				HOSTILE_LAST,
				'',
				'',
				'',
				'',
				HOSTILE_STREET,
				'',
				'',
				'Paris',
				'',
				HOSTILE_COMPANY,
				'',
				'',
				'2020-02-02'
			]
		],
		roles: {
			id: 'record_key',
			first: 'first_name',
			last: 'last_name',
			mail: 'email',
			tel: 'phone',
			born: 'birth_date',
			sex: 'gender',
			street: 'street',
			no: 'house_number',
			zip: 'postcode',
			town: 'city',
			country: 'country',
			company: 'company',
			news: 'email_optin',
			sms: 'sms_optin',
			updated: 'updated_at'
		}
	},
	club: {
		rows: [
			['id', 'first', 'last', 'born'],
			['L1', 'marie', 'dupont-durand', '1980-05-01'],
			['L2', 'JEAN-PIERRE', "D'ARC", '1975-04-03']
		],
		roles: { id: 'record_key', first: 'first_name', last: 'last_name', born: 'birth_date' }
	}
} as const;

/** Which customer each record is, as a clustering might have decided. */
const MEMBERS: [source: keyof typeof FILES, key: string, customer: string][] = [
	['crm', 'C1', 'K1'],
	['shop', 'S1', 'K1'],
	['shop', 'S2', 'K1'],
	['club', 'L1', 'K1'],
	['shop', 'S3', 'K2'],
	['shop', 'S4', 'K2'],
	['crm', 'C2', 'K2'],
	['club', 'L2', 'K3'],
	['crm', 'C3', 'K4']
];

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

function settingsWith(fields: Partial<GoldenSettings['fields']>): GoldenSettings {
	return {
		...DEFAULT_GOLDEN_SETTINGS,
		fields: { ...DEFAULT_GOLDEN_SETTINGS.fields, ...fields }
	};
}

async function goldenRows(db: Db): Promise<Row[]> {
	return rowsOf(await db.query(sql`SELECT * FROM (${goldenWithRecords()}) ORDER BY customer_id`));
}

describe.each(engines)('golden record on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	const ids: Record<string, string> = {};
	const record = (source: keyof typeof FILES, key: string) => `${ids[source]}:${key}`;

	async function writeMembers(
		order: 'forward' | 'reverse',
		members: readonly (typeof MEMBERS)[number][] = MEMBERS,
		gone: readonly [key: string, customer: string][] = [['X1', 'K5']]
	): Promise<void> {
		const rows = order === 'forward' ? members : [...members].reverse();
		await ensureCustomerTable(db);
		await db.exec(sql`DELETE FROM ${ident(IDENTITY_TABLES.customer)}`);
		const values = rows.map(([s, key, c]) => sql`(${record(s, key)}, ${ids[s] ?? null}, ${c})`);
		// A record in no source any more (K5's only one by default): its customer keeps its row.
		for (const [key, c] of gone) values.push(sql`(${`gone:${key}`}, 'gone', ${c})`);
		await db.exec(sql`INSERT INTO ${ident(IDENTITY_TABLES.customer)} VALUES ${join(values)}`);
	}

	async function golden(settings = DEFAULT_GOLDEN_SETTINGS): Promise<Map<string, Row>> {
		await buildGoldenRecords(db, settings);
		return new Map((await goldenRows(db)).map((row) => [String(row.customer_id), row]));
	}

	beforeAll(async () => {
		db = await engine.open();
		await ensureCatalog(db);
		for (const [name, file] of Object.entries(FILES)) {
			const path = joinPath(dir, `${name}.csv`);
			writeFileSync(path, csv(file.rows));
			const { sourceId } = await importLocalCsv(db, path, { roles: file.roles, kind: 'profile' });
			ids[name] = sourceId;
		}
		await writeMembers('forward');
	});
	afterAll(() => db.close());

	it('chooses every field by its default rule, with the record it came from', async () => {
		const k1 = (await golden()).get('K1');
		expect(k1).toMatchObject({
			// Most frequent ("marie" ×3), then the latest of those: the shop's capitals, title-cased.
			first_name: 'Marie',
			first_name_record: record('shop', 'S1'),
			last_name: 'Dupont',
			last_name_record: record('shop', 'S1'),
			// Latest.
			email: 'marie@new.fr',
			email_record: record('shop', 'S1'),
			phone: '+33698765432',
			phone_record: record('shop', 'S1'),
			// Held by two records; the dated one before the undated.
			birth_date: day('1980-05-01'),
			birth_date_record: record('crm', 'C1'),
			gender: 'F',
			gender_record: record('crm', 'C1'),
			company: 'Acme SAS',
			company_record: record('shop', 'S1'),
			email_optin: false,
			email_optin_record: record('shop', 'S1'),
			sms_optin: false,
			sms_optin_record: record('crm', 'C1'),
			record_count: 4,
			source_count: 3,
			first_seen: day('2019-03-02'),
			last_updated: day('2023-06-01')
		});
	});

	it('takes the address as one block from one record', async () => {
		// By default the most complete address (street, postcode and city) wins over later ones.
		const complete = (await golden()).get('K1');
		expect(complete).toMatchObject({
			street: 'Rue de la Paix',
			house_number: '12',
			postcode: '75002',
			city: 'Paris',
			country: 'FR'
		});
		for (const column of ['street', 'house_number', 'postcode', 'city', 'country']) {
			expect(complete?.[recordColumnOf(column)]).toBe(record('crm', 'C1'));
		}
		// The latest record has no street: the golden address has none either, and its postcode
		// and city are that record's, never mixed with the street of another.
		const latest = (await golden(settingsWith({ address: { rules: ['most_recent'] } }))).get('K1');
		expect(latest).toMatchObject({
			street: null,
			street_record: null,
			house_number: null,
			postcode: '75002',
			postcode_record: record('shop', 'S1'),
			city: 'Paris',
			city_record: record('shop', 'S1'),
			country: null,
			country_record: null
		});
	});

	it('chooses by three rules or more alike (a sort key too long to pack into a number)', async () => {
		const complete = (
			await golden(
				settingsWith({
					address: { rules: ['most_complete', 'most_frequent', 'most_recent', 'source_priority'] }
				})
			)
		).get('K1');
		expect(complete).toMatchObject({ street: 'Rue de la Paix', postcode: '75002' });
		expect(complete?.[recordColumnOf('street')]).toBe(record('crm', 'C1'));
		const latest = (
			await golden(
				settingsWith({ address: { rules: ['most_recent', 'most_frequent', 'most_complete'] } })
			)
		).get('K1');
		expect(latest).toMatchObject({
			street: null,
			postcode: '75002',
			postcode_record: record('shop', 'S1')
		});
	});

	it('applies each rule as configured', async () => {
		const k1 = (
			await golden(
				settingsWith({
					first_name: { rules: ['source_priority'], sources: [ids.club ?? ''] },
					last_name: { rules: ['most_complete'] },
					email: { rules: ['most_complete'] },
					phone: { rules: ['source_priority'], sources: [ids.crm ?? ''] },
					company: { rules: ['source_priority'], sources: [ids.club ?? '', ids.crm ?? ''] },
					// Sources not listed follow in catalog order: the shop (first imported) before the CRM.
					gender: { rules: ['source_priority'], sources: ['unknown-source'] },
					email_optin: { rules: ['most_frequent'] }
				})
			)
		).get('K1');
		expect(k1).toMatchObject({
			first_name: 'Marie',
			first_name_record: record('club', 'L1'),
			last_name: 'Dupont-Durand',
			last_name_record: record('club', 'L1'),
			// The longest; the non-address before it in the same cell is skipped.
			email: 'm.dupont@work.fr',
			email_record: record('shop', 'S2'),
			phone: '+33612345678',
			phone_record: record('crm', 'C1'),
			// The club has no company: the next listed source gives it.
			company: 'Acme',
			company_record: record('crm', 'C1'),
			gender: 'F',
			// "yes" ×2 (C1, S2) over "no" ×1; the tie between them goes to the source first in the
			// catalog (the shop), although the CRM's record id sorts first.
			email_optin: true,
			email_optin_record: record('shop', 'S2')
		});
	});

	it('reads settings saved by an older or newer version, and can keep names as written', async () => {
		const saved = {
			// No address and no gender: saved before those fields existed.
			fields: {
				first_name: { rules: ['most_frequent', 'alphabetical', 'most_recent'] }
			},
			titleCaseNames: false
		} as unknown as GoldenSettings;
		const k1 = (await golden(saved)).get('K1');
		expect(k1).toMatchObject({
			// The unknown rule is skipped; names stay as the record has them.
			first_name: 'MARIE',
			first_name_record: record('shop', 'S1'),
			street: 'Rue de la Paix',
			gender: 'F'
		});
	});

	it('breaks ties the same way on every run, whatever the order of the records', async () => {
		const first = await golden();
		// Three first names once each, all dated 2022-01-01: the shop comes first in the catalog,
		// and of its two records the smaller id.
		expect(first.get('K2')).toMatchObject({
			first_name: 'Paul',
			first_name_record: record('shop', 'S3'),
			last_name: 'Martin'
		});
		await writeMembers('reverse');
		const again = await golden();
		await writeMembers('forward');
		expect([...again.values()]).toEqual([...first.values()]);
	});

	it('leaves a field NULL when no record holds it, and still lists every customer', async () => {
		const rows = await golden();
		expect([...rows.keys()]).toEqual(['K1', 'K2', 'K3', 'K4', 'K5']);
		for (const row of rows.values()) {
			// No source maps these roles.
			for (const column of ['region', 'address_line2']) {
				expect(row[column]).toBeNull();
				expect(row[recordColumnOf(column)]).toBeNull();
			}
		}
		expect(rows.get('K3')).toMatchObject({
			first_name: 'Jean-Pierre',
			last_name: "D'Arc",
			birth_date: day('1975-04-03'),
			email: null,
			email_record: null,
			street: null,
			city: null,
			first_seen: null,
			record_count: 1,
			source_count: 1
		});
		const k5 = rows.get('K5');
		expect(k5?.record_count).toBe(1);
		for (const column of GOLDEN_VALUE_COLUMNS) expect(k5?.[column]).toBeNull();
	});

	it('passes hostile values through untouched', async () => {
		expect((await golden()).get('K4')).toMatchObject({
			first_name: HOSTILE_NAME,
			last_name: HOSTILE_LAST,
			street: HOSTILE_STREET,
			company: HOSTILE_COMPANY,
			city: 'Paris'
		});
		const records = scalarOf(
			await db.query(sql`SELECT count(*) FROM ${ident(IDENTITY_TABLES.customer)}`)
		);
		expect(records).toBe(MEMBERS.length + 1);
	});

	it("gives a one-record customer its record's values, a part it lacks without a record", async () => {
		const k4 = (await golden()).get('K4');
		const c3 = record('crm', 'C3');
		expect(k4).toMatchObject({
			street: HOSTILE_STREET,
			street_record: c3,
			city: 'Paris',
			city_record: c3,
			house_number: null,
			house_number_record: null,
			postcode: null,
			postcode_record: null,
			country: null,
			country_record: null,
			email: null,
			email_record: null,
			company_record: c3,
			record_count: 1,
			source_count: 1,
			// Only an update date: it is both the first seen and the last updated.
			first_seen: day('2020-02-02'),
			last_updated: day('2020-02-02')
		});
	});

	it('lets the next rule choose between two records, and skips records gone', async () => {
		await writeMembers(
			'forward',
			[
				// Two first names once each: a vote cannot choose, the latest record does.
				['shop', 'S2', 'P1'],
				['shop', 'S1', 'P1'],
				// "marie" twice wins over "Paul" once, although Paul's record is the latest.
				['shop', 'S3', 'P2'],
				['club', 'L1', 'P2'],
				['crm', 'C1', 'P2'],
				['crm', 'C2', 'P3']
			],
			[
				['X2', 'P3'],
				['X3', 'P4'],
				['X4', 'P4']
			]
		);
		const rows = await golden();
		await writeMembers('forward');
		expect(rows.get('P1')).toMatchObject({
			first_name: 'Marie',
			first_name_record: record('shop', 'S1'),
			email: 'marie@new.fr',
			record_count: 2,
			source_count: 1,
			first_seen: day('2019-03-02'),
			last_updated: day('2023-06-01')
		});
		expect(rows.get('P2')).toMatchObject({
			first_name: 'Marie',
			first_name_record: record('crm', 'C1'),
			record_count: 3,
			source_count: 3
		});
		expect(rows.get('P3')).toMatchObject({
			first_name: 'Pascal',
			first_name_record: record('crm', 'C2'),
			record_count: 2,
			source_count: 2
		});
		const p4 = rows.get('P4');
		expect(p4).toMatchObject({ record_count: 2, source_count: 1, first_seen: null });
		for (const column of GOLDEN_VALUE_COLUMNS) expect(p4?.[column]).toBeNull();
	});

	it('has the address columns in the table even when no source maps them', async () => {
		await golden();
		const columns = rowsOf(
			await db.query(
				sql`SELECT column_name FROM duckdb_columns() WHERE table_name = ${GOLDEN_TABLE}`
			)
		).map((row) => String(row.column_name));
		for (const column of ADDRESS_COLUMNS) {
			expect(columns).toContain(column);
			expect(columns).toContain(recordNumberColumnOf(column));
		}
	});
});

describe.each(engines)('golden record after resolving the demo ($name)', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
		await loadDemoWorkspace(db, 2000);
		await resolveIdentities(db);
		await buildGoldenRecords(db, DEFAULT_GOLDEN_SETTINGS);
	}, 180_000);
	afterAll(() => db.close());

	it('has one row per customer', async () => {
		const [row] = rowsOf(
			await db.query(sql`SELECT
				(SELECT count(*) FROM ${ident(GOLDEN_TABLE)}) AS golden,
				(SELECT count(DISTINCT customer_id) FROM ${ident(GOLDEN_TABLE)}) AS distinct_golden,
				(SELECT count(DISTINCT customer_id) FROM ${ident(IDENTITY_TABLES.customer)}) AS customers,
				(SELECT count(*) FROM ${ident(GOLDEN_TABLE)} g
					ANTI JOIN ${ident(IDENTITY_TABLES.customer)} m USING (customer_id)) AS strangers`)
		);
		expect(Number(row?.customers)).toBeGreaterThan(1000);
		expect(row?.golden).toBe(row?.customers);
		expect(row?.distinct_golden).toBe(row?.customers);
		expect(row?.strangers).toBe(0);
	});

	it.each(GOLDEN_VALUE_COLUMNS)(
		"takes %s from one of the customer's own records",
		async (column) => {
			const [row] = rowsOf(
				await db.query(sql`SELECT count(*) AS filled,
				count(*) FILTER (WHERE m.customer_id IS DISTINCT FROM g.customer_id) AS foreign_records
				FROM (${goldenWithRecords()}) g LEFT JOIN ${ident(IDENTITY_TABLES.customer)} m
					ON m.record_id = g.${ident(recordColumnOf(column))}
				WHERE g.${ident(column)} IS NOT NULL`)
			);
			expect(row?.foreign_records).toBe(0);
		}
	);

	it('fills the fields the demo sources hold for most customers', async () => {
		const [row] = rowsOf(
			await db.query(sql`SELECT avg((last_name IS NOT NULL)::INTEGER) AS last_name,
				avg((email IS NOT NULL)::INTEGER) AS email, avg((city IS NOT NULL)::INTEGER) AS city
				FROM ${ident(GOLDEN_TABLE)}`)
		);
		expect(Number(row?.last_name)).toBeGreaterThan(0.9);
		expect(Number(row?.email)).toBeGreaterThan(0.5);
		expect(Number(row?.city)).toBeGreaterThan(0.5);
	});
});
