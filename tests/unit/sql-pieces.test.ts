// SQL pieces: identifiers and values from users' files must come out quoted and escaped, and
// the result must mean, on the real engine, exactly the text that went in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { quoteIdent, quoteLiteral } from '../../src/lib/core/sql/quote';
import { rowsOf, scalarOf } from '../../src/lib/core/sql/rows';
import { ident, join, lit, qualified, sql } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

describe('quoting', () => {
	it.each([
		['email', '"email"'],
		['E-mail "pro"', '"E-mail ""pro"""'],
		['select', '"select"'],
		['Prénom 😀', '"Prénom 😀"'],
		['', '""']
	])('quotes the identifier %j as %s', (name, quoted) => {
		expect(quoteIdent(name)).toBe(quoted);
	});

	it.each([
		[null, 'NULL'],
		[undefined, 'NULL'],
		[true, 'TRUE'],
		[42, '42'],
		[-7, '(-7)'],
		[1.5, '1.5::DOUBLE'],
		[-0.25, '(-0.25::DOUBLE)'],
		[12n, '12'],
		["O'Brien", "'O''Brien'"],
		["'; DROP TABLE x; --", "'''; DROP TABLE x; --'"],
		[new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), "TIMESTAMP '2024-01-02 03:04:05.000'"]
	])('writes the value %s as %s', (value, text) => {
		expect(quoteLiteral(value)).toBe(text);
	});

	it.each([[Number.NaN], [Number.POSITIVE_INFINITY], [new Date(Number.NaN)], ['a\u0000b']])(
		'refuses %j instead of writing something wrong',
		(value) => {
			expect(() => quoteLiteral(value)).toThrow();
		}
	);

	it('refuses a NUL in an identifier', () => {
		expect(() => quoteIdent('a\u0000')).toThrow();
	});

	it('escapes interpolated strings and keeps pieces as SQL', () => {
		const column = 'name"; --';
		const statement = sql`SELECT ${ident(column)} FROM ${qualified('main', 't')} WHERE x = ${"it's"}`;
		expect(statement.text).toBe(`SELECT "name""; --" FROM "main"."t" WHERE x = 'it''s'`);
		expect(join([lit(1), lit('a')]).text).toBe("1, 'a'");
	});
});

describe.each(engines)('SQL pieces on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
	});
	afterAll(() => db.close());

	const hostile = [
		"Robert'); DROP TABLE students;--",
		'=HYPERLINK("http://x","y")',
		'<img src=x onerror=alert(1)>',
		'back\\slash and "quotes"',
		'multi\nline\ttext',
		'émoji 😀 ünïcödé',
		'$1 ? :name'
	];

	it.each(hostile)('round-trips the value %j unchanged', async (value) => {
		expect(scalarOf(await db.query(sql`SELECT ${value} AS v`))).toBe(value);
	});

	it('round-trips numbers and dates unchanged', async () => {
		const [row] = rowsOf(
			await db.query(sql`SELECT ${-7} AS a, ${1.25} AS b, ${-0.5} AS c, ${Number.MAX_SAFE_INTEGER} AS d,
				${new Date(Date.UTC(2024, 0, 2, 3, 4, 5))} AS e`)
		);
		expect(row).toEqual({
			a: -7,
			b: 1.25,
			c: -0.5,
			d: Number.MAX_SAFE_INTEGER,
			e: Date.UTC(2024, 0, 2, 3, 4, 5)
		});
	});

	it('creates and reads columns whose names are hostile', async () => {
		await db.exec(
			sql`CREATE OR REPLACE TABLE ${ident('t "x"')} AS SELECT 1 AS ${ident(hostile[0]!)}, 2 AS ${ident('select')}`
		);
		const rows = rowsOf(await db.query(sql`SELECT * FROM ${ident('t "x"')}`));
		expect(rows).toEqual([{ [hostile[0]!]: 1, select: 2 }]);
	});
});
