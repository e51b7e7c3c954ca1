// The mapped view on both engines: small tables of raw values and the exact typed values the
// view must give for them, by role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { buildMappedView, type MappedSpec } from '../../src/lib/core/mapped';
import { rowsOf, type Row } from '../../src/lib/core/sql/rows';
import { ident, join, sql } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

/** A raw all-VARCHAR table with the given columns and rows. */
async function rawTable(
	db: Db,
	name: string,
	columns: readonly string[],
	rows: readonly (string | null)[][]
): Promise<void> {
	const defs = columns.map((c) => sql`${ident(c)} VARCHAR`);
	await db.exec(sql`CREATE OR REPLACE TABLE ${ident(name)} (${join(defs)})`);
	const values = rows.map((row) => sql`(${join(row.map((v) => sql`${v}`))})`);
	await db.exec(sql`INSERT INTO ${ident(name)} VALUES ${join(values)}`);
}

async function viewRows(db: Db, view: string, columns: readonly string[]): Promise<Row[]> {
	return rowsOf(
		await db.query(sql`SELECT ${join(columns.map((c) => ident(c)))} FROM ${ident(view)}`)
	);
}

async function columnTypes(db: Db, view: string): Promise<Record<string, string>> {
	const rows = rowsOf(
		await db.query(sql`SELECT column_name, data_type FROM duckdb_columns()
			WHERE table_name = ${view}`)
	);
	return Object.fromEntries(rows.map((r) => [String(r.column_name), String(r.data_type)]));
}

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

function spec(tableName: string, kind: MappedSpec['kind'], roles: [string, string][]): MappedSpec {
	return {
		sourceId: `test:${tableName}`,
		tableName,
		kind,
		columns: roles.map(([column, role]) => ({ column, role }))
	};
}

describe.each(engines)('mapped view on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
	});
	afterAll(() => db.close());

	it('reads contacts: e-mails, five French phone spellings, names and their keys', async () => {
		await rawTable(
			db,
			'cc_raw_contacts',
			['id', 'mail', 'tel', 'prénom', 'nom'],
			[
				['A1', '  Marie.Dupont@Example.FR ', '06 12 34 56 78', ' Marie ', "D'Artagnan-Dupont"],
				['A2', 'jean@x.fr', '0612345678', 'Jean  Pierre', 'Éléonore'],
				['A3', '', '+33 6 12 34 56 78', '   ', null],
				['A4', null, '0033612345678', 'zoë', 'Le  Gall,'],
				['A5', 'X@Y.COM', '+33 (0)6 12 34 56 78', 'Ana\tMaría', 'Ruiz'],
				['A6', 'a@b.c', 'pas de tel', 'Bob', 'O’Neil']
			]
		);
		const result = await buildMappedView(
			db,
			spec('cc_raw_contacts', 'profile', [
				['id', 'record_key'],
				['mail', 'email'],
				['tel', 'mobile'],
				['prénom', 'first_name'],
				['nom', 'last_name']
			])
		);
		expect(result.view).toBe('cc_map_contacts');
		expect(result.columns.map((c) => [c.name, c.type])).toEqual([
			['record_id', 'text'],
			['record_key', 'text'],
			['email', 'text'],
			['mobile', 'text'],
			['first_name', 'text'],
			['first_name_key', 'text'],
			['last_name', 'text'],
			['last_name_key', 'text']
		]);
		const rows = await viewRows(db, result.view, [
			'record_id',
			'email',
			'mobile',
			'first_name',
			'first_name_key',
			'last_name',
			'last_name_key'
		]);
		const F = '+33612345678';
		expect(rows.map((r) => Object.values(r))).toEqual([
			[
				'test:cc_raw_contacts:A1',
				'marie.dupont@example.fr',
				F,
				'Marie',
				'marie',
				"D'Artagnan-Dupont",
				'dartagnan dupont'
			],
			[
				'test:cc_raw_contacts:A2',
				'jean@x.fr',
				F,
				'Jean  Pierre',
				'jean pierre',
				'Éléonore',
				'eleonore'
			],
			['test:cc_raw_contacts:A3', null, F, null, null, null, null],
			['test:cc_raw_contacts:A4', null, F, 'zoë', 'zoe', 'Le  Gall,', 'le gall'],
			['test:cc_raw_contacts:A5', 'x@y.com', F, 'Ana\tMaría', 'ana maria', 'Ruiz', 'ruiz'],
			['test:cc_raw_contacts:A6', 'a@b.c', null, 'Bob', 'bob', 'O’Neil', 'oneil']
		]);
	});

	it('numbers rows when the record key repeats, and gives further e-mails and phones _2', async () => {
		await rawTable(
			db,
			'cc_src_twice',
			['key', 'mail 1', 'mail 2', 'fixe', 'portable', 'portable 2'],
			[
				['K', 'a@x.fr', 'B@Y.FR', '01 23 45 67 89', '07.12.34.56.78', '612345678'],
				['K', null, ' c@z.fr', '', '+44 20 7946 0958', 'nope']
			]
		);
		const result = await buildMappedView(
			db,
			spec('cc_src_twice', 'profile', [
				['key', 'record_key'],
				['mail 1', 'email'],
				['mail 2', 'email'],
				['fixe', 'phone'],
				['portable', 'mobile'],
				['portable 2', 'mobile']
			])
		);
		expect(result.view).toBe('cc_map_twice');
		expect(result.notes.some((n) => n.includes('numbered by row'))).toBe(true);
		const rows = await viewRows(db, result.view, [
			'record_id',
			'email',
			'email_2',
			'phone',
			'mobile',
			'mobile_2'
		]);
		expect(rows.map((r) => Object.values(r))).toEqual([
			['test:cc_src_twice:#1', 'a@x.fr', 'b@y.fr', '+33123456789', '+33712345678', '+33612345678'],
			['test:cc_src_twice:#2', null, 'c@z.fr', null, '+442079460958', null]
		]);
	});

	const dateCases: {
		name: string;
		values: string[];
		order?: 'day-first' | 'month-first';
		expected: (number | null)[];
		type: string;
		note: string;
	}[] = [
		{
			name: 'day-first dates',
			values: ['25/12/1980', '03/04/1975', '1/2/2001', 'not a date', ''],
			expected: [day('1980-12-25'), day('1975-04-03'), day('2001-02-01'), null, null],
			type: 'DATE',
			note: 'Birth date: dates read day-first (1 values decide it).'
		},
		{
			name: 'month-first dates',
			values: ['12/25/1980', '03/04/1975', '12/31/1999', '31/12/1999'],
			expected: [day('1980-12-25'), day('1975-03-04'), day('1999-12-31'), null],
			type: 'DATE',
			note: 'Birth date: dates read month-first (2 values decide it).'
		},
		{
			name: 'an order chosen by hand',
			values: ['03/04/1975', '05/06/1990'],
			order: 'month-first',
			expected: [day('1975-03-04'), day('1990-05-06')],
			type: 'DATE',
			note: 'Birth date: dates read month-first (chosen by hand).'
		},
		{
			name: 'ISO dates',
			values: ['1980-12-25', '19750403', '2001-02-30'],
			expected: [day('1980-12-25'), day('1975-04-03'), null],
			type: 'DATE',
			note: 'Birth date: dates read year-first.'
		}
	];

	it.each(dateCases)('reads birth dates: $name', async (c) => {
		await rawTable(
			db,
			'cc_raw_births',
			['né le'],
			c.values.map((v) => [v])
		);
		const result = await buildMappedView(
			db,
			spec('cc_raw_births', 'profile', [['né le', 'birth_date']]),
			c.order ? { dateOrder: { 'né le': c.order } } : {}
		);
		expect((await columnTypes(db, result.view)).birth_date).toBe(c.type);
		expect(result.notes).toEqual([c.note]);
		const rows = await viewRows(db, result.view, ['birth_date']);
		expect(rows.map((r) => r.birth_date)).toEqual(c.expected);
	});

	it('reads events: ISO timestamps, decimal comma amounts, quantities', async () => {
		await rawTable(
			db,
			'cc_raw_orders',
			['when', 'total €', 'qty', 'customer'],
			[
				['2024-03-01T10:11:12Z', '12,50', '2', 'C1'],
				['2024-03-02 08:00:00', '1 234,05', '1', 'C2'],
				['2024-03-03T23:59:59+01:00', '-3,5', 'deux', 'C1'],
				['garbage', '7', '', 'C3']
			]
		);
		const result = await buildMappedView(
			db,
			spec('cc_raw_orders', 'event', [
				['when', 'event_time'],
				['total €', 'amount'],
				['qty', 'quantity'],
				['customer', 'record_key']
			])
		);
		const types = await columnTypes(db, result.view);
		expect([types.event_time, types.amount, types.quantity]).toEqual([
			'TIMESTAMP',
			'DOUBLE',
			'DOUBLE'
		]);
		const rows = await viewRows(db, result.view, [
			'event_time',
			'amount',
			'quantity',
			'record_key'
		]);
		expect(rows).toEqual([
			{
				event_time: Date.parse('2024-03-01T10:11:12Z'),
				amount: 12.5,
				quantity: 2,
				record_key: 'C1'
			},
			{
				event_time: Date.parse('2024-03-02T08:00:00Z'),
				amount: 1234.05,
				quantity: 1,
				record_key: 'C2'
			},
			{
				event_time: Date.parse('2024-03-03T23:59:59Z'),
				amount: -3.5,
				quantity: null,
				record_key: 'C1'
			},
			{ event_time: null, amount: 7, quantity: null, record_key: 'C3' }
		]);
	});

	it('reads amounts with the decimal separator chosen by hand, and says what the data say', async () => {
		const totals = ['1.234,5', '2.500', '1.250', ''];
		await rawTable(
			db,
			'cc_raw_totals',
			['total', 'constructor'],
			totals.map((t) => [t, t])
		);
		const totalSpec = spec('cc_raw_totals', 'event', [
			['total', 'amount'],
			['constructor', 'quantity']
		]);
		const detected = await buildMappedView(db, totalSpec);
		expect(await viewRows(db, detected.view, ['amount', 'quantity'])).toEqual([
			{ amount: 1234.5, quantity: 1234.5 },
			{ amount: 2.5, quantity: 2.5 },
			{ amount: 1.25, quantity: 1.25 },
			{ amount: null, quantity: null }
		]);
		expect(detected.notes).toEqual([
			'Amount: numbers read with a decimal point (2 values decide it).',
			'Quantity: numbers read with a decimal point (2 values decide it).'
		]);
		// A column named like an Object property finds no choice it was not given.
		const chosen = await buildMappedView(db, totalSpec, { decimalSeparator: { total: ',' } });
		expect(await viewRows(db, chosen.view, ['amount', 'quantity'])).toEqual([
			{ amount: 1234.5, quantity: 1234.5 },
			{ amount: 2500, quantity: 2.5 },
			{ amount: 1250, quantity: 1.25 },
			{ amount: null, quantity: null }
		]);
		expect(chosen.readings).toEqual([
			{
				column: 'total',
				kind: 'number',
				detected: '.',
				reason: '2 values have a decimal point, 1 a decimal comma',
				chosen: ','
			},
			{
				column: 'constructor',
				kind: 'number',
				detected: '.',
				reason: '2 values have a decimal point, 1 a decimal comma',
				chosen: null
			}
		]);
	});

	it('reads opt-ins as yes/no and leaves custom and ignored columns out', async () => {
		const words = ['oui', 'Yes', '1', 'TRUE', 'y', 'O.', 'non', 'no', '0', 'false', '', null];
		await rawTable(
			db,
			'cc_raw_consent',
			['optin', 'extra', 'junk'],
			words.map((w) => [w, 'x', 'y'])
		);
		const result = await buildMappedView(
			db,
			spec('cc_raw_consent', 'profile', [
				['optin', 'email_optin'],
				['extra', 'custom'],
				['junk', 'ignore']
			])
		);
		expect(result.columns.map((c) => c.name)).toEqual(['record_id', 'email_optin']);
		const rows = await viewRows(db, result.view, ['email_optin']);
		expect(rows.map((r) => r.email_optin)).toEqual([
			true,
			true,
			true,
			true,
			true,
			true,
			false,
			false,
			false,
			false,
			null,
			null
		]);
	});

	it('keeps hostile values as text and hostile column names out of the SQL', async () => {
		const nasty = [
			`'); DROP TABLE cc_raw_hostile; --`,
			'"quoted" \\ back',
			'🙂 émoji',
			'x'.repeat(5000)
		];
		const columns = ['a "quoted" col', "it's 😀", 's', 'p'];
		await rawTable(
			db,
			'cc_raw_hostile',
			columns,
			nasty.map((v) => [v, v, v, v])
		);
		const result = await buildMappedView(
			db,
			spec('cc_raw_hostile', 'profile', [
				['a "quoted" col', 'city'],
				["it's 😀", 'phone'],
				['s', 'email'],
				['p', 'birth_date'],
				['missing', 'street'],
				['a "quoted" col', 'strange_role']
			])
		);
		expect(result.notes).toContain(
			"Column 'missing' is not in the source any more, so it is left out."
		);
		const rows = await viewRows(db, result.view, ['city', 'phone', 'email', 'birth_date']);
		expect(rows.map((r) => r.city)).toEqual(nasty);
		expect(rows.map((r) => r.phone)).toEqual([null, null, null, null]);
		expect(rows.map((r) => r.email)).toEqual(nasty.map((v) => v.toLowerCase()));
		expect(rows.map((r) => r.birth_date)).toEqual([null, null, null, null]);
	});
});
