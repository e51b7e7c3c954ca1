// Reading many raw phone values into the phone lookup fast. Measured natively on 100,000
// distinct values: INSERT … VALUES spends ~2.3 s in DuckDB's parser, parsing in JavaScript
// ~0.4 s, everything else ~0.5 s. So (1) the values wait in a numbered scratch table and only the
// readings travel back, packed in one escaped text literal per chunk that DuckDB splits and joins
// on the number — no raw text is ever written back into SQL; and (2) with France as the default
// country, values the SQL canonical form already settles (every French writing: 06…, +33 6…,
// 0033…, 6… without its 0) are written by SQL alone, since libphonenumber-js reads those
// exactly so (France's national numbers are [1-9] and eight digits in its metadata; a test
// holds the two to agreement). Only the rest — foreign numbers, junk — is parsed in JavaScript.
import type { Db } from '../db';
import { frenchPhone, phoneDigits } from '../profile/phone-canonical';
import { scratchName } from '../profile/value-table';
import { rowsOf, scalarOf } from '../sql/rows';
import { ident, sql, trusted, type Sql } from '../sql/sql';
import type { PhoneReader } from './phone-e164';
import type { CountryCode } from 'libphonenumber-js/min';

/** Values parsed in JavaScript per statement (a chunk's text is about 1 MB each way). */
const CHUNK_ROWS = 50_000;

/** The default country whose national writings the SQL canonical form settles. */
const SQL_SETTLED_COUNTRY: CountryCode = 'FR';

/** What separates values in a chunk's text; phoneKey() leaves out values that hold it. */
export const VALUE_SEPARATOR = '\u001e';

/**
 * One reading as packed text: '' no number, '+33…' valid ('+33…;+44…' for a cell of several),
 * '!+33…' a number that is not valid.
 */
function packed(raw: string, reader: PhoneReader): string {
	const { e164, valid } = reader.read(raw);
	if (e164 === null || !/^\+[0-9]+(;\+[0-9]+)*$/.test(e164)) return '';
	return valid ? e164 : `!${e164}`;
}

/**
 * Reads the distinct, non-NULL values (column `k`) of `keys` with `reader` and writes them into
 * `lookup` in place of any earlier reading. Returns how many values were read.
 */
export async function readPhones(
	db: Db,
	lookup: Sql,
	keys: Sql,
	reader: PhoneReader
): Promise<number> {
	const { country } = reader;
	const pending = ident(scratchName('cc_phone_pending'));
	const settled =
		country === SQL_SETTLED_COUNTRY ? frenchPhone(phoneDigits(trusted('k'))) : sql`NULL::VARCHAR`;
	try {
		// `i` numbers the values left to JavaScript 1, 2, 3… so that a chunk is a range of them.
		await db.exec(sql`CREATE TEMP TABLE ${pending} AS
			SELECT k, e, row_number() OVER (PARTITION BY e IS NULL) AS i
			FROM (SELECT k, ${settled} AS e FROM (${keys}))`);
		await db.exec(sql`DELETE FROM ${lookup} WHERE raw IN (SELECT k FROM ${pending})`);
		await db.exec(sql`INSERT INTO ${lookup}
			SELECT k, ${country}, e, TRUE FROM ${pending} WHERE e IS NOT NULL`);
		const [counts] = rowsOf(
			await db.query(sql`SELECT count(*) AS total, count(*) FILTER (WHERE e IS NULL) AS left
				FROM ${pending}`)
		);
		const left = Number(counts?.left ?? 0);
		for (let first = 1; first <= left; first += CHUNK_ROWS) {
			await readChunk(db, lookup, pending, reader, first, Math.min(first + CHUNK_ROWS - 1, left));
		}
		return Number(counts?.total ?? 0);
	} finally {
		await db.exec(sql`DROP TABLE IF EXISTS ${pending}`);
	}
}

/** Parses the values numbered `first`…`last` in JavaScript and writes their readings. */
async function readChunk(
	db: Db,
	lookup: Sql,
	pending: Sql,
	reader: PhoneReader,
	first: number,
	last: number
): Promise<void> {
	// One text cell per chunk: reading 50,000 one-value rows costs ten times more on native hosts.
	const text = scalarOf(
		await db.query(sql`SELECT string_agg(k, ${VALUE_SEPARATOR} ORDER BY i) FROM ${pending}
			WHERE e IS NULL AND i BETWEEN ${first} AND ${last}`)
	);
	const raws = String(text ?? '').split(VALUE_SEPARATOR);
	if (raws.length !== last - first + 1) throw new Error('The phone numbers could not be read.');
	const readings = raws.map((raw) => packed(raw, reader)).join(',');
	// Both lists are as long as the chunk, so unnest pairs the i-th value with the i-th reading.
	await db.exec(sql`INSERT INTO ${lookup}
		SELECT p.k, ${reader.country}, nullif(ltrim(r.x, '!'), ''), prefix(r.x, '+')
		FROM ${pending} p JOIN (
			SELECT unnest(range(${first}, ${last + 1})) AS i, unnest(string_split(${readings}, ',')) AS x
		) r ON r.i = p.i AND p.e IS NULL`);
}
