// The live count from kept condition bitmaps (leaf-sets.ts) on a table wider than one 32-bit
// word: rows on every bit of a word, the top bit included (it travels as a negative INTEGER),
// give the same customers, shares and revenue as the count in one query, on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { compileRule } from '../../src/lib/core/segments/compile';
import { segmentCount } from '../../src/lib/core/segments/count';
import type { Rule } from '../../src/lib/core/segments/definition';
import { loadFieldCatalogue } from '../../src/lib/core/segments/fields';
import { LeafSets } from '../../src/lib/core/segments/leaf-sets';
import { attribute, group } from '../../src/lib/core/segments/shortcuts';
import { trusted } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

const CUSTOMERS = 100;
const revenueOf = (n: number) => n * 1.5;

describe.each(engines)('counts from kept condition bitmaps ($name DuckDB)', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
		await db.exec(
			trusted(`CREATE TABLE cc_customer_360 AS
			SELECT 'c' || range AS customer_id, range AS n, range * 1.5 AS revenue,
				CASE WHEN range % 3 = 0 THEN 'Paris' ELSE 'Lyon' END AS city
			FROM range(${CUSTOMERS})`)
		);
	});
	afterAll(() => db.close());

	const cases: [string, Rule, number[]][] = [
		['the top bit of a word', group('and', [attribute('n', '=', 31)]), [31]],
		[
			'the top and bottom bits of several words',
			group(
				'or',
				[0, 31, 32, 63, 95, 99].map((n) => attribute('n', '=', n))
			),
			[0, 31, 32, 63, 95, 99]
		],
		[
			'a negated group of two conditions',
			group('and', [attribute('city', 'is', 'Paris'), attribute('n', '<', 90)], true),
			[...Array(CUSTOMERS).keys()].filter((n) => !(n % 3 === 0 && n < 90))
		],
		['an empty OR group (no one)', group('or', []), []],
		['an empty AND group (everyone)', group('and', []), [...Array(CUSTOMERS).keys()]]
	];

	it.each(cases)('selects %s', async (_name, rule, expected) => {
		const context = { fields: await loadFieldCatalogue(db), asOf: '2024-01-01', segments: [] };
		const compiled = compileRule(rule, context);
		if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
		const kept = new LeafSets('test');
		const live = await kept.count(db, compiled.rule, compiled.target);
		const revenue = expected.reduce((sum, n) => sum + revenueOf(n), 0);
		const allRevenue = [...Array(CUSTOMERS).keys()].reduce((sum, n) => sum + revenueOf(n), 0);
		expect(live).toEqual({
			customers: expected.length,
			share: expected.length / CUSTOMERS,
			revenue,
			revenueShare: revenue / allRevenue
		});
		expect(await segmentCount(db, compiled.selection)).toEqual(live);
		// Counted again from the kept sets: the same answer.
		expect(await kept.count(db, compiled.rule, compiled.target)).toEqual(live);
	});
});
