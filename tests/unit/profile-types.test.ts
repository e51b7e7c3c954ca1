// Type inference on both engines: each case is a column of text values and the type the
// profile must give it, with the conforming count and the typed range worked out by hand —
// whole numbers, codes with leading zeros, both decimal separators, yes/no words, dates in
// every layout with the day/month order decided from the data, and the threshold's edges.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { profileTable } from '../../src/lib/core/profile/profile-table';
import type { ColumnProfile, ColumnType, ValueRange } from '../../src/lib/core/profile/types';
import { ident, join, lit, sql } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

interface Case {
	name: string;
	values: (string | null)[];
	type: ColumnType;
	conforming: number;
	range: ValueRange | null;
}

const date = (
	formats: string[],
	order: 'day-first' | 'month-first' | 'year-first',
	evidence: [number, number],
	kind: 'date' | 'timestamp' = 'date',
	dropsTimeZone = false
): ColumnType => ({
	kind,
	formats,
	order,
	orderEvidence: { dayFirst: evidence[0], monthFirst: evidence[1] },
	dropsTimeZone
});
const numbers = (min: number, max: number): ValueRange => ({ kind: 'number', min, max });
const dates = (min: string, max: string): ValueRange => ({ kind: 'date', min, max });
const texts = (min: string, max: string): ValueRange => ({ kind: 'text', min, max });

// prettier-ignore
const CASES: Case[] = [
	{ name: 'integers', values: ['1', '22', '-3', '+4', '0'], type: { kind: 'integer', leadingZeros: 0 }, conforming: 5, range: numbers(-3, 22) },
	{ name: 'zero-padded codes', values: ['00123', '04500', '75001', '123'], type: { kind: 'integer', leadingZeros: 2 }, conforming: 4, range: numbers(123, 75001) },
	{ name: 'decimal point', values: ['12.50', '3', '1,234.56', '-0.5', '.25'], type: { kind: 'decimal', separator: '.' }, conforming: 5, range: numbers(-0.5, 1234.56) },
	{ name: 'decimal comma', values: ['12,50', '3', '1 234,56', '1.234,5', '-0,5'], type: { kind: 'decimal', separator: ',' }, conforming: 5, range: numbers(-0.5, 1234.56) },
	{ name: 'yes/no words', values: ['Oui', 'non', 'OUI', 'N', 'yes'], type: { kind: 'boolean' }, conforming: 5, range: texts('N', 'yes') },
	{ name: 'zeros and ones', values: ['0', '1', '1', '0'], type: { kind: 'boolean' }, conforming: 4, range: texts('0', '1') },
	{ name: 'day-first dates', values: ['25/12/2023', '01/02/2023', '13/01/2024', '05/06/2022'], type: date(['%d/%m/%Y'], 'day-first', [2, 0]), conforming: 4, range: dates('2022-06-05', '2024-01-13') },
	{ name: 'month-first dates', values: ['12/25/2023', '02/01/2023', '01/13/2024', '06/05/2022'], type: date(['%m/%d/%Y'], 'month-first', [0, 2]), conforming: 4, range: dates('2022-06-05', '2024-01-13') },
	{ name: 'undecided order', values: ['01/02/2023', '03/04/2023'], type: date(['%d/%m/%Y'], 'day-first', [0, 0]), conforming: 2, range: dates('2023-02-01', '2023-04-03') },
	{ name: 'one month-first slip', values: ['25/12/2023', '13/01/2024', '14/02/2024', '15/03/2024', '16/04/2024', '17/05/2024', '18/06/2024', '19/07/2024', '20/08/2024', '12/31/2023'], type: date(['%d/%m/%Y'], 'day-first', [9, 1]), conforming: 9, range: dates('2023-12-25', '2024-08-20') },
	{ name: 'ISO dates', values: ['2023-12-25', '2024-01-01'], type: date(['%Y-%m-%d'], 'year-first', [0, 0]), conforming: 2, range: dates('2023-12-25', '2024-01-01') },
	{ name: 'ISO times with zones', values: ['2023-12-25T10:11:12Z', '2024-01-01T00:00:00+01:00'], type: date(['%Y-%m-%dT%H:%M:%S'], 'year-first', [0, 0], 'timestamp', true), conforming: 2, range: dates('2023-12-25 10:11:12', '2024-01-01 00:00:00') },
	{ name: 'YYYYMMDD', values: ['19970101', '20231225', '20000229'], type: date(['%Y%m%d'], 'year-first', [0, 0]), conforming: 3, range: dates('1997-01-01', '2023-12-25') },
	{ name: 'eight-digit codes that start like a date', values: ['19970101', '19971301', '19979999', '19970231'], type: { kind: 'integer', leadingZeros: 0 }, conforming: 4, range: numbers(19970101, 19979999) },
	{ name: 'day-first times', values: ['25/12/2023 10:11', '01/02/2023 09:05'], type: date(['%d/%m/%Y %H:%M'], 'day-first', [1, 0], 'timestamp'), conforming: 2, range: dates('2023-02-01 09:05:00', '2023-12-25 10:11:00') },
	{ name: 'two layouts', values: ['2023-12-25', '25/12/2023', '2023-01-02', '13/01/2024'], type: date(['%d/%m/%Y', '%Y-%m-%d'], 'day-first', [2, 0]), conforming: 4, range: dates('2023-01-02', '2024-01-13') },
	{ name: 'nine in ten whole numbers', values: ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'x'], type: { kind: 'integer', leadingZeros: 0 }, conforming: 9, range: numbers(1, 9) },
	{ name: 'eight in ten whole numbers', values: ['1', '2', '3', '4', '5', '6', '7', '8', 'x', 'y'], type: { kind: 'text' }, conforming: 10, range: texts('1', 'y') },
	{ name: 'text', values: ['Marie', 'Jean', '12'], type: { kind: 'text' }, conforming: 3, range: texts('12', 'Marie') },
	{ name: 'empty', values: ['', '  ', null, '\t'], type: { kind: 'empty' }, conforming: 0, range: null }
];

async function createTextTable(
	db: Db,
	table: string,
	columns: [string, (string | null)[]][]
): Promise<void> {
	const rows = Math.max(1, ...columns.map(([, values]) => values.length));
	const definitions = columns.map(([name]) => sql`${ident(name)} VARCHAR`);
	await db.exec(sql`CREATE TABLE ${ident(table)} (${join(definitions)})`);
	const tuples = Array.from(
		{ length: rows },
		(_, r) => sql`(${join(columns.map(([, values]) => lit(values[r] ?? null)))})`
	);
	await db.exec(sql`INSERT INTO ${ident(table)} VALUES ${join(tuples)}`);
}

describe.each(engines)('type inference on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	let profiles: Map<string, ColumnProfile>;
	beforeAll(async () => {
		db = await engine.open();
		await createTextTable(
			db,
			'typed',
			CASES.map((c) => [c.name, c.values])
		);
		const profile = await profileTable(db, 'typed');
		profiles = new Map(profile.columns.map((column) => [column.column, column]));
	});
	afterAll(() => db.close());

	it.each(CASES)('$name', (c) => {
		const profile = profiles.get(c.name);
		expect(profile?.type).toEqual(c.type);
		expect(profile?.conforming).toBe(c.conforming);
		expect(profile?.range).toEqual(c.range);
	});

	it('assumes month-first for undecided dates when asked to', async () => {
		const profile = await profileTable(db, 'typed', {
			columns: ['undecided order'],
			preferDayFirst: false
		});
		expect(profile.columns[0]?.type).toEqual(date(['%m/%d/%Y'], 'month-first', [0, 0]));
		expect(profile.columns[0]?.range).toEqual(dates('2023-01-02', '2023-03-04'));
	});

	it('lowers the bar for a type when asked to', async () => {
		const profile = await profileTable(db, 'typed', {
			columns: ['eight in ten whole numbers'],
			typeThreshold: 0.8
		});
		expect(profile.columns[0]?.type).toEqual({ kind: 'integer', leadingZeros: 0 });
		expect(profile.columns[0]?.conformingShare).toBeCloseTo(0.8, 10);
	});
});
