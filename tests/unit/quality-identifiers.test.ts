// Identifiers in their compared spelling, on both engines: every way a French number is written
// gives one canonical '+33…' form, other international numbers keep their country code,
// e-mails are trimmed and lower-cased, placeholders are recognised by shape, and consent
// words read as yes or no.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { phoneDigits } from '../../src/lib/core/profile/phone-canonical';
import { identifierOf, placeholderOf, truthy } from '../../src/lib/core/quality/identifiers';
import type { IdentifierKind } from '../../src/lib/core/quality/types';
import { scalarOf } from '../../src/lib/core/sql/rows';
import { lit, sql, trusted } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

// prettier-ignore
const PHONES: [string, string | null][] = [
	['06 12 34 56 78', '+33612345678'],
	['0612345678', '+33612345678'],
	['06.12.34.56.78', '+33612345678'],
	['06-12-34-56-78', '+33612345678'],
	['+33 6 12 34 56 78', '+33612345678'],
	['+33612345678', '+33612345678'],
	['0033612345678', '+33612345678'],
	['0033 6 12 34 56 78', '+33612345678'],
	['33612345678', '+33612345678'],
	['+33 (0)6 12 34 56 78', '+33612345678'],
	['612345678', '+33612345678'],
	['712345678', '+33712345678'],
	['01 42 60 11 20', '+33142601120'],
	['+49 30 1234567', '+49301234567'],
	['0049 30 1234567', '+49301234567'],
	['+44 20 7946 0958', '+442079460958'],
	['0000000000', '0000000000'],
	['112345678', null],
	['12345', null],
	['abc', null],
	['06 12 34 56 78 ext 9', null],
	['test@test.com', null]
];

// prettier-ignore
const EMAILS: [string, string | null][] = [
	['Marie.Dupont@Orange.FR', 'marie.dupont@orange.fr'],
	['marie.dupont+promo@gmail.com', 'marie.dupont+promo@gmail.com'],
	['a@b', null],
	['x y@z.fr', null],
	['noemail@', null],
	['06 12 34 56 78', null]
];

// prettier-ignore
const PLACEHOLDERS: [IdentifierKind, string, boolean][] = [
	['email', 'test@test.com', true],
	['email', 'a@a.fr', true],
	['email', 'xx@xx.xx', true],
	['email', 'aucun@aucun.fr', true],
	['email', 'pas.de.mail@nomail.fr', true],
	['email', 'noreply@shop.fr', true],
	['email', 'someone@example.com', true],
	['email', 'marie@orange.fr', false],
	['email', 'contact@orange.fr', false],
	['phone', '0000000000', true],
	['phone', '+33666666666', true],
	['phone', '+33123456789', true],
	['phone', '+33612345678', false]
];

// prettier-ignore
const CONSENTS: [string | null, boolean][] = [
	['Oui', true], ['OUI.', true], ['yes', true], ['Y', true], ['1', true], ['true', true],
	['vrai', true], ['Sí', true], [' x ', true],
	['non', false], ['no', false], ['0', false], ['false', false], ['', false], [null, false],
	['maybe', false]
];

describe.each(engines)('identifiers on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
	});
	afterAll(() => db.close());

	const identify = async (kind: IdentifierKind, value: string) =>
		scalarOf(
			await db.query(sql`SELECT ${identifierOf(kind)} FROM (
				SELECT s, ${phoneDigits(trusted('s'))} AS p FROM (SELECT ${value} AS s)
			)`)
		);

	it.each(PHONES)('phone %s → %s', async (value, expected) => {
		expect(await identify('phone', value)).toBe(expected);
	});

	it.each(EMAILS)('e-mail %s → %s', async (value, expected) => {
		expect(await identify('email', value)).toBe(expected);
	});

	it.each(PLACEHOLDERS)('%s %s is a placeholder: %s', async (kind, id, expected) => {
		expect(scalarOf(await db.query(sql`SELECT ${placeholderOf(kind, lit(id))}`))).toBe(expected);
	});

	it.each(CONSENTS)('consent %s → %s', async (value, expected) => {
		expect(scalarOf(await db.query(sql`SELECT ${truthy(lit(value))}`))).toBe(expected);
	});
});
