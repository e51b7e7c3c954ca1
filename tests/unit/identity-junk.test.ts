// The junk guard on identity records: placeholders (test@test.com, 01 11 11 11 11) and values
// held by implausibly many records (a shop's phone typed at the till) are listed and taken off
// the records, and a record keeps its other addresses and numbers — the first one left becomes
// its e-mail or phone. Run on native DuckDB and on the wasm build.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { profileIdentitySources } from '../../src/lib/core/identity/identity-sources';
import { guardJunk } from '../../src/lib/core/identity/junk';
import { buildIdentityRecords, everyValueOf } from '../../src/lib/core/identity/records';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { sql } from '../../src/lib/core/sql/sql';
import { importCsvText } from '../support/csv-source';
import { engines } from '../support/engines';

const work = mkdtempSync(join(tmpdir(), 'concord-junk-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SHOP_PHONE = '01 42 68 53 00';
const CSV = [
	'id,first_name,email,phone',
	'1,ann,"test@test.com; ann@x.org",',
	'2,bob,test@test.com,06 12 34 56 78',
	'3,cy,"cy@x.org, cy@y.org",01 11 11 11 11 / 06 98 76 54 32',
	'4,di,di@x.org,01 11 11 11 11',
	// Eleven customers of one shop, its phone typed for each: one more than the crowded limit.
	...Array.from({ length: 11 }, (_, i) => `${10 + i},shop${i},,${SHOP_PHONE}`),
	// The shop's phone twice in one cell: still one record holding it.
	`30,eve,eve@x.org,${SHOP_PHONE} / 07 12 34 56 78 / ${SHOP_PHONE}`
].join('\n');

describe.each(engines)('junk identifiers ($name)', (engine) => {
	let db: Db & { close(): void };
	beforeEach(async () => {
		db = await engine.open();
		await importCsvText(db, work, `junk-${engine.name}.csv`, CSV, {
			id: 'record_key',
			first_name: 'first_name',
			email: 'email',
			phone: 'phone'
		});
		await buildIdentityRecords(db, await profileIdentitySources(db), {
			plusTags: true,
			gmailDots: true
		});
	});
	afterEach(() => db.close());

	it('lists placeholders and crowded values, and takes them off the records', async () => {
		const junk = await guardJunk(db, 10);
		expect(junk.map((j) => `${j.kind} ${j.value} ${j.records} ${j.reason}`)).toEqual([
			'phone +33142685300 12 crowded',
			'email test@test.com 2 placeholder',
			'phone +33111111111 2 placeholder'
		]);
		const rows = rowsOf(
			await db.query(sql`SELECT first_name, email, phone,
				${everyValueOf('email')}::VARCHAR AS emails, ${everyValueOf('phone')}::VARCHAR AS phones
				FROM cc_id_record r WHERE first_name NOT LIKE 'shop%' ORDER BY first_name`)
		);
		expect(rows.map((r) => [r.first_name, r.email, r.emails, r.phone, r.phones])).toEqual([
			// The placeholder goes, the real address stays and becomes the record's e-mail.
			['ann', 'ann@x.org', '[ann@x.org]', null, null],
			['bob', null, null, '+33612345678', '[+33612345678]'],
			['cy', 'cy@x.org', '[cy@x.org, cy@y.org]', '+33698765432', '[+33698765432]'],
			['di', 'di@x.org', '[di@x.org]', null, null],
			['eve', 'eve@x.org', '[eve@x.org]', '+33712345678', '[+33712345678]']
		]);
		const shop = rowsOf(
			await db.query(sql`SELECT count(*) AS n FROM cc_id_record
				WHERE first_name LIKE 'shop%' AND phone IS NULL AND phones_if_several IS NULL`)
		);
		expect(Number(shop[0]?.n)).toBe(11);
	});
});
