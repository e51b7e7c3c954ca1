// The identity records read from a profile source: e-mail cells with one address or several
// (split at ; , and spaces), provider rules, junk-looking addresses dropped, phones in E.164 (a
// cell may hold several), and
// every address and number an identifier. Run on native DuckDB and on the wasm build.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { COMPARISONS, levelOf, sideOf } from '../../src/lib/core/identity/comparisons';
import { profileIdentitySources } from '../../src/lib/core/identity/identity-sources';
import { buildIdentityRecords, everyValueOf } from '../../src/lib/core/identity/records';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { sql } from '../../src/lib/core/sql/sql';
import { importCsvText } from '../support/csv-source';
import { engines } from '../support/engines';

const work = mkdtempSync(join(tmpdir(), 'concord-records-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CSV = [
	'id,first_name,last_name,email,phone',
	'1,Ann,Lee,Ann.Lee@Example.com,+33 6 12 34 56 78',
	'2,Bob,Ray," bob@x.org ; Robert.Ray@GMAIL.com,bob@x.org",',
	'3,Cy,Fox,c.y.fox+news@gmail.com,',
	'4,Di,Kay,not an address,06 12 34 56 78',
	'5,Ed,Poe,,06 11 22 33 44 / 07 12 34 56 78',
	'6,Flo,Ito,flo@ito.jp robert.ray@googlemail.com,'
].join('\n');

describe.each(engines)('identity records ($name)', (engine) => {
	let db: Db & { close(): void };
	beforeEach(async () => {
		db = await engine.open();
		await importCsvText(db, work, `contacts-${engine.name}.csv`, CSV, {
			id: 'record_key',
			first_name: 'first_name',
			last_name: 'last_name',
			email: 'email',
			phone: 'phone'
		});
	});
	afterEach(() => db.close());

	async function records(rules = { plusTags: true, gmailDots: true }) {
		await buildIdentityRecords(db, await profileIdentitySources(db), rules);
		return rowsOf(
			await db.query(sql`SELECT first_name, email, ${everyValueOf('email')}::VARCHAR AS emails,
				phone, ${everyValueOf('phone')}::VARCHAR AS phones FROM cc_id_record r ORDER BY rid`)
		);
	}

	it('splits multi-valued e-mail cells and applies the provider rules (no list: no address)', async () => {
		const rows = await records();
		expect(rows.map((r) => [r.first_name, r.emails])).toEqual([
			['ann', '[ann.lee@example.com]'],
			['bob', '[bob@x.org, robertray@gmail.com]'],
			['cy', '[cyfox@gmail.com]'],
			['di', null],
			['ed', null],
			['flo', '[flo@ito.jp, robertray@gmail.com]']
		]);
		// The scalar e-mail is the first address of the list.
		expect(rows.map((r) => r.email)).toEqual([
			'ann.lee@example.com',
			'bob@x.org',
			'cyfox@gmail.com',
			null,
			null,
			'flo@ito.jp'
		]);
	});

	it('keeps dots and tags when the provider rules are off', async () => {
		const rows = await records({ plusTags: false, gmailDots: false });
		expect(rows[2]?.emails).toBe('[c.y.fox+news@gmail.com]');
		expect(rows[1]?.emails).toBe('[bob@x.org, robert.ray@gmail.com]');
	});

	it('reads phones in E.164 and lists every address and number as an identifier', async () => {
		const rows = await records();
		expect(rows.map((r) => r.phones)).toEqual([
			'[+33612345678]',
			null,
			null,
			'[+33612345678]',
			'[+33611223344, +33712345678]',
			null
		]);
		expect(rows[4]?.phone).toBe('+33611223344');
		const identifiers = rowsOf(
			await db.query(sql`SELECT kind, value, count(*) AS n FROM cc_id_identifier
				GROUP BY ALL ORDER BY kind, value`)
		);
		expect(identifiers.map((r) => `${r.kind}:${r.value}:${r.n}`)).toEqual([
			'email:ann.lee@example.com:1',
			'email:bob@x.org:1',
			'email:cyfox@gmail.com:1',
			'email:flo@ito.jp:1',
			'email:robertray@gmail.com:2',
			'phone:+33611223344:1',
			'phone:+33612345678:2',
			'phone:+33712345678:1'
		]);
	});

	it('compares every address and number of records that hold several', async () => {
		await records();
		const level = (id: string) => {
			const comparison = COMPARISONS.find((c) => c.id === id);
			if (!comparison) throw new Error(id);
			return levelOf(comparison, sideOf('a'), sideOf('b'));
		};
		const rows = rowsOf(
			await db.query(sql`SELECT a.first_name || '-' || b.first_name AS pair,
				${level('email')} AS email, ${level('phone')} AS phone
				FROM cc_id_record a JOIN cc_id_record b ON a.rid < b.rid
				WHERE a.first_name IN ('ann', 'bob', 'di') AND b.first_name IN ('bob', 'di', 'flo')
				ORDER BY pair`)
		);
		// 0: shared (the second address of each); 2: different; -1: not compared (missing).
		expect(rows.map((r) => `${r.pair} ${r.email} ${r.phone}`)).toEqual([
			'ann-bob 2 -1',
			'ann-di -1 0',
			'ann-flo 2 -1',
			'bob-di -1 -1',
			'bob-flo 0 -1',
			'di-flo -1 -1'
		]);
	});
});
