// "Bought in category" conditions counted from the bought categories (purchase-categories.ts)
// select the customers that reading the events selects, on the cases where the two could part:
// an order with lines in two listed categories (one order, not two), a category written in
// another case, an undated line (only without a window), a line at the window's first midnight
// and one a minute before it, a cancelled order, and a line after the as-of day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { eventsUpTo } from '../../src/lib/core/customer360/orders';
import {
	PURCHASE_CATEGORY_TABLE,
	writePurchaseCategories
} from '../../src/lib/core/customer360/purchase-categories';
import { compileRule } from '../../src/lib/core/segments/compile';
import type { Rule } from '../../src/lib/core/segments/definition';
import type { BehaviourWindow } from '../../src/lib/core/segments/rules';
import { loadFieldCatalogue } from '../../src/lib/core/segments/fields';
import { behaviour, group } from '../../src/lib/core/segments/shortcuts';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { ident, sql } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';
import { writeEvents, writeTable } from '../support/segment-fixtures';

const AS_OF = '2024-03-31';

const line = (
	customer: string,
	order: string,
	category: string,
	at: string | null,
	type = 'sale'
) => ({
	customer_id: customer,
	status: 'linked',
	kind: 'purchase',
	lane: 'Online',
	event_at: at,
	amount: 10,
	order_key: order,
	category,
	product: null,
	event_type: type,
	channel: null
});

const EVENTS = [
	line('c1', 'o1', 'Shoes', '2024-03-21 10:00:00'),
	line('c1', 'o1', 'Bags', '2024-03-28 10:00:00'),
	line('c1', 'o2', 'shoes', '2024-02-20 10:00:00'),
	line('c1', 'o3', 'SHOES', null),
	line('c2', 'o4', 'Bags', '2024-03-24 00:00:00'),
	line('c3', 'o5', 'Bags', '2024-03-23 23:59:00'),
	line('c3', 'o6', 'Shoes', '2024-03-30 10:00:00', 'Cancelled'),
	line('c4', 'o7', 'Shoes', '2024-04-01 10:00:00')
];

const bought = (
	count: 'at-least' | 'at-most' | 'exactly',
	times: number,
	window: BehaviourWindow,
	...categories: string[]
): Rule =>
	group('and', [
		behaviour('purchase', count, times, {
			where: [
				categories.length === 1
					? { field: 'category', operator: 'is', value: categories[0]! }
					: { field: 'category', operator: 'in-list', value: categories }
			],
			window
		})
	]);

const CASES: [string, Rule, string[]][] = [
	['Shoes at least 3 times ever', bought('at-least', 3, { kind: 'ever' }, 'Shoes'), ['c1']],
	[
		'Shoes or Bags exactly 3 times ever',
		bought('exactly', 3, { kind: 'ever' }, 'Shoes', 'Bags'),
		['c1']
	],
	[
		'Shoes in the last 30 days',
		bought('at-least', 1, { kind: 'last-days', days: 30 }, 'shoes'),
		['c1']
	],
	[
		'Shoes twice in the last 60 days',
		bought('at-least', 2, { kind: 'last-days', days: 60 }, 'Shoes'),
		['c1']
	],
	[
		'Bags in the last 7 days',
		bought('at-least', 1, { kind: 'last-days', days: 7 }, 'Bags'),
		['c1', 'c2']
	],
	[
		'Bags since the 24th',
		bought('at-least', 1, { kind: 'since', from: '2024-03-24' }, 'Bags'),
		['c1', 'c2']
	],
	[
		'no Bags in the last 7 days',
		bought('exactly', 0, { kind: 'last-days', days: 7 }, 'bags'),
		['c3', 'c4']
	],
	['Shoes at most once ever', bought('at-most', 1, { kind: 'ever' }, 'Shoes'), ['c2', 'c3', 'c4']]
];

describe.each(engines)('bought categories ($name DuckDB)', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
		await writeTable(
			db,
			'cc_customer_360',
			[
				['customer_id', 'VARCHAR'],
				['revenue', 'DOUBLE']
			],
			[
				{ customer_id: 'c1', revenue: 1 },
				{ customer_id: 'c2', revenue: 2 },
				{ customer_id: 'c3', revenue: 3 },
				{ customer_id: 'c4', revenue: 4 }
			]
		);
		await writeEvents(db, 'cc_event', EVENTS);
	});
	afterAll(() => db.close());

	const idsOf = async (rule: Rule, fromCategories: boolean) => {
		const context = { fields: await loadFieldCatalogue(db), asOf: AS_OF, segments: [] };
		const result = compileRule(rule, context);
		if (!result.ok) throw new Error(JSON.stringify(result.errors));
		expect(result.sql.text.includes(PURCHASE_CATEGORY_TABLE)).toBe(fromCategories);
		return rowsOf(await db.query(result.sql))
			.map((r) => String(r.customer_id))
			.sort();
	};

	it.each(CASES)(
		'%s: the same customers from the events and from the categories',
		async (_name, rule, expected) => {
			await db.exec(sql`DROP TABLE IF EXISTS ${ident(PURCHASE_CATEGORY_TABLE)}`);
			expect(await idsOf(rule, false)).toEqual(expected);
			await writePurchaseCategories(db, eventsUpTo(AS_OF));
			expect(await idsOf(rule, true)).toEqual(expected);
		}
	);

	it('reads the events for a window that ends before the as-of day', async () => {
		await writePurchaseCategories(db, eventsUpTo(AS_OF));
		const rule = bought(
			'at-least',
			1,
			{ kind: 'between', from: '2024-03-01', to: '2024-03-25' },
			'Bags'
		);
		expect(await idsOf(rule, false)).toEqual(['c2', 'c3']);
	});
});
