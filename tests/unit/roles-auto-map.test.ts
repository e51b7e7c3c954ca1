// The mapping suggestion from headers and values together, on both engines: values confirm,
// override a header that is contradicted, and fill in for silent headers; single-column roles
// are never given twice; a bare 'Name' beside a first-name column is the last name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { suggestMapping } from '../../src/lib/core/roles/auto-map';
import { suggestKind } from '../../src/lib/core/roles/suggest-kind';
import { profileValues } from '../../src/lib/core/roles/value-detect';
import type { RoleId, SourceKind } from '../../src/lib/core/roles/vocabulary';
import { ident, join, lit, sql } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

const EMAILS = ['a@b.fr', 'c.d@gmail.com', 'e@f.de', 'g@h.es', 'i@j.com', 'k@l.fr'];
const PHONES = [
	'06 12 34 56 78',
	'+33 6 11 22 33 44',
	'07.01.02.03.04',
	'0612345679',
	'01 42 60 11 20',
	'0033698765432'
];
const NAMES = ['Marie', 'Jean', 'Luc', 'Anne', 'Paul', 'Léa'];
const BIRTHS = ['12/03/1961', '01/07/1984', '23/11/1975', '05/05/1990', '30/01/1958', '14/02/1979'];
const RECENT = ['2024-03-01', '2024-05-02', '2025-01-03', '2023-11-04', '2024-08-05', '2025-02-06'];
const AMOUNTS = ['12.50', '3.99', '120.00', '45.10', '9.90', '70.25'];

interface Case {
	name: string;
	kind: SourceKind;
	columns: [string, string[]][];
	roles: Record<string, RoleId>;
	reasons?: Record<string, RegExp>;
}

const CASES: Case[] = [
	{
		name: 'a silent header full of e-mails is an e-mail column',
		kind: 'profile',
		columns: [['contact', EMAILS]],
		roles: { contact: 'email' },
		reasons: { contact: /100% of values look like e-mail addresses/ }
	},
	{
		name: 'values override a header they contradict',
		kind: 'profile',
		columns: [
			['Téléphone', EMAILS],
			['mail', PHONES]
		],
		roles: { Téléphone: 'email', mail: 'phone' },
		reasons: { Téléphone: /rather than Phone.*but only 0% of values look like phone numbers/ }
	},
	{
		name: 'values confirm a header',
		kind: 'profile',
		columns: [['Date de naissance', BIRTHS]],
		roles: { 'Date de naissance': 'birth_date' },
		reasons: { 'Date de naissance': /values confirm: 100% of values look like dates/ }
	},
	{
		name: 'a header contradicted by values that say nothing keeps its role, less sure',
		kind: 'profile',
		columns: [['Date de naissance', NAMES]],
		roles: { 'Date de naissance': 'birth_date' },
		reasons: { 'Date de naissance': /but only 0% of values look like dates/ }
	},
	{
		name: 'several e-mail and phone columns are allowed',
		kind: 'profile',
		columns: [
			['E-mail', EMAILS],
			['Email 2', EMAILS],
			['Téléphone', PHONES],
			['Tel. travail', PHONES]
		],
		roles: { 'E-mail': 'email', 'Email 2': 'email', Téléphone: 'phone', 'Tel. travail': 'phone' }
	},
	{
		name: 'a single-column role goes to the best match only',
		kind: 'profile',
		columns: [
			['Prénom', NAMES],
			['first name (old)', NAMES]
		],
		roles: { Prénom: 'first_name', 'first name (old)': 'custom' },
		reasons: {
			'first name (old)': /First name takes a single column and 'Prénom' matches it better/
		}
	},
	{
		name: "a bare 'Name' beside 'Vorname' is the last name",
		kind: 'profile',
		columns: [
			['Vorname', NAMES],
			['Name', NAMES]
		],
		roles: { Vorname: 'first_name', Name: 'last_name' },
		reasons: { Name: /a first-name column is present/ }
	},
	{
		name: "a bare 'Name' alone is the full name",
		kind: 'profile',
		columns: [['Name', NAMES]],
		roles: { Name: 'full_name' }
	},
	{
		name: "a bare 'date' of old dates in a profile source is the birth date",
		kind: 'profile',
		columns: [
			['date', BIRTHS],
			['Datum', RECENT]
		],
		roles: { date: 'birth_date', Datum: 'created_at' }
	},
	{
		name: "an event source's date, customer id and amount",
		kind: 'event',
		columns: [
			['date', RECENT],
			['customer_id', ['C1', 'C2', 'C1', 'C3', 'C2', 'C4']],
			['id', ['1', '2', '3', '4', '5', '6']],
			['Magasin', ['Lyon', 'Paris', 'Lyon', 'Nice', 'Paris', 'Lyon']],
			['value', AMOUNTS]
		],
		roles: {
			date: 'event_time',
			customer_id: 'record_key',
			id: 'custom',
			Magasin: 'store',
			value: 'amount'
		},
		reasons: { customer_id: /customer's record key/, id: /the event's own id/ }
	},
	{
		name: 'an event role in a profile source stays a custom attribute',
		kind: 'profile',
		columns: [['Magasin', ['Lyon', 'Paris', 'Lyon', 'Nice', 'Paris', 'Lyon']]],
		roles: { Magasin: 'custom' }
	},
	{
		name: 'empty and unknown columns are custom attributes',
		kind: 'profile',
		columns: [
			['remarks', ['', '', '', '', '', '']],
			['zzz', ['a1 b', 'c2 d', 'x', 'y', 'z', 'w']]
		],
		roles: { remarks: 'custom', zzz: 'custom' },
		reasons: { remarks: /empty in the sample/, zzz: /not a known name and its values fit no role/ }
	}
];

describe('suggestions from headers alone', () => {
	it('maps known headers and leaves unknown ones as custom attributes', () => {
		const result = suggestMapping({
			kind: 'profile',
			columns: [{ name: 'Prénom' }, { name: 'Nom' }, { name: 'CP' }, { name: 'whatever' }]
		});
		expect(result.map((s) => [s.column, s.role])).toEqual([
			['Prénom', 'first_name'],
			['Nom', 'last_name'],
			['CP', 'postcode'],
			['whatever', 'custom']
		]);
		for (const s of result) expect(s.confidence).toBeGreaterThan(0);
	});

	it.each([
		[['order_id', 'order_date', 'amount'], 'event'],
		[['EVENT_ID', 'EMAIL', 'EVENT_TYPE', 'EVENT_TIME'], 'event'],
		[['ticketId', 'openedAt', 'status', 'channel', 'contact'], 'event'],
		[['Prénom', 'Nom', 'Date de création', 'Magasin', 'Code postal'], 'profile'],
		[['rec_id', 'given_name', 'surname', 'date_of_birth'], 'profile'],
		[['a', 'b'], 'profile']
	] as const)('%j is a %s source', (names, kind) => {
		expect(suggestKind(names.map((name) => ({ name }))).kind).toBe(kind);
	});
});

describe.each(engines)('mapping suggestions with values on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
	});
	afterAll(() => db.close());

	it.each(CASES.map((c, i) => ({ ...c, i })))(
		'$name',
		async ({ i, kind, columns, roles, reasons }) => {
			const table = `case_${i}`;
			const rows = columns[0]?.[1].length ?? 0;
			await db.exec(
				sql`CREATE TABLE ${ident(table)} (${join(columns.map(([n]) => sql`${ident(n)} VARCHAR`))})`
			);
			const tuples = Array.from(
				{ length: rows },
				(_, r) => sql`(${join(columns.map(([, v]) => lit(v[r] ?? null)))})`
			);
			await db.exec(sql`INSERT INTO ${ident(table)} VALUES ${join(tuples)}`);
			const values = await profileValues(db, table);
			const result = suggestMapping({
				kind,
				columns: values.map((v) => ({ name: v.column, values: v.profile }))
			});
			expect(Object.fromEntries(result.map((s) => [s.column, s.role]))).toEqual(roles);
			for (const [column, pattern] of Object.entries(reasons ?? {})) {
				expect(result.find((s) => s.column === column)?.reasons.join(' | ')).toMatch(pattern);
			}
			for (const s of result) {
				expect(s.confidence).toBeGreaterThanOrEqual(0);
				expect(s.confidence).toBeLessThanOrEqual(1);
			}
		}
	);
});
