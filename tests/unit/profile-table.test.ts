// A whole table profile on both engines, every figure worked out by hand from a ten-row
// customer export: fill, distinct values, top values (ties in text order), patterns, typed
// ranges and the values that fail each column's role. Then the options (columns, progress)
// and the large-table path, forced on the same rows so its figures can be checked too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { profileTable } from '../../src/lib/core/profile/profile-table';
import type { ColumnProfile, TableProfile } from '../../src/lib/core/profile/types';
import type { RoleId } from '../../src/lib/core/roles/vocabulary';
import { ident, join, lit, sql } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

// prettier-ignore
const COLUMNS: [string, (string | null)[]][] = [
	['E-mail', ['a@b.fr', 'A@B.FR', ' a@b.fr ', 'not an email', '', null, 'x@y.com', 'a@b.fr', null, null]],
	['Téléphone', ['06 12 34 56 78', '+33 6 12 34 56 78', '612345678', '0000000000', 'abc', '01 42 60 11 20', null, '+49 30 1234567', null, null]],
	['Code postal', ['75001', '06000', '6000', 'ABC', null, '', '75001', '13008', null, null]],
	['Montant', ['12,50', '3,00', '1 234,56', '0,99', '7', null, '', '12,50', null, null]],
	['Naissance', ['25/12/1980', '01/01/1900', '12/31/1985', '13/01/1990', '05/06/1975', '14/07/1989', '30/04/1970', '21/09/1999', '02/03/2001', '10/10/2010']]
];

const ROLES: { column: string; role: RoleId }[] = [
	{ column: 'E-mail', role: 'email' },
	{ column: 'Téléphone', role: 'phone' },
	{ column: 'Code postal', role: 'postcode' },
	{ column: 'Montant', role: 'amount' },
	{ column: 'Naissance', role: 'birth_date' }
];

const one = (value: string, count = 1) => ({ value, count, truncated: false });

async function createTextTable(db: Db, table: string, columns: [string, (string | null)[]][]) {
	const rows = Math.max(...columns.map(([, values]) => values.length));
	await db.exec(
		sql`CREATE TABLE ${ident(table)} (${join(columns.map(([name]) => sql`${ident(name)} VARCHAR`))})`
	);
	const tuples = Array.from(
		{ length: rows },
		(_, r) => sql`(${join(columns.map(([, values]) => lit(values[r] ?? null)))})`
	);
	await db.exec(sql`INSERT INTO ${ident(table)} VALUES ${join(tuples)}`);
}

describe.each(engines)('table profile on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	let profile: TableProfile;
	const column = (name: string): ColumnProfile => {
		const found = profile.columns.find((c) => c.column === name);
		if (!found) throw new Error(`no profile for ${name}`);
		return found;
	};
	beforeAll(async () => {
		db = await engine.open();
		await createTextTable(db, 'customers', COLUMNS);
		profile = await profileTable(db, 'customers', { roles: ROLES });
	});
	afterAll(() => db.close());

	it('reads every row of a small table, columns in table order', () => {
		expect(profile).toMatchObject({
			table: 'customers',
			rows: 10,
			basis: { kind: 'all' },
			missing: []
		});
		expect(profile.columns.map((c) => c.column)).toEqual(COLUMNS.map(([name]) => name));
	});

	it('e-mail: fill, distinct stored values, ties in text order, patterns, failures', () => {
		expect(column('E-mail')).toEqual({
			column: 'E-mail',
			type: { kind: 'text' },
			conforming: 6,
			conformingShare: 1,
			rows: 10,
			filled: 6,
			fillRate: 0.6,
			distinct: 5,
			distinctMethod: 'exact',
			topValues: [
				one('a@b.fr', 2),
				one(' a@b.fr '),
				one('A@B.FR'),
				one('not an email'),
				one('x@y.com')
			],
			range: { kind: 'text', min: 'A@B.FR', max: 'x@y.com' },
			patterns: {
				top: [
					{ pattern: 'a@a.a', count: 4 },
					{ pattern: 'A@A.A', count: 1 },
					{ pattern: 'a a a', count: 1 }
				],
				distinct: 3,
				estimated: false
			},
			roleCheck: {
				role: 'email',
				rule: 'an e-mail address',
				checked: 6,
				invalid: 1,
				examples: [one('not an email')]
			}
		});
	});

	it('phone: every spelling of a French number passes, placeholders and words fail', () => {
		const phone = column('Téléphone');
		expect(phone).toMatchObject({ filled: 7, distinct: 7, type: { kind: 'text' } });
		expect(phone.topValues.map((v) => v.value)).toEqual([
			'+33 6 12 34 56 78',
			'+49 30 1234567',
			'0000000000',
			'01 42 60 11 20',
			'06 12 34 56 78',
			'612345678',
			'abc'
		]);
		expect(phone.patterns).toEqual({
			top: [
				{ pattern: '99 99 99 99 99', count: 2 },
				{ pattern: '+99 9 99 99 99 99', count: 1 },
				{ pattern: '+99 99 9999999', count: 1 },
				{ pattern: '999999999', count: 1 },
				{ pattern: '9999999999', count: 1 }
			],
			distinct: 6,
			estimated: false
		});
		expect(phone.roleCheck).toEqual({
			role: 'phone',
			rule: 'a phone number',
			checked: 7,
			invalid: 2,
			examples: [one('0000000000'), one('abc')]
		});
	});

	it('postcode: mostly digits is still text, a word fails the postcode shape', () => {
		const postcode = column('Code postal');
		expect(postcode).toMatchObject({
			filled: 6,
			distinct: 5,
			type: { kind: 'text' },
			conforming: 6
		});
		expect(postcode.topValues).toEqual([
			one('75001', 2),
			one('06000'),
			one('13008'),
			one('6000'),
			one('ABC')
		]);
		expect(postcode.roleCheck).toMatchObject({ checked: 6, invalid: 1, examples: [one('ABC')] });
	});

	it('amount: decimal commas with a thousands space, read as numbers', () => {
		expect(column('Montant')).toMatchObject({
			type: { kind: 'decimal', separator: ',' },
			conforming: 6,
			filled: 6,
			distinct: 5,
			range: { kind: 'number', min: 0.99, max: 1234.56 },
			roleCheck: { rule: "an amount written with ','", checked: 6, invalid: 0, examples: [] }
		});
	});

	it('birth date: day-first proved by the data, a slip and a placeholder fail', () => {
		expect(column('Naissance')).toMatchObject({
			type: {
				kind: 'date',
				formats: ['%d/%m/%Y'],
				order: 'day-first',
				orderEvidence: { dayFirst: 5, monthFirst: 1 }
			},
			conforming: 9,
			conformingShare: 0.9,
			filled: 10,
			range: { kind: 'date', min: '1900-01-01', max: '2010-10-10' },
			roleCheck: { checked: 10, invalid: 2, examples: [one('01/01/1900'), one('12/31/1985')] }
		});
	});

	it('profiles chosen columns only, says which are missing, and reports progress', async () => {
		const calls: [number, number, string][] = [];
		const chosen = await profileTable(db, 'customers', {
			columns: ['Montant', 'Nope', 'E-mail'],
			onProgress: (done, total, name) => calls.push([done, total, name])
		});
		expect(chosen.columns.map((c) => c.column)).toEqual(['Montant', 'E-mail']);
		expect(chosen.missing).toEqual(['Nope']);
		expect(calls).toEqual([
			[0, 2, 'Montant'],
			[1, 2, 'E-mail'],
			[2, 2, '']
		]);
		expect(chosen.columns[1]?.roleCheck).toBeNull();
	});

	it('honours the top value and pattern limits', async () => {
		const small = await profileTable(db, 'customers', {
			columns: ['Téléphone'],
			topValues: 2,
			patterns: 1
		});
		expect(small.columns[0]?.topValues).toHaveLength(2);
		expect(small.columns[0]?.patterns.top).toEqual([{ pattern: '99 99 99 99 99', count: 2 }]);
	});

	it('above the exact row limit: whole-table fill, hashed distinct count, sampled values', async () => {
		// A sample of 100 rows out of 10 is every row, so the figures stay checkable.
		const large = await profileTable(db, 'customers', {
			roles: ROLES,
			exactRowLimit: 5,
			sampleRows: 100
		});
		expect(large.basis).toEqual({ kind: 'sample', rows: 10 });
		const email = large.columns.find((c) => c.column === 'E-mail');
		expect(email).toMatchObject({
			rows: 10,
			filled: 6,
			distinct: 5,
			distinctMethod: 'approximate',
			roleCheck: { checked: 6, invalid: 1 }
		});
		const exact = column('E-mail');
		expect(email?.topValues).toEqual(exact.topValues);
		expect(email?.patterns).toEqual(exact.patterns);
	});

	it('estimates the patterns of a high-cardinality column from a sample, scaled to its fill', async () => {
		await db.exec(sql`CREATE TABLE codes AS
			SELECT range AS id, CASE WHEN range % 10 = 0 THEN NULL
				ELSE 'K' || lpad(range::VARCHAR, 6, '0') END AS code
			FROM range(30000)`);
		const codes = await profileTable(db, 'codes');
		const [id, code] = codes.columns;
		expect(id).toMatchObject({
			type: { kind: 'integer', leadingZeros: 0 },
			distinct: 30000,
			range: { kind: 'number', min: 0, max: 29999 },
			patterns: { distinct: 5, estimated: true }
		});
		expect(code).toMatchObject({
			filled: 27000,
			distinct: 27000,
			patterns: { top: [{ pattern: 'A999999', count: 27000 }], distinct: 1, estimated: true }
		});
		expect(code?.topValues[0]).toEqual(one('K000001'));
	});

	it('profiles a table without rows', async () => {
		await db.exec(sql`CREATE TABLE nothing (a VARCHAR, b VARCHAR)`);
		const empty = await profileTable(db, 'nothing', { roles: [{ column: 'a', role: 'email' }] });
		expect(empty.rows).toBe(0);
		expect(empty.columns[0]).toMatchObject({
			type: { kind: 'empty' },
			filled: 0,
			fillRate: 0,
			distinct: 0,
			topValues: [],
			range: null,
			patterns: { top: [], distinct: 0, estimated: false },
			roleCheck: { checked: 0, invalid: 0, examples: [] }
		});
	});
});
