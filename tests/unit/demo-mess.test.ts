// Every kind of mess the demo promises is really in the raw tables, already at 2,000 persons,
// on both engines. Each row of the table is a description and a SQL count that must be > 0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { generateDemo } from '../../src/lib/core/demo';
import { scalarOf } from '../../src/lib/core/sql/rows';
import { sql, trusted, type Sql } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

/** CRM rows with their true person. */
const crm = trusted(`(SELECT c.*, p.* FROM cc_raw_crm_contacts c
	JOIN cc_demo_record r ON r.source = 'cc_raw_crm_contacts' AND r.record_key = c."ID Contact"
	JOIN cc_demo_person p USING (person_id))`);

/** Every phone-like value typed into any source. */
const phones = trusted(`(SELECT "Téléphone" AS phone FROM cc_raw_crm_contacts
	UNION ALL SELECT phone FROM cc_raw_eshop_accounts
	UNION ALL SELECT "Tél. client" FROM cc_raw_store_receipts
	UNION ALL SELECT contact FROM cc_raw_service_tickets)`);

/** Every e-mail typed into a profile source, with its true person. */
const profileEmails =
	trusted(`(SELECT lower(trim("E-mail")) AS email, r.person_id FROM cc_raw_crm_contacts c
	JOIN cc_demo_record r ON r.source = 'cc_raw_crm_contacts' AND r.record_key = c."ID Contact"
	UNION ALL
	SELECT lower(trim(email)), r.person_id FROM cc_raw_eshop_accounts a
	JOIN cc_demo_record r ON r.source = 'cc_raw_eshop_accounts' AND r.record_key = a.customer_id)`);

const plain = (column: string) => trusted(`lower(strip_accents(${column}))`);

const mess: [string, Sql][] = [
	[
		'the same person twice in the CRM',
		sql`SELECT count(*) FROM (SELECT person_id FROM cc_demo_record WHERE source = 'cc_raw_crm_contacts'
			GROUP BY person_id HAVING count(*) > 1)`
	],
	[
		'a typo in a first name (one letter swapped, dropped, doubled or replaced)',
		sql`SELECT count(*) FROM ${crm} WHERE levenshtein(${plain('"Prénom"')}, ${plain('first_name')}) BETWEEN 1 AND 2
			AND ${plain('"Prénom"')} <> ${plain('last_name')}`
	],
	[
		'first and last names swapped',
		sql`SELECT count(*) FROM ${crm} WHERE first_name <> last_name
			AND ${plain('"Prénom"')} = ${plain('last_name')} AND ${plain('"Nom"')} = ${plain('first_name')}`
	],
	[
		'a surname in capitals',
		sql`SELECT count(*) FROM ${crm} WHERE "Nom" = upper(last_name) AND "Nom" <> last_name`
	],
	[
		'a name typed in lower case',
		sql`SELECT count(*) FROM cc_raw_eshop_accounts WHERE first_name = lower(first_name)`
	],
	[
		'a name that lost its accents',
		sql`SELECT count(*) FROM ${crm} WHERE "Prénom" = strip_accents(first_name) AND first_name <> strip_accents(first_name)`
	],
	[
		'accented names',
		sql`SELECT count(*) FROM cc_raw_crm_contacts WHERE regexp_matches("Prénom" || "Nom", '[éèêëàâïîôöüûùçñíóú]')`
	],
	[
		'Hélène, François or Lefèvre',
		sql`SELECT count(*) FROM cc_demo_person WHERE first_name IN ('Hélène', 'François') OR last_name IN ('Lefèvre', 'Müller', 'Núñez')`
	],
	[
		'accented cities',
		sql`SELECT count(*) FROM cc_raw_crm_contacts WHERE "Ville" IN ('Besançon', 'Orléans', 'Nîmes', 'Saint-Étienne', 'Béziers')`
	],
	[
		'an e-mail in capitals',
		sql`SELECT count(*) FROM cc_raw_crm_contacts WHERE "E-mail" = upper("E-mail") AND regexp_matches("E-mail", '[A-Z]')`
	],
	[
		'an e-mail with stray spaces',
		sql`SELECT count(*) FROM cc_raw_crm_contacts WHERE "E-mail" <> trim("E-mail")`
	],
	[
		'a Gmail address without its dots',
		sql`SELECT count(*) FROM ${crm} WHERE "E-mail" LIKE '%@gmail.com' AND email LIKE '%.%@gmail.com'
			AND "E-mail" = replace(split_part(email, '@', 1), '.', '') || '@gmail.com'`
	],
	[
		'a Gmail address with a +tag',
		sql`SELECT count(*) FROM cc_raw_crm_contacts WHERE "E-mail" LIKE '%+%@gmail.com'`
	],
	['a missing e-mail', sql`SELECT count(*) FROM cc_raw_crm_contacts WHERE "E-mail" IS NULL`],
	['a missing phone', sql`SELECT count(*) FROM cc_raw_crm_contacts WHERE "Téléphone" IS NULL`],
	['test@test.com', sql`SELECT count(*) FROM cc_raw_crm_contacts WHERE "E-mail" = 'test@test.com'`],
	['0000000000 as a phone', sql`SELECT count(*) FROM ${phones} WHERE phone = '0000000000'`],
	[
		'one family e-mail shared by two persons of a household',
		sql`SELECT count(*) FROM (SELECT e.email FROM ${profileEmails} e JOIN cc_demo_person p USING (person_id)
			WHERE e.email LIKE '%@%.%' AND e.email NOT IN ('test@test.com', 'xx@xx.xx', 'a@a.fr', 'aucun@aucun.fr', 'pas.de.mail@nomail.fr')
			GROUP BY e.email HAVING count(DISTINCT e.person_id) > 1 AND count(DISTINCT p.household_id) = 1)`
	],
	[
		'a person with several e-mail addresses',
		sql`SELECT count(*) FROM (SELECT person_id FROM ${profileEmails} WHERE email LIKE '%@%.%'
			GROUP BY person_id HAVING count(DISTINCT email) > 1)`
	],
	[
		'a person with a second mobile or a landline used somewhere',
		sql`SELECT count(*) FROM ${crm} WHERE regexp_replace("Téléphone", '[^0-9]', '', 'g') IN (substr(landline, 4), '0' || substr(landline, 4), substr(second_mobile, 4), '0' || substr(second_mobile, 4))`
	],
	[
		'phone +33 6 12 34 56 78',
		sql`SELECT count(*) FROM ${phones} WHERE regexp_matches(phone, '^\\+33 [1-9]( [0-9]{2}){4}$')`
	],
	[
		'phone 06 12 34 56 78',
		sql`SELECT count(*) FROM ${phones} WHERE regexp_matches(phone, '^0[1-9]( [0-9]{2}){4}$')`
	],
	[
		'phone 0033612345678',
		sql`SELECT count(*) FROM ${phones} WHERE regexp_matches(phone, '^0033[1-9][0-9]{8}$')`
	],
	[
		'phone 06.12.34.56.78',
		sql`SELECT count(*) FROM ${phones} WHERE regexp_matches(phone, '^0[1-9](\\.[0-9]{2}){4}$')`
	],
	[
		'phone 612345678 (the 0 eaten by a spreadsheet)',
		sql`SELECT count(*) FROM ${phones} WHERE regexp_matches(phone, '^[1-9][0-9]{8}$')`
	],
	[
		"the store's own phone on many receipts (over 5%)",
		sql`SELECT count(*) FILTER (WHERE "Tél. client" LIKE '0_ __ __ __ __' AND "Nom client" IS NULL) > 0.05 * count(*) FROM cc_raw_store_receipts`
	],
	[
		'a postcode that lost its leading 0',
		sql`SELECT count(*) FROM cc_raw_crm_contacts WHERE regexp_matches("Code postal", '^[0-9]{4}$')`
	],
	[
		'a day-first birth date',
		sql`SELECT count(*) FROM cc_raw_crm_contacts WHERE regexp_matches("Date de naissance", '^(1[3-9]|2[0-9]|3[01])/[0-9]{2}/[0-9]{4}$')`
	],
	[
		'an anonymous receipt (no card, no name)',
		sql`SELECT count(*) FROM cc_raw_store_receipts WHERE "Carte fidélité" IS NULL AND "Nom client" IS NULL`
	],
	[
		'a walk-in shopper in no file',
		sql`SELECT count(*) FROM cc_demo_record WHERE source = 'cc_raw_store_receipts' AND person_id IS NULL`
	],
	[
		'a web session without a login',
		sql`SELECT count(*) FROM cc_raw_web_sessions WHERE "User Email" IS NULL`
	],
	[
		'a web session with a login',
		sql`SELECT count(*) FROM cc_raw_web_sessions WHERE "User Email" IS NOT NULL`
	],
	['a one-time buyer', sql`SELECT count(*) FROM cc_demo_person_truth WHERE purchases = 1`],
	[
		'a regular with 6 or more purchases',
		sql`SELECT count(*) FROM cc_demo_person_truth WHERE purchases >= 6`
	],
	[
		'a buyer who churned',
		sql`SELECT count(*) FROM cc_demo_person JOIN cc_demo_person_truth USING (person_id) WHERE churned_on IS NOT NULL AND purchases > 0`
	],
	['every event type', sql`SELECT count(DISTINCT "EVENT_TYPE") = 5 FROM cc_raw_email_events`],
	['every ticket channel', sql`SELECT count(DISTINCT channel) = 3 FROM cc_raw_service_tickets`],
	[
		'amounts with spread (standard deviation over 10 €)',
		sql`SELECT stddev(total_amount::DOUBLE) > 10 FROM cc_raw_eshop_orders`
	],
	[
		'purchases spread over about three years',
		sql`SELECT max(strptime("Date", '%d/%m/%Y')) - min(strptime("Date", '%d/%m/%Y')) > INTERVAL 900 DAY FROM cc_raw_store_receipts`
	]
];

describe.each(engines)('demo mess on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
		await generateDemo(db, { persons: 2000 });
	});
	afterAll(() => db.close());

	it.each(mess)('has %s', async (_, query) => {
		const found = scalarOf(await db.query(query));
		expect(found === true || (typeof found === 'number' && found > 0)).toBe(true);
	});

	it('puts most persons in two or more sources', async () => {
		const share = scalarOf(
			await db.query(sql`SELECT avg((sources >= 2)::INTEGER) FROM (SELECT person_id, count(DISTINCT source) AS sources
				FROM cc_demo_record WHERE person_id IS NOT NULL GROUP BY person_id)`)
		);
		expect(share).toBeGreaterThan(0.7);
	});

	it('keeps every raw column as text, as a CSV export gives it', async () => {
		const types = scalarOf(
			await db.query(sql`SELECT string_agg(DISTINCT data_type, ',') FROM information_schema.columns
				WHERE table_name LIKE 'cc_raw_%'`)
		);
		expect(types).toBe('VARCHAR');
	});
});
