// Value detection on both engines: tables of values that must (or must not) count as each
// shape, the sample and its budget, and hostile cells and headers (SQL, HTML, formulas,
// emoji, a 1 MB cell) that must neither break the query nor touch the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import {
	CELL_BUDGET,
	profileValues,
	sampleRowsFor,
	type ColumnValues
} from '../../src/lib/core/roles/value-detect';
import type { ValueShape } from '../../src/lib/core/roles/value-shapes';
import { scalarOf } from '../../src/lib/core/sql/rows';
import { ident, join, lit, sql } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

type Case = [
	name: string,
	values: (string | null)[],
	expected: Partial<Record<ValueShape, number>>
];

// prettier-ignore
const CASES: Case[] = [
	['emails', ['a@b.fr', ' X.Y@Gmail.com ', 'marie.dupont+promo@gmail.com', 'jean_pierre@orange.fr', 'MARIE@ORANGE.FR'], { email: 1, phone: 0, date: 0 }],
	['not emails', ['a@b', '@b.fr', 'a b@c.fr', 'a@@b.fr', 'mailto:', 'x@y.1'], { email: 0 }],
	['french phones', ['+33 6 12 34 56 78', '06 12 34 56 78', '0033612345678', '06.12.34.56.78', '0612345678', '+33612345678', '01 42 60 11 20', '07-12-34-56-78'], { phone: 1, mobile: 7 / 8, email: 0 }],
	['international phones', ['+49 30 1234567', '+44 20 7946 0958', '+34 912 345 678', '(+33) 1 42 60 11 20'], { phone: 1 }],
	['not phones', ['19970101', '75001', '12.50', '0000000000', 'abc', '0001', '1234567'], { phone: 0, mobile: 0 }],
	['dates', ['2023-12-25', '25/12/2023', '12/31/2023', '19970101', '2023-12-25 10:11:12', '2023-12-25T10:11:12Z', '2023-12-25T10:11:12.123+01:00', '25.12.2023', '31/12/2023 10:11', '01/02/23', '2023/12/25'], { date: 1, decimal: 0, phone: 0 }],
	['dates with times', ['2023-12-25 10:11:12', '12/31/2023 10:11', '2023-12-25T10:11Z', '2023-12-25'], { date: 1, dateTime: 0.75 }],
	['not dates', ['2023-13-45', '32/01/2023', '19971301', '12345678', '2023', 'yesterday', '10:35', '6988048'], { date: 0 }],
	['amounts', ['12,50', '12.50', '1 234,56', '€4.00', '29.33', '-3.5', '1,234.56', '10,00 €', '$ 5.99'], { decimal: 1, date: 0, phone: 0 }],
	['whole numbers', ['1', '2', '3', '12', '40', '999'], { integer: 1, smallInteger: 1, leadingZero: 0, decimal: 0 }],
	['zero-padded ids', ['00004', '00021', '00110'], { integer: 1, leadingZero: 1, smallInteger: 0, code: 1 }],
	['postcodes', ['75001', '06000', '6000', '10115', '28013', 'SW1A 1AA', '12345-6789', '1012 AB'], { postcode: 1 }],
	['house numbers', ['6', '69', '12b', '12 bis', '148'], { houseNumber: 1 }],
	['yes/no', ['yes', 'No', 'OUI', 'non', 'true', 'FALSE', '0', '1', 'Ja', 'nein', 'sí', 'Vrai'], { boolean: 1, gender: 0 }],
	['genders and titles', ['M', 'F', 'Mme', 'Mr', 'Herr', 'Frau', 'M.', 'Mlle', 'Mme.', 'Sra', 'Madame', 'male'], { gender: 1 }],
	['names', ['Marie', 'DUPONT', 'Jean-Pierre', "O'Brien", 'Hélène', 'Le Gall', 'Ðorđe', 'Müller'], { nameLike: 1, multiWord: 1 / 8, code: 0 }],
	['codes', ['CLI0000123', 'rec-223-org', 'WEB01000001', 'S000000123', 'abc'], { code: 0.8 }],
	['blanks and NULLs', ['', '   ', null, '\t', 'x'], { nameLike: 1 }]
];

async function createTextTable(
	db: Db,
	table: string,
	columns: [string, (string | null)[]][]
): Promise<void> {
	const rows = Math.max(...columns.map(([, values]) => values.length));
	const definitions = columns.map(([name]) => sql`${ident(name)} VARCHAR`);
	await db.exec(sql`CREATE TABLE ${ident(table)} (${join(definitions)})`);
	const tuples = Array.from(
		{ length: rows },
		(_, r) => sql`(${join(columns.map(([, values]) => lit(values[r] ?? null)))})`
	);
	await db.exec(sql`INSERT INTO ${ident(table)} VALUES ${join(tuples)}`);
}

function byName(profiles: ColumnValues[], name: string) {
	const found = profiles.find((p) => p.column === name);
	if (!found) throw new Error(`no profile for ${name}`);
	return found.profile;
}

describe('sample size', () => {
	it.each([
		[1, 5000],
		[11, 5000],
		[200, 5000],
		[1000, 1000],
		[10_000, 100],
		[100_000, 50]
	])('%i columns -> %i rows', (columns, rows) => {
		expect(sampleRowsFor(columns)).toBe(rows);
		expect(columns * sampleRowsFor(columns)).toBeLessThanOrEqual(
			Math.max(CELL_BUDGET, columns * 50)
		);
	});
});

describe.each(engines)('value detection on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	let profiles: ColumnValues[];
	beforeAll(async () => {
		db = await engine.open();
		await createTextTable(
			db,
			'shapes',
			CASES.map(([name, values]) => [name, values])
		);
		profiles = await profileValues(db, 'shapes');
	});
	afterAll(() => db.close());

	it.each(CASES)('%s', (name, values, expected) => {
		const profile = byName(profiles, name);
		const filled = values.filter((v) => v !== null && v.trim() !== '').length;
		expect(profile.filled).toBe(filled);
		for (const [shape, share] of Object.entries(expected)) {
			expect([shape, profile.shares[shape as ValueShape]]).toEqual([
				shape,
				expect.closeTo(share, 5)
			]);
		}
	});

	it('counts rows, distinct values, lengths and the median year', () => {
		const dates = byName(profiles, 'dates');
		expect(dates.rows).toBe(Math.max(...CASES.map(([, v]) => v.length)));
		expect(dates.distinct).toBe(11);
		expect(dates.distinctRatio).toBe(1);
		expect(dates.medianYear).toBe(2023);
		const ids = byName(profiles, 'zero-padded ids');
		expect([ids.minLength, ids.maxLength]).toEqual([5, 5]);
		expect(byName(profiles, 'emails').medianYear).toBeNull();
	});

	it('samples only the first rows and profiles an empty column as empty', async () => {
		await db.exec(
			sql`CREATE TABLE big AS SELECT range::VARCHAR AS n, NULL::VARCHAR AS nothing FROM range(20000)`
		);
		const [n, nothing] = await profileValues(db, 'big', { sampleRows: 300 });
		expect(n?.profile).toMatchObject({ rows: 300, filled: 300, distinct: 300 });
		expect(nothing?.profile).toMatchObject({ rows: 300, filled: 0, distinct: 0, medianYear: null });
		expect(await profileValues(db, 'big', { columns: [] })).toEqual([]);
	});

	it('profiles typed columns as text', async () => {
		await db.exec(
			sql`CREATE TABLE typed AS SELECT DATE '2024-01-01' + range::INTEGER AS d, range * 1.5 + 0.25 AS x FROM range(20)`
		);
		const [d, x] = await profileValues(db, 'typed');
		expect(d?.profile.shares.date).toBe(1);
		expect(x?.profile.shares.decimal).toBe(1);
	});

	it('survives hostile cells and headers without touching the database', async () => {
		const megabyte = 'x'.repeat(1_000_000);
		const hostile: [string, (string | null)[]][] = [
			["'; DROP TABLE shapes; --", ["Robert'); DROP TABLE shapes;--", "'; DELETE FROM shapes; --"]],
			['a"b', ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>']],
			['select', ['=HYPERLINK("http://x","y")', '@SUM(A1)', '+1+1', '-2+3']],
			['🎉 émoji', ['👨‍👩‍👧‍👦', '🎉@🎉.fr', '\u202Eevil']],
			['c0', [megabyte, 'a@b.fr']],
			['sample', ['\\1', '.*', '(?i)', '%s %d', '\\']]
		];
		await createTextTable(db, 'hostile "table"', hostile);
		const before = scalarOf(await db.query(sql`SELECT count(*) FROM shapes`));
		const result = await profileValues(db, 'hostile "table"');
		expect(result.map((r) => r.column)).toEqual(hostile.map(([name]) => name));
		const big = result.find((r) => r.column === 'c0')?.profile;
		expect(big).toMatchObject({ filled: 2, distinct: 2, maxLength: 1_000_000 });
		expect(big?.shares.email).toBe(0.5);
		expect(result.find((r) => r.column === 'a"b')?.profile.shares.email).toBe(0);
		expect(scalarOf(await db.query(sql`SELECT count(*) FROM shapes`))).toBe(before);
	});

	it('handles 1,500 columns in one query', async () => {
		const columns = Array.from(
			{ length: 1500 },
			(_, i) => sql`'v' || (range % ${i + 2})::VARCHAR AS ${ident(`col ${i}`)}`
		);
		await db.exec(sql`CREATE TABLE wide AS SELECT ${join(columns)} FROM range(100)`);
		const result = await profileValues(db, 'wide');
		expect(result).toHaveLength(1500);
		expect(result[0]?.profile).toMatchObject({ rows: 100, filled: 100, distinct: 2 });
		expect(result[1499]?.profile.distinct).toBe(100);
	});
});
