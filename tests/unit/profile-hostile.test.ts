// Hostile headers and cells on both engines: SQL, HTML, spreadsheet formulas, quotes, emoji,
// blanks, strptime directives and a 1 MB cell must be profiled as plain text — nothing
// executed, nothing dropped, no query broken — and the quality report must read them too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { profileTable } from '../../src/lib/core/profile/profile-table';
import type { TableProfile } from '../../src/lib/core/profile/types';
import { MAX_SHOWN_LENGTH } from '../../src/lib/core/profile/value-table';
import { assessQuality } from '../../src/lib/core/quality/assess';
import { scalarOf } from '../../src/lib/core/sql/rows';
import { ident, join, lit, sql } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

const BIG = 'x'.repeat(1_000_000);

const HOSTILE_VALUES = [
	"Robert'); DROP TABLE sentinel;--",
	'<img src=x onerror=alert(1)>',
	'=HYPERLINK("http://evil.example","clic")',
	"+cmd|' /C calc'!A0",
	'😀🎉 émoji',
	'',
	'   ',
	'%d/%m/%Y %H',
	'back\\slash \'quote\' "double"',
	'line\nbreak\ttab',
	BIG
];

const HOSTILE_HEADERS = [
	'"; DROP TABLE sentinel; --',
	"it's",
	'<script>alert(1)</script>',
	'=SUM(A1:A9)',
	'😀 e-mail',
	'select',
	' '
];

describe.each(engines)('hostile input on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	let profile: TableProfile;
	beforeAll(async () => {
		db = await engine.open();
		await db.exec(sql`CREATE TABLE sentinel AS SELECT 42 AS answer`);
		const definitions = HOSTILE_HEADERS.map((header) => sql`${ident(header)} VARCHAR`);
		await db.exec(sql`CREATE TABLE ${ident('hostile "table"')} (${join(definitions)})`);
		for (const value of HOSTILE_VALUES) {
			await db.exec(
				sql`INSERT INTO ${ident('hostile "table"')} VALUES (${join(HOSTILE_HEADERS.map(() => lit(value)))})`
			);
		}
		profile = await profileTable(db, 'hostile "table"', {
			patterns: 20,
			roles: [
				{ column: '😀 e-mail', role: 'email' },
				{ column: 'select', role: 'birth_date' },
				{ column: '=SUM(A1:A9)', role: 'phone' }
			]
		});
	});
	afterAll(() => db.close());

	it('profiles every hostile column as text and touches nothing else', async () => {
		expect(profile.columns.map((c) => c.column)).toEqual(HOSTILE_HEADERS);
		for (const column of profile.columns) {
			expect(column).toMatchObject({ rows: 11, filled: 9, distinct: 9, type: { kind: 'text' } });
		}
		expect(scalarOf(await db.query(sql`SELECT answer FROM sentinel`))).toBe(42);
	});

	it('shows the 1 MB cell cut short, with a pattern that says so', () => {
		const column = profile.columns[0];
		const big = column?.topValues.find((v) => v.truncated);
		expect(big?.value).toHaveLength(MAX_SHOWN_LENGTH);
		expect(column?.topValues.filter((v) => v.truncated)).toHaveLength(1);
		expect(column?.patterns.distinct).toBe(9);
		expect(column?.patterns.top.map((p) => p.pattern)).toContain('a…');
		expect(column?.range?.kind).toBe('text');
	});

	it('keeps hostile values verbatim in top values and failures', () => {
		const email = profile.columns.find((c) => c.column === '😀 e-mail');
		expect(email?.topValues.map((v) => v.value)).toContain("Robert'); DROP TABLE sentinel;--");
		expect(email?.roleCheck).toMatchObject({ checked: 9, invalid: 9 });
		const dates = profile.columns.find((c) => c.column === 'select');
		expect(dates?.roleCheck).toMatchObject({ checked: 9, invalid: 9 });
		const phones = profile.columns.find((c) => c.column === '=SUM(A1:A9)');
		expect(phones?.roleCheck?.examples.map((e) => e.value)).toContain(
			'=HYPERLINK("http://evil.example","clic")'
		);
	});

	it('reads the hostile table in a quality report', async () => {
		const report = await assessQuality(db, [
			{
				sourceId: "source '; DROP",
				tableName: 'hostile "table"',
				kind: 'profile',
				columns: [
					{ column: '😀 e-mail', role: 'email' },
					{ column: '=SUM(A1:A9)', role: 'phone' },
					{ column: 'select', role: 'created_at' },
					{ column: "it's", role: 'email_optin' }
				]
			}
		]);
		expect(report.contactability.sources[0]).toMatchObject({
			records: 11,
			email: { count: 0 },
			phone: { count: 0 },
			emailConsent: { count: 0 }
		});
		expect(report.validity.overall.map((t) => [t.topic, t.checked, t.invalid])).toEqual([
			['email', 9, 9],
			['phone', 9, 9],
			['date', 9, 9]
		]);
		expect(report.freshness[0]).toMatchObject({ dated: 0, undated: 9, months: [] });
		expect(scalarOf(await db.query(sql`SELECT answer FROM sentinel`))).toBe(42);
	});
});
