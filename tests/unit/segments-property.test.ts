// Property tests of the segment compiler (fast-check, seeded): over random customers (with
// missing values), indicators (sometimes not computed) and events, random rule trees of every
// kind of condition, nested up to four groups deep with negation, always compile to SQL the
// engine accepts — or to the same problems the reference evaluator reports — and select exactly
// the customers the reference evaluator selects. On native DuckDB, the standalone SQL run
// against tables of the same rows selects them too.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { EVENT_KINDS } from '../../src/lib/core/customer360/event-kinds';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { ident, sql, trusted, type Sql } from '../../src/lib/core/sql/sql';
import { compileRule } from '../../src/lib/core/segments/compile';
import { segmentCount } from '../../src/lib/core/segments/count';
import { LeafSets } from '../../src/lib/core/segments/leaf-sets';
import type { Rule, RuleGroup, SegmentDefinition } from '../../src/lib/core/segments/definition';
import { loadFieldCatalogue } from '../../src/lib/core/segments/fields';
import { activityDaysQuery } from '../../src/lib/core/customer360/activity-days';
import { eventsUpTo } from '../../src/lib/core/customer360/orders';
import {
	PURCHASE_CATEGORY_TABLE,
	writePurchaseCategories
} from '../../src/lib/core/customer360/purchase-categories';
import { evaluateRule, type DataRow } from '../../src/lib/core/segments/reference';
import {
	BOOLEAN_OPERATORS,
	DATE_OPERATORS,
	NUMBER_OPERATORS,
	TEXT_OPERATORS,
	type AttributeOperator,
	type BehaviourWindow,
	type EventFilter,
	type FieldType,
	type RuleValue
} from '../../src/lib/core/segments/rules';
import { standaloneSql } from '../../src/lib/core/segments/standalone-sql';
import { engines } from '../support/engines';
import { writeEvents, writeTable, type Columns } from '../support/segment-fixtures';

const AS_OF = '2024-03-31';
const RUNS = 200;

const CUSTOMER_COLUMNS: Columns = [
	['customer_id', 'VARCHAR'],
	['city', 'VARCHAR'],
	['email', 'VARCHAR'],
	['revenue', 'DOUBLE'],
	['orders', 'INTEGER'],
	['birth_date', 'DATE'],
	['last_purchase_at', 'TIMESTAMP'],
	['email_optin', 'BOOLEAN']
];
const INDICATOR_COLUMNS: Columns = [
	['customer_id', 'VARCHAR'],
	['clv', 'DOUBLE'],
	['r_score', 'INTEGER'],
	['f_score', 'INTEGER'],
	['rfm_segment', 'VARCHAR']
];

// Values drawn from small pools, so that rules and data meet often. Letters whose lower case
// the engine and JavaScript agree on (not 'İ' or a final 'Σ').
const text = fc.string({
	unit: fc.constantFrom('a', 'A', 'b', 'É', 'é', 'ü', '%', '_', "'", '\\', ' ', '😀', '-'),
	minLength: 1,
	maxLength: 3
});
/** `arb` or, one time in `freq` (4 unless told), null. */
const maybe = <T>(arb: fc.Arbitrary<T>, freq = 4) => fc.option(arb, { nil: null, freq });
/** True one time in `n`. */
const oneIn = (n: number) => fc.integer({ min: 1, max: n }).map((x) => x === 1);
const cellText = fc.oneof(
	text,
	fc.constant(''),
	fc.constantFrom('Paris', 'PARIS', 'Store', 'In Paris', 'Store B')
);
const number = fc.oneof(
	fc.constantFrom(0, 1, 2, 20, 50, 50.5, 300, -10),
	fc.integer({ min: -100, max: 1000 }),
	fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true })
);
/**
 * Days near the as-of date (2024-03-31) mostly, so that windows' edges are met, some after it,
 * and now and then months before.
 */
const dayOffset = fc.oneof(
	{ weight: 4, arbitrary: fc.integer({ min: 30, max: 45 }) },
	{ weight: 1, arbitrary: fc.integer({ min: -150, max: 30 }) }
);
const dayOf = (offset: number) =>
	new Date(Date.UTC(2024, 1, 20) + offset * 86_400_000).toISOString().slice(0, 10);
const day = dayOffset.map(dayOf);
const timestamp = fc
	.tuple(day, fc.constantFrom('00:00:00', '12:30:00', '23:59:59'))
	.map(([d, t]) => `${d} ${t}`);

const customersArb = fc.integer({ min: 3, max: 8 }).chain((n) =>
	fc.tuple(
		...Array.from({ length: n }, (_, i) =>
			fc.record({
				customer_id: fc.constant(`c${i}`),
				city: maybe(cellText),
				email: maybe(cellText),
				revenue: maybe(number),
				orders: maybe(fc.integer({ min: 0, max: 5 })),
				birth_date: maybe(day),
				last_purchase_at: maybe(timestamp),
				email_optin: maybe(fc.boolean())
			})
		)
	)
);

const indicatorsArb = (ids: string[]) =>
	fc.subarray(ids).chain((some) =>
		fc.tuple(
			...some.map((id) =>
				fc.record({
					customer_id: fc.constant(id),
					clv: maybe(number),
					r_score: fc.integer({ min: 1, max: 5 }),
					f_score: fc.integer({ min: 1, max: 5 }),
					rfm_segment: fc.constantFrom('Champions', 'At risk', 'Lost')
				})
			)
		)
	);

const eventsArb = (ids: string[]) =>
	fc.array(
		fc
			.record({
				customer_id: ids.length > 0 ? maybe(fc.constantFrom(...ids)) : fc.constant(null),
				ambiguous: oneIn(8),
				kind: fc.oneof(fc.constant('purchase' as const), fc.constantFrom(...EVENT_KINDS)),
				lane: fc.constantFrom('Online', 'Store', 'Web'),
				event_at: maybe(timestamp),
				amount: maybe(number),
				order_key: maybe(fc.constantFrom('o1', 'o2', 'o3'), 8),
				category: maybe(cellText),
				product: maybe(cellText),
				event_type: maybe(fc.constantFrom('open', 'click', 'Cancelled', 'REFUND', 'sale')),
				channel: maybe(cellText)
			})
			.map(({ ambiguous, ...e }) => ({
				...e,
				status: e.customer_id === null ? 'anonymous' : ambiguous ? 'ambiguous' : 'linked'
			})),
		{ minLength: 10, maxLength: 50 }
	);

const dataArb = customersArb.chain((customers) => {
	const ids = customers.map((c) => c.customer_id);
	return fc.record({
		customers: fc.constant(customers as DataRow[]),
		indicators: indicatorsArb(ids) as fc.Arbitrary<DataRow[]>,
		events: eventsArb(ids) as fc.Arbitrary<DataRow[]>,
		computed: oneIn(6).map((not) => !not)
	});
});

const sortedPair = <T>(arb: fc.Arbitrary<T>) =>
	fc.tuple(arb, arb).map(([x, y]) => (x <= y ? [x, y] : [y, x]) as T[]);

/** A valid operator and value for a field of `type`. */
function testArb(
	type: FieldType
): fc.Arbitrary<{ operator: AttributeOperator; value?: RuleValue }> {
	const plain = (ops: readonly AttributeOperator[]) =>
		fc.constantFrom(...ops).map((operator) => ({ operator }));
	const valued = (ops: readonly AttributeOperator[], value: fc.Arbitrary<RuleValue>) =>
		fc.record({ operator: fc.constantFrom(...ops), value });
	switch (type) {
		case 'text':
			return fc.oneof(
				valued(
					['is', 'is-not', 'contains', 'starts-with'],
					fc.oneof(text, fc.constantFrom('paris', 'STORE', 'a', 'b', 'é'))
				),
				valued(['in-list'], fc.array(text, { minLength: 1, maxLength: 3 })),
				plain(['is-empty', 'is-not-empty'])
			);
		case 'number':
			return fc.oneof(
				valued(['=', '!=', '<', '<=', '>', '>='], fc.oneof(number, number.map(String))),
				valued(['between'], sortedPair(number)),
				plain(['is-empty', 'is-not-empty'])
			);
		case 'date':
			return fc.oneof(
				valued(['before', 'after', 'on'], day),
				valued(['between'], sortedPair(day)),
				valued(['in-last-days', 'more-than-days-ago'], fc.integer({ min: 0, max: 10 })),
				plain(['is-empty', 'is-not-empty'])
			);
		case 'boolean':
			return plain(BOOLEAN_OPERATORS);
	}
}

const FIELDS: [string, FieldType][] = [
	['city', 'text'],
	['email', 'text'],
	['revenue', 'number'],
	['orders', 'number'],
	['birth_date', 'date'],
	['last_purchase_at', 'date'],
	['email_optin', 'boolean'],
	['clv', 'number'],
	['rfm_segment', 'text'],
	['r_score', 'number']
];
const ALL_OPERATORS = [
	...TEXT_OPERATORS,
	...NUMBER_OPERATORS,
	...DATE_OPERATORS,
	...BOOLEAN_OPERATORS
];

const attributeArb: fc.Arbitrary<Rule> = fc.oneof(
	{
		weight: 9,
		arbitrary: fc
			.constantFrom(...FIELDS)
			.chain(([field, type]) =>
				testArb(type).map((t) => ({ kind: 'attribute' as const, field, ...t }))
			)
	},
	// Now and then something invalid: any operator, any value, an unknown field.
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('attribute' as const),
			field: fc.constantFrom('city', 'revenue', 'birth_date', 'nope'),
			operator: fc.constantFrom(...ALL_OPERATORS),
			value: fc.oneof(text, number, day, fc.constant(null))
		})
	}
);

const windowArb: fc.Arbitrary<BehaviourWindow> = fc.oneof(
	fc.constant({ kind: 'ever' as const }),
	fc.integer({ min: 0, max: 10 }).map((days) => ({ kind: 'last-days' as const, days })),
	sortedPair(day).map(([from, to]) => ({ kind: 'between' as const, from: from!, to: to! })),
	day.map((from) => ({ kind: 'since' as const, from }))
);

const eventFilterArb: fc.Arbitrary<EventFilter> = fc.oneof(
	fc
		.constantFrom('category', 'product', 'lane', 'channel' as const)
		.chain((field) => testArb('text').map((t) => ({ field, ...t }) as EventFilter)),
	testArb('number').map((t) => ({ field: 'amount', ...t }) as EventFilter)
);

const behaviourArb: fc.Arbitrary<Rule> = fc.record({
	kind: fc.constant('behaviour' as const),
	event: fc.oneof(fc.constant('purchase' as const), fc.constantFrom(...EVENT_KINDS)),
	eventType: fc.oneof(
		{ weight: 3, arbitrary: fc.constant(null) },
		{ weight: 1, arbitrary: fc.constantFrom('OPEN', 'click', 'sale') }
	),
	where: fc.oneof(
		fc.constant<EventFilter[]>([]),
		fc.array(eventFilterArb, { minLength: 1, maxLength: 2 })
	),
	count: fc.constantFrom('at-least' as const, 'at-most' as const, 'exactly' as const),
	times: fc.integer({ min: 0, max: 3 }),
	window: windowArb
});

/** "Bought in category": the shape the bought categories answer, any count and window. */
const boughtInCategoryArb: fc.Arbitrary<Rule> = fc.record({
	kind: fc.constant('behaviour' as const),
	event: fc.constant('purchase' as const),
	eventType: fc.constant(null),
	where: fc.oneof(
		cellText.map((value): EventFilter[] => [{ field: 'category', operator: 'is', value }]),
		fc
			.array(cellText, { minLength: 1, maxLength: 3 })
			.map((value): EventFilter[] => [{ field: 'category', operator: 'in-list', value }])
	),
	count: fc.constantFrom('at-least' as const, 'at-most' as const, 'exactly' as const),
	times: fc.integer({ min: 0, max: 3 }),
	window: windowArb
});

const indicatorArb: fc.Arbitrary<Rule> = fc.oneof(
	fc
		.record({ r: fc.integer({ min: 1, max: 5 }), f: fc.integer({ min: 1, max: 5 }) })
		.map(({ r, f }) => ({
			kind: 'indicator' as const,
			filter: { kind: 'rfm-cell' as const, r, f }
		})),
	fc.constantFrom('Champions', 'Lost').map((segment) => ({
		kind: 'indicator' as const,
		filter: { kind: 'rfm-segment' as const, segment }
	}))
);

const membershipArb: fc.Arbitrary<Rule> = fc
	.constantFrom('s0', 's1', 's1', 'gone')
	.map((segmentId) => ({ kind: 'segment' as const, segmentId }));

const leafArb = (segments: boolean) =>
	fc.oneof(
		{ weight: 5, arbitrary: attributeArb },
		{ weight: 4, arbitrary: behaviourArb },
		{ weight: 1, arbitrary: boughtInCategoryArb },
		{ weight: 1, arbitrary: indicatorArb },
		{ weight: segments ? 1 : 0, arbitrary: membershipArb }
	);

function treeArb(depth: number, segments: boolean): fc.Arbitrary<RuleGroup> {
	const child: fc.Arbitrary<Rule> =
		depth <= 1
			? leafArb(segments)
			: fc.oneof(
					{ weight: 3, arbitrary: leafArb(segments) },
					{ weight: 1, arbitrary: treeArb(depth - 1, segments) }
				);
	return fc.record({
		kind: fc.constant('group' as const),
		combinator: fc.constantFrom('and' as const, 'or' as const),
		negate: fc.boolean(),
		children: fc.array(child, { minLength: depth > 2 ? 1 : 0, maxLength: 3 })
	});
}

const saved = (id: string, rule: RuleGroup): SegmentDefinition => ({
	id,
	name: `Segment ${id}`,
	description: 'Made by a property test',
	colour: '#000',
	createdAt: 0,
	updatedAt: 0,
	rule
});

/** Two saved segments, the second possibly in the first: s0 has no membership, s1 may use s0. */
const segmentsArb = fc
	.tuple(treeArb(2, false), treeArb(2, false), fc.boolean())
	.map(([first, second, nest]) => [
		saved('s0', first),
		saved(
			's1',
			nest
				? { ...second, children: [...second.children, { kind: 'segment', segmentId: 's0' }] }
				: second
		)
	]);

const caseArb = fc.record({ data: dataArb, segments: segmentsArb, rule: treeArb(4, true) });

/** The tree's conditions, each alone in a group: a wrong leaf is then seen whatever its tree. */
function leavesOf(rule: Rule): RuleGroup[] {
	if (rule.kind === 'group') return rule.children.flatMap(leavesOf);
	return [{ kind: 'group', combinator: 'and', negate: false, children: [rule] }];
}

describe.each(engines)('random rules on random data ($name DuckDB)', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
	});
	afterAll(() => db.close());

	const idsOf = async (query: Sql) =>
		rowsOf(await db.query(query))
			.map((r) => String(r.customer_id))
			.sort();

	it(`selects what the reference evaluator selects (${RUNS} seeded cases)`, async () => {
		let compiled = 0;
		let selective = 0;
		let byCategory = 0;
		let cases = 0;
		await fc.assert(
			fc.asyncProperty(caseArb, async ({ data, segments, rule }) => {
				const indicators = data.computed ? data.indicators : [];
				await writeTable(db, 'cc_customer_360', CUSTOMER_COLUMNS, data.customers);
				await writeEvents(db, 'cc_event', data.events);
				// Every other case, the customers carry their activity days as a 360° build
				// writes them, so behaviour conditions are counted from those instead of events.
				// The bought categories too, which "bought in category" conditions count from.
				if (cases++ % 2 === 0) {
					await db.exec(sql`CREATE OR REPLACE TABLE cc_customer_360 AS
						SELECT c.*, d.activity_days FROM cc_customer_360 c
						LEFT JOIN (${activityDaysQuery(eventsUpTo(AS_OF))}) d USING (customer_id)`);
					await writePurchaseCategories(db, eventsUpTo(AS_OF));
				} else {
					await db.exec(sql`DROP TABLE IF EXISTS ${ident(PURCHASE_CATEGORY_TABLE)}`);
				}
				if (data.computed) await writeTable(db, 'cc_indicator', INDICATOR_COLUMNS, indicators);
				else await db.exec(sql`DROP TABLE IF EXISTS cc_indicator`);
				const context = { fields: await loadFieldCatalogue(db), asOf: AS_OF, segments };
				// One set of kept conditions for the case's data: the leaves reuse the tree's.
				const kept = new LeafSets(`case ${cases}`);
				for (const tree of [rule, ...leavesOf(rule)]) {
					const result = compileRule(tree, context);
					const reference = evaluateRule(tree, context, { ...data, indicators });
					if (!result.ok) {
						expect(reference).toEqual(result);
						continue;
					}
					compiled += 1;
					if (result.sql.text.includes(PURCHASE_CATEGORY_TABLE)) byCategory += 1;
					const ids = await idsOf(result.sql);
					expect({ tree, ids }).toEqual({ tree, ids: reference.ok ? reference.ids : null });
					// The live count from kept condition bitmaps equals the count in one query.
					const live = await kept.count(db, result.rule, result.target);
					const counted = await segmentCount(db, result.selection);
					expect({ tree, customers: live.customers, share: live.share }).toEqual({
						tree,
						customers: ids.length,
						share: counted.share
					});
					expect(live.revenue).toBeCloseTo(counted.revenue, 6);
					expect(live.revenueShare ?? 0).toBeCloseTo(counted.revenueShare ?? 0, 9);
					if (ids.length > 0 && ids.length < data.customers.length) selective += 1;
				}
				if (engine.name !== 'native') return;
				// The standalone file on tables named as exported, holding the same rows.
				const result = compileRule(rule, context);
				if (!result.ok) return;
				await writeTable(db, 'customer_360', CUSTOMER_COLUMNS, data.customers);
				await writeEvents(db, 'events', data.events);
				await writeTable(db, 'indicators', INDICATOR_COLUMNS, indicators);
				const standalone = standaloneSql(saved('draft', rule), context);
				if (!standalone.ok) throw new Error(JSON.stringify(standalone.errors));
				expect(await idsOf(trusted(standalone.text))).toEqual(await idsOf(result.sql));
			}),
			{ numRuns: RUNS, seed: 20240331, endOnFailure: true }
		);
		// Most rules must be valid and select some customers but not all, or this says little.
		expect(compiled).toBeGreaterThan(RUNS * 2);
		expect(selective).toBeGreaterThan(RUNS / 2);
		// Some "bought in category" conditions were counted from the bought categories.
		expect(byCategory).toBeGreaterThan(5);
	}, 120_000);
});
