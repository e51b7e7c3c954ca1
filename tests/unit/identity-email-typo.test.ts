// The e-mail comparison's "one typo" level against its definition, over seeded random pairs of
// addresses (fast-check): one edit apart (a character changed, added, dropped, or two
// neighbours swapped, anywhere, also in accented and emoji characters), two edits apart, and
// unrelated. The level skips Levenshtein for pairs that share neither half of the shorter
// address; this checks that the shortcut never turns away a pair one edit apart. Run on native
// DuckDB and on the wasm build.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { COMPARISONS, levelOf, sideOf } from '../../src/lib/core/identity/comparisons';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { join, sql } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

const letter = fc.constantFrom('a', 'b', 'e', 'n', 'o', '.', '-', '_', '1', '2', 'é', 'ü', '😀');
const local = fc.string({ unit: letter, minLength: 0, maxLength: 24 });
const address = fc
	.tuple(local, fc.constantFrom('x.org', 'mail.example.com', 'é.fr'))
	.map(([name, domain]) => `${name}@${domain}`);

type Edit = 'change' | 'add' | 'drop' | 'swap';

/** `text` with one edit at `at` (taken modulo its length), on whole characters. */
function edited(text: string, edit: Edit, at: number, by: string): string {
	const chars = [...text];
	const i = chars.length === 0 ? 0 : at % chars.length;
	if (edit === 'change') chars.splice(i, 1, by);
	else if (edit === 'add') chars.splice(i, 0, by);
	else if (edit === 'drop') chars.splice(i, 1);
	else if (i + 1 < chars.length) chars.splice(i, 2, chars[i + 1] as string, chars[i] as string);
	return chars.join('');
}

const edit = fc.tuple(fc.constantFrom<Edit>('change', 'add', 'drop', 'swap'), fc.nat(40), letter);
const oneEdit = fc
	.tuple(address, edit)
	.map(([a, [kind, at, by]]) => [a, edited(a, kind, at, by)] as const);
const twoEdits = fc
	.tuple(oneEdit, edit)
	.map(([[a, b], [kind, at, by]]) => [a, edited(b, kind, at, by)] as const);
const unrelated = fc.tuple(address, address);

const PAIRS = [
	...fc.sample(oneEdit, { seed: 41, numRuns: 1500 }),
	...fc.sample(twoEdits, { seed: 42, numRuns: 500 }),
	...fc.sample(unrelated, { seed: 43, numRuns: 500 })
];

describe.each(engines)('the e-mail one-typo level ($name)', (engine) => {
	let db: Db & { close(): void };
	beforeEach(async () => {
		db = await engine.open();
	});
	afterEach(() => db.close());

	it('is the level of every pair within one edit whose letters differ, and of no other', async () => {
		const email = COMPARISONS.find((c) => c.id === 'email');
		if (!email) throw new Error('no e-mail comparison');
		const rows = PAIRS.map(([a, b], i) => sql`(${i}, ${a}, ${b})`);
		await db.exec(sql`CREATE TEMP TABLE pair AS SELECT * FROM (VALUES ${join(rows)}) t(i, x, y)`);
		const level = levelOf(email, sideOf('a'), sideOf('b'));
		const result = rowsOf(
			await db.query(sql`SELECT count(*) AS pairs,
					count(*) FILTER (WHERE level = 1) AS typos,
					count(*) FILTER (WHERE level <> expected) AS wrong
				FROM (SELECT ${level} AS level,
						CASE WHEN a.email = b.email THEN 0
							WHEN damerau_levenshtein(a.email, b.email) <= 1
								AND regexp_replace(a.email, '[0-9]', '', 'g')
									<> regexp_replace(b.email, '[0-9]', '', 'g')
							THEN 1 ELSE 2 END AS expected
					FROM (SELECT i, x AS email, NULL::VARCHAR[] AS emails_if_several FROM pair) a
					JOIN (SELECT i, y AS email, NULL::VARCHAR[] AS emails_if_several FROM pair) b
						USING (i))`)
		);
		expect(result[0]).toMatchObject({ pairs: PAIRS.length, wrong: 0 });
		// Most pairs one edit apart are at the level: the check is not vacuous.
		expect(Number(result[0]?.typos)).toBeGreaterThan(1000);
	});
});
