// Phones in E.164 on both engines: the mapped view's phone columns read the phone lookup that
// libphonenumber-js fills with the workspace's default country. Tables of raw writings and the
// number the view must give; NULL for what is no valid number, hostile values included; a
// changed default country reads the lookup again; and the SQL fast path for French writings
// agrees with the library.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { buildMappedView } from '../../src/lib/core/mapped';
import { phoneReader } from '../../src/lib/core/mapped/phone-e164';
import {
	fillPhoneLookup,
	PHONE_LOOKUP_TABLE,
	rereadPhoneLookup
} from '../../src/lib/core/mapped/phone-lookup';
import { placeholderOf } from '../../src/lib/core/quality/identifiers';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { ident, join, sql } from '../../src/lib/core/sql/sql';
import { ensureCatalog, registerSource, saveMapping } from '../../src/lib/core/workspace/catalog';
import { ensureMappedViews, refreshMappedView } from '../../src/lib/core/workspace/mapped-views';
import { engines } from '../support/engines';

const lookup = ident(PHONE_LOOKUP_TABLE);

let tables = 0;

/** A raw table `cc_raw_phonesN` with one column `tel` holding `values`, one per row. */
async function rawPhones(db: Db, values: readonly (string | null)[]): Promise<string> {
	tables += 1;
	const name = `cc_raw_phones${tables}`;
	await db.exec(sql`CREATE TABLE ${ident(name)} (id INTEGER, tel VARCHAR)`);
	const rows = values.map((v, i) => sql`(${i}, ${v})`);
	await db.exec(sql`INSERT INTO ${ident(name)} VALUES ${join(rows)}`);
	return name;
}

async function viewPhones(db: Db, view: string): Promise<(string | null)[]> {
	return rowsOf(await db.query(sql`SELECT mobile FROM ${ident(view)}`)).map(
		(row) => row.mobile as string | null
	);
}

/** The phones the mapped view gives for `values` read with `country` as the default. */
async function phonesOf(
	db: Db,
	values: readonly (string | null)[],
	country: string
): Promise<(string | null)[]> {
	const tableName = await rawPhones(db, values);
	const view = await buildMappedView(
		db,
		{
			sourceId: `test:${tableName}`,
			tableName,
			kind: 'profile',
			columns: [
				{ column: 'id', role: 'record_key' },
				{ column: 'tel', role: 'mobile' }
			]
		},
		{ phoneCountry: country }
	);
	return viewPhones(db, view.view);
}

const F = '+33612345678';

const FRENCH: [string, string | null][] = [
	['06 12 34 56 78', F],
	['0612345678', F],
	['06.12.34.56.78', F],
	['06-12-34-56-78', F],
	['06/12/34/56/78', F],
	['(06) 12 34 56 78', F],
	['+33 6 12 34 56 78', F],
	['+33612345678', F],
	['+33 (0)6 12 34 56 78', F],
	['+33-6-12-34-56-78', F],
	['0033612345678', F],
	['0033 6 12 34 56 78', F],
	['00 33 6 12 34 56 78', F],
	['33612345678', F],
	['612345678', F],
	['6 12 34 56 78', F],
	['  06 12 34 56 78\u00a0', F],
	['07 12 34 56 78', '+33712345678'],
	['01 42 60 11 20', '+33142601120'],
	['09 70 12 34 56', '+33970123456'],
	['+262 692 12 34 56', '+262692123456']
];

const ABROAD: [string, string | null][] = [
	['+44 20 7946 0958', '+442079460958'],
	['+44 7911 123456', '+447911123456'],
	['+49 30 1234567', '+49301234567'],
	['+49 (0)30 1234567', '+49301234567'],
	['+1 415 555 2671', '+14155552671'],
	['+1 (415) 555-2671', '+14155552671'],
	['+34 612 34 56 78', '+34612345678'],
	['+39 06 1234 5678', '+390612345678'],
	['+41 44 668 18 00', '+41446681800']
];

/** 00 is the international prefix in France and Germany, not in the United States (011). */
const ABROAD_WITH_00: [string, string | null][] = [
	['0049 30 1234567', '+49301234567'],
	['0041 44 668 18 00', '+41446681800'],
	['00 44 20 7946 0958', '+442079460958']
];

const NOT_A_PHONE: (string | null)[] = [
	null,
	'',
	'   ',
	'0000000000',
	'06 12 34 56 7',
	'06 12 34 56 789',
	'1234',
	'+999 123456789',
	'pas de tel',
	'n/a',
	"'); DROP TABLE cc_phone_e164; --",
	'06 12 34 56 78; DROP TABLE x',
	'<script>alert(1)</script>',
	'<b>06 12 34 56 78</b>',
	'tel 06 12 34 56 78',
	'📞 06 12 34 56 78',
	'0612345678😀',
	'😀',
	'06 12\u001e34 56 78',
	'=HYPERLINK("http://x")',
	'0'.repeat(1_000_000),
	'06 12 34 56 78 '.repeat(70_000)
];

describe.each(engines)('phones in E.164 on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
	});
	afterAll(() => db.close());

	it('reads French numbers in every usual writing, France being the default', async () => {
		expect(
			await phonesOf(
				db,
				FRENCH.map(([raw]) => raw),
				'FR'
			)
		).toEqual(FRENCH.map(([, phone]) => phone));
	});

	it('reads a cell holding several numbers, each in E.164, only when every part is one', async () => {
		const cells: [string, string | null][] = [
			['06 12 34 56 78 ; 07 11 22 33 44', `${F};+33711223344`],
			['06 12 34 56 78, +44 20 7946 0958', `${F};+442079460958`],
			['06 12 34 56 78 / 07 11 22 33 44', `${F};+33711223344`],
			['06 12 34 56 78|06.12.34.56.78', F],
			['06 12 34 56 78 ; pas de fixe', null],
			['06 12 34 56 78;', F],
			['06/12/34/56/78', F]
		];
		expect(
			await phonesOf(
				db,
				cells.map(([raw]) => raw),
				'FR'
			)
		).toEqual(cells.map(([, phone]) => phone));
	});

	it('reads numbers of other countries written with +, whatever the default', async () => {
		for (const country of ['FR', 'DE', 'US']) {
			expect(
				await phonesOf(
					db,
					ABROAD.map(([raw]) => raw),
					country
				)
			).toEqual(ABROAD.map(([, phone]) => phone));
		}
	});

	it('reads 00 as the international prefix where the default country dials it', async () => {
		const raws = ABROAD_WITH_00.map(([raw]) => raw);
		for (const country of ['FR', 'DE']) {
			expect(await phonesOf(db, raws, country)).toEqual(ABROAD_WITH_00.map(([, phone]) => phone));
		}
		expect(await phonesOf(db, raws, 'US')).toEqual(raws.map(() => null));
	});

	it.each([
		{
			country: 'DE',
			cases: [
				['030 1234567', '+49301234567'],
				['030/1234567', '+49301234567'],
				['0171 1234567', '+491711234567'],
				['+33 6 12 34 56 78', F],
				['0033 6 12 34 56 78', F]
			]
		},
		{
			country: 'GB',
			cases: [
				['020 7946 0958', '+442079460958'],
				['07911 123456', '+447911123456'],
				['06 12 34 56 78', null],
				['+33 6 12 34 56 78', F]
			]
		},
		{ country: 'US', cases: [['(415) 555-2671', '+14155552671']] }
	])('reads national numbers as numbers of $country when it is the default', async (c) => {
		expect(
			await phonesOf(
				db,
				c.cases.map(([raw]) => raw ?? null),
				c.country
			)
		).toEqual(c.cases.map(([, phone]) => phone));
	});

	it('gives no phone for invalid, garbage and hostile values, without an error', async () => {
		for (const country of ['FR', 'GB']) {
			expect(await phonesOf(db, NOT_A_PHONE, country)).toEqual(NOT_A_PHONE.map(() => null));
		}
		// Values too long to be a phone never reach the lookup; the lookup is still there.
		const [row] = rowsOf(
			await db.query(sql`SELECT count(*) AS n, max(length(raw)) AS longest FROM ${lookup}`)
		);
		expect(Number(row?.n)).toBeGreaterThan(0);
		expect(Number(row?.longest)).toBeLessThanOrEqual(64);
	});

	it('keeps placeholder numbers that exist, for the junk guard to name', async () => {
		const values = ['06 66 66 66 66', '01 23 45 67 89', '06 12 34 56 78'];
		const tableName = await rawPhones(db, values);
		const { view } = await buildMappedView(
			db,
			{
				sourceId: `test:${tableName}`,
				tableName,
				kind: 'profile',
				columns: [{ column: 'tel', role: 'phone' }]
			},
			{ phoneCountry: 'FR' }
		);
		const rows = rowsOf(
			await db.query(sql`SELECT phone, ${placeholderOf('phone', sql`phone`)} AS placeholder
				FROM ${ident(view)}`)
		);
		expect(rows).toEqual([
			{ phone: '+33666666666', placeholder: true },
			{ phone: '+33123456789', placeholder: true },
			{ phone: F, placeholder: false }
		]);
	});

	it('reads the lookup again when the default country changes, views unchanged', async () => {
		const values = ['030 1234567', '+44 20 7946 0958', '06 12 34 56 78', 'garbage'];
		const tableName = await rawPhones(db, values);
		const spec = {
			sourceId: `test:${tableName}`,
			tableName,
			kind: 'profile' as const,
			columns: [{ column: 'tel', role: 'mobile' }]
		};
		const { view } = await buildMappedView(db, spec, { phoneCountry: 'FR' });
		expect(await viewPhones(db, view)).toEqual(['+33301234567', '+442079460958', F, null]);
		// As the worker does it: in one transaction.
		await db.exec(sql`BEGIN TRANSACTION`);
		expect(await rereadPhoneLookup(db, 'DE')).toBeGreaterThanOrEqual(values.length - 1);
		await db.exec(sql`COMMIT`);
		expect(await viewPhones(db, view)).toEqual([
			'+49301234567',
			'+442079460958',
			'+49612345678',
			null
		]);
		const countries = rowsOf(
			await db.query(sql`SELECT DISTINCT country FROM ${lookup} ORDER BY country`)
		);
		expect(countries).toEqual([{ country: 'DE' }]);
		// Nothing is read twice with the same country.
		expect(await rereadPhoneLookup(db, 'DE')).toBe(0);
		expect(await fillPhoneLookup(db, tableName, ['tel'], 'DE')).toBe(0);
		// Building again with another country reads the source's values again, in one row each.
		await buildMappedView(db, spec, { phoneCountry: 'GB' });
		expect(await viewPhones(db, view)).toEqual([null, '+442079460958', null, null]);
		const [dupes] = rowsOf(
			await db.query(sql`SELECT count(*) - count(DISTINCT raw) AS n FROM ${lookup}`)
		);
		expect(dupes?.n).toBe(0);
		// A re-read that is rolled back leaves the lookup as it was.
		await db.exec(sql`BEGIN TRANSACTION`);
		await rereadPhoneLookup(db, 'FR');
		await db.exec(sql`ROLLBACK`);
		expect(await viewPhones(db, view)).toEqual([null, '+442079460958', null, null]);
		await rereadPhoneLookup(db, 'FR');
		expect(await viewPhones(db, view)).toEqual(['+33301234567', '+442079460958', F, null]);
	});

	it('reads French writings in SQL exactly as libphonenumber-js reads them', async () => {
		// Random national numbers in eight writings each, and the writings above.
		const writings = [
			(d: string) => `0${d}`,
			(d: string) => `0${d[0]} ${d.slice(1, 3)} ${d.slice(3, 5)} ${d.slice(5, 7)} ${d.slice(7)}`,
			(d: string) => `0${d[0]}.${d.slice(1, 3)}.${d.slice(3, 5)}.${d.slice(5, 7)}.${d.slice(7)}`,
			(d: string) => `+33 ${d[0]} ${d.slice(1, 3)} ${d.slice(3, 5)} ${d.slice(5, 7)} ${d.slice(7)}`,
			(d: string) => `+33 (0)${d}`,
			(d: string) => `0033${d}`,
			(d: string) => `33${d}`,
			(d: string) => d
		];
		let seed = 7;
		const next = () => (seed = (seed * 48271) % 2147483647);
		const values = new Set(FRENCH.map(([raw]) => raw.trim()));
		for (let i = 0; i < 300; i++) {
			const national = `${1 + (next() % 9)}${String(next() % 1e8).padStart(8, '0')}`;
			for (const write of writings) values.add(write(national));
		}
		const tableName = await rawPhones(db, [...values]);
		await fillPhoneLookup(db, tableName, ['tel'], 'FR');
		const rows = rowsOf(
			await db.query(sql`SELECT raw, e164, valid FROM ${lookup}
				WHERE raw IN (SELECT tel FROM ${ident(tableName)})`)
		);
		expect(rows.length).toBe(values.size);
		const reader = await phoneReader('FR');
		for (const row of rows) {
			expect({ raw: row.raw, e164: row.e164, valid: row.valid }).toEqual({
				raw: row.raw,
				...reader.read(String(row.raw))
			});
		}
	});

	it('refuses a country it does not know, and takes a code in any case', async () => {
		await expect(phoneReader('XX')).rejects.toThrow("'XX' is not a country");
		const tableName = await rawPhones(db, ['06 12 34 56 78']);
		await expect(fillPhoneLookup(db, tableName, ['tel'], 'France')).rejects.toThrow(
			"'France' is not a country"
		);
		expect((await phoneReader(' de ')).country).toBe('DE');
		expect(await phonesOf(db, ['030 1234567'], 'de')).toEqual(['+49301234567']);
	});

	it('rebuilds, on start, a view that read its phones before the lookup existed', async () => {
		await ensureCatalog(db);
		await db.exec(sql`CREATE TABLE cc_src_callers AS SELECT '0171 1234567' AS tel`);
		await registerSource(db, {
			sourceId: 'file:cc_src_callers',
			name: 'Callers',
			kind: 'profile',
			tableName: 'cc_src_callers',
			fileName: 'callers.csv',
			origin: 'file'
		});
		await saveMapping(db, 'file:cc_src_callers', [{ column: 'tel', role: 'phone' }]);
		const { view } = await refreshMappedView(db, 'file:cc_src_callers', 'DE');
		expect(await ensureMappedViews(db, 'DE')).toEqual([]);
		// The view as an earlier release built it: phones by SQL alone.
		await db.exec(sql`CREATE OR REPLACE VIEW ${ident(view)} AS
			SELECT 'file:cc_src_callers:#1' AS record_id, '01711234567' AS phone`);
		expect(await ensureMappedViews(db, 'DE')).toEqual(['file:cc_src_callers']);
		const [row] = rowsOf(await db.query(sql`SELECT phone FROM ${ident(view)}`));
		expect(row?.phone).toBe('+491711234567');
	});
});
