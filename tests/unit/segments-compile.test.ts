// Segment rules compiled to SQL and run on DuckDB over five hand-made customers, their
// indicators and events: each operator selects exactly the expected customers; hostile values
// (quotes, SQL, LIKE wildcards, backslashes, unicode, spreadsheet formulas) match literally and
// never break the query; problems come back as values with a marketer's words; the live count,
// the preview, the field catalogue and the standalone SQL agree with the compiled rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { DEFAULT_LIFECYCLE } from '../../src/lib/core/indicators/settings';
import { memberIds } from '../../src/lib/core/indicators/members';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { sql, trusted, type Sql } from '../../src/lib/core/sql/sql';
import { compileRule, compileSegment } from '../../src/lib/core/segments/compile';
import { segmentCount, segmentPreview } from '../../src/lib/core/segments/count';
import type { Rule, SegmentDefinition } from '../../src/lib/core/segments/definition';
import { loadFieldCatalogue, type FieldCatalogue } from '../../src/lib/core/segments/fields';
import { evaluateRule, type DataRow } from '../../src/lib/core/segments/reference';
import type { BehaviourWindow } from '../../src/lib/core/segments/rules';
import {
	attribute as a,
	behaviour,
	boughtInCategory,
	channelIsStore,
	group,
	hasNotPurchasedSince,
	inSegment
} from '../../src/lib/core/segments/shortcuts';
import { conditionText } from '../../src/lib/core/segments/describe';
import { standaloneSql } from '../../src/lib/core/segments/standalone-sql';
import type { RuleContext } from '../../src/lib/core/segments/validate';
import { engines } from '../support/engines';
import { segment, writeEvents, writeTable, type Columns } from '../support/segment-fixtures';

const AS_OF = '2024-03-31';
const DROP = "'; DROP TABLE cc_customer_360; --";
const FORMULA = '=HYPERLINK("http://x","y")';

const CUSTOMER_COLUMNS: Columns = [
	['customer_id', 'VARCHAR'],
	['first_name', 'VARCHAR'],
	['last_name', 'VARCHAR'],
	['email', 'VARCHAR'],
	['city', 'VARCHAR'],
	['birth_date', 'DATE'],
	['email_optin', 'BOOLEAN'],
	['first_seen', 'TIMESTAMP'],
	['orders', 'INTEGER'],
	['revenue', 'DOUBLE'],
	['last_purchase_at', 'TIMESTAMP'],
	['preferred_channel', 'VARCHAR'],
	['search_text', 'VARCHAR']
];
const INDICATOR_COLUMNS: Columns = [
	['customer_id', 'VARCHAR'],
	['clv', 'DOUBLE'],
	['p_alive', 'DOUBLE'],
	['r_score', 'INTEGER'],
	['f_score', 'INTEGER'],
	['rfm_segment', 'VARCHAR']
];

const customer = (
	customer_id: string,
	first_name: string,
	email: string | null,
	city: string | null,
	birth_date: string | null,
	email_optin: boolean | null,
	revenue: number,
	last_purchase_at: string | null,
	preferred_channel: string | null
): DataRow => ({
	customer_id,
	first_name,
	last_name: 'Doe',
	email,
	city,
	birth_date,
	email_optin,
	first_seen: '2023-01-01 00:00:00',
	orders: 0,
	revenue,
	last_purchase_at,
	preferred_channel,
	search_text: 'internal'
});

const CUSTOMERS: DataRow[] = [
	customer(
		'c1',
		'Alice',
		'alice@shop.fr',
		'Paris',
		'1990-05-01',
		true,
		300,
		'2024-03-30 10:00:00',
		'Store'
	),
	customer('c2', 'Bob', null, 'PARIS', null, false, 50, '2024-03-01 00:00:00', 'Online'),
	customer('c3', 'Chloé', 'chloe_100%@x.com', 'Lyon', '1985-12-31', null, 0, null, null),
	customer(
		'c4',
		DROP,
		'',
		'Saint-Étienne',
		'2000-02-29',
		true,
		1000.5,
		'2023-12-01 09:00:00',
		'Store'
	),
	customer(
		'c5',
		FORMULA,
		'back\\slash@x.com',
		'Zürich 😀',
		null,
		false,
		20,
		'2024-03-01 23:59:59',
		'Online'
	)
];

const INDICATORS: DataRow[] = [
	{ customer_id: 'c1', clv: 500, p_alive: 0.9, r_score: 5, f_score: 3, rfm_segment: 'Champions' },
	{ customer_id: 'c2', clv: 20, p_alive: 0.4, r_score: 3, f_score: 1, rfm_segment: 'At risk' },
	{
		customer_id: 'c4',
		clv: null,
		p_alive: null,
		r_score: 1,
		f_score: 2,
		rfm_segment: 'Hibernating'
	},
	{ customer_id: 'c5', clv: 50, p_alive: 0.7, r_score: 5, f_score: 5, rfm_segment: 'Champions' }
];

const event = (
	customer_id: string | null,
	kind: string,
	event_at: string | null,
	more: Partial<Record<string, string | number | null>> = {}
): DataRow => ({
	customer_id,
	status: customer_id ? 'linked' : 'anonymous',
	kind,
	lane: kind === 'purchase' ? 'Online' : kind === 'web' ? 'Web' : 'E-mail',
	event_at,
	amount: null,
	order_key: null,
	category: null,
	product: null,
	event_type: null,
	channel: null,
	...more
});

const sale = (
	id: string | null,
	order: string,
	at: string | null,
	category: string,
	amount: number,
	more = {}
) => event(id, 'purchase', at, { order_key: order, category, amount, ...more });

const EVENTS: DataRow[] = [
	sale('c1', 'o1', '2024-03-30 10:00:00', 'Shoes', 80, { lane: 'Store', product: 'Runner' }),
	sale('c1', 'o1', '2024-03-30 10:00:00', 'Socks', 20, { lane: 'Store' }),
	sale('c1', 'o2', '2024-02-15 12:00:00', 'Shoes', 200),
	sale('c1', 'o3', '2024-01-10 12:00:00', 'Bags', 100, { event_type: 'Cancelled' }),
	event('c1', 'web', '2024-03-29 08:00:00'),
	event('c1', 'web', '2024-03-20 08:00:00'),
	sale('c2', 'o4', '2024-03-01 00:00:00', 'Bags', 50, { channel: 'app' }),
	event('c2', 'email', '2024-03-25 08:00:00', { event_type: 'open' }),
	event('c2', 'email', '2024-03-26 08:00:00', { event_type: 'click' }),
	event('c3', 'web', '2024-03-31 23:00:00'),
	event('c3', 'web', '2024-04-02 08:00:00'),
	{ ...sale('c3', 'o9', '2024-03-02 08:00:00', 'Bags', 10), status: 'ambiguous' },
	sale('c4', 'o5', '2023-12-01 09:00:00', 'Shoes', 1000.5, { lane: 'Store' }),
	sale('c4', 'o6', null, 'Hats', 0),
	sale('c5', 'o7', '2024-03-01 23:59:59', 'Shoes 100%', 5, { product: DROP }),
	sale('c5', 'o8', '2024-02-01 10:00:00', 'Hats', 5),
	sale('c5', 'o10', '2024-01-01 10:00:00', FORMULA, 5),
	sale('c5', 'o11', '2023-06-01 10:00:00', 'back\\slash', 5),
	sale(null, 'o12', '2024-03-01 10:00:00', 'Shoes', 999)
];

const DATA = { customers: CUSTOMERS, indicators: INDICATORS, events: EVENTS };

const SEGMENTS: SegmentDefinition[] = [
	segment('vip', 'VIP', a('revenue', '>=', 300)),
	segment('paris', 'Parisians', a('city', 'is', 'paris')),
	segment('uses-vip', 'VIP in Paris', group('and', [inSegment('vip'), inSegment('paris')])),
	segment('loop-a', 'Loop A', inSegment('loop-b')),
	segment('loop-b', 'Loop B', inSegment('loop-a')),
	segment('self', 'Myself', inSegment('self')),
	segment('back', 'Back', inSegment('editing'))
];

const ALL = ['c1', 'c2', 'c3', 'c4', 'c5'];
const last = (days: number): BehaviourWindow => ({ kind: 'last-days', days });

// [what, rule, expected customer ids]
const CASES: [string, Rule, string[]][] = [
	// text
	['is, any case', a('city', 'is', 'paris'), ['c1', 'c2']],
	['is not: a missing value is not Paris', a('city', 'is-not', 'Paris'), ['c3', 'c4', 'c5']],
	['contains an accented capital', a('city', 'contains', 'É'), ['c4']],
	['% is a plain character', a('email', 'contains', '%'), ['c3']],
	['_ is a plain character', a('email', 'contains', '_'), ['c3']],
	['starts with a backslash', a('email', 'starts-with', 'back\\'), ['c5']],
	['starts with, any case', a('email', 'starts-with', 'ALICE@'), ['c1']],
	['starts with is not contains', a('email', 'starts-with', 'shop'), []],
	['in list, unicode', a('city', 'in-list', ['lyon', 'ZÜRICH 😀']), ['c3', 'c5']],
	['is empty: no value or blank', a('email', 'is-empty'), ['c2', 'c4']],
	['is not empty', a('email', 'is-not-empty'), ['c1', 'c3', 'c5']],
	['SQL in a value is a value', a('first_name', 'is', DROP), ['c4']],
	['a formula is a value', a('first_name', 'is', FORMULA), ['c5']],
	['quotes inside contains', a('first_name', 'contains', "'; drop"), ['c4']],
	['a number as text', a('first_name', 'contains', 100), []],
	// numbers
	['=', a('revenue', '=', 50), ['c2']],
	['≠', a('revenue', '!=', 50), ['c1', 'c3', 'c4', 'c5']],
	['<', a('revenue', '<', 50), ['c3', 'c5']],
	['≤', a('revenue', '<=', 50), ['c2', 'c3', 'c5']],
	['>', a('revenue', '>', 300), ['c4']],
	['≥ a decimal', a('revenue', '>=', 1000.5), ['c4']],
	['between, inclusive', a('revenue', 'between', [20, 300]), ['c1', 'c2', 'c5']],
	['numbers typed as text', a('revenue', 'between', ['20', ' 300 ']), ['c1', 'c2', 'c5']],
	['an indicator', a('clv', '>', 30), ['c1', 'c5']],
	['no indicator is empty', a('clv', 'is-empty'), ['c3', 'c4']],
	['≠ keeps missing values', a('clv', '!=', 500), ['c2', 'c3', 'c4', 'c5']],
	['a negative number', a('p_alive', '>', -1), ['c1', 'c2', 'c5']],
	[
		'huge and tiny numbers',
		group('and', [a('revenue', '<', 1e300), a('revenue', '>', -1e-300)]),
		ALL
	],
	// dates
	['before', a('birth_date', 'before', '1990-01-01'), ['c3']],
	['after', a('birth_date', 'after', '1985-12-31'), ['c1', 'c4']],
	['on a leap day', a('birth_date', 'on', '2000-02-29'), ['c4']],
	[
		'between days, inclusive',
		a('birth_date', 'between', ['1985-12-31', '1990-05-01']),
		['c1', 'c3']
	],
	['date is empty', a('birth_date', 'is-empty'), ['c2', 'c5']],
	['a timestamp on its day', a('last_purchase_at', 'on', '2024-03-01'), ['c2', 'c5']],
	['in the last 30 days', a('last_purchase_at', 'in-last-days', 30), ['c1', 'c2', 'c5']],
	['in the last 29 days', a('last_purchase_at', 'in-last-days', 29), ['c1']],
	['more than 30 days ago', a('last_purchase_at', 'more-than-days-ago', 30), ['c4']],
	['more than 29 days ago', a('last_purchase_at', 'more-than-days-ago', 29), ['c2', 'c4', 'c5']],
	// booleans
	['is yes', a('email_optin', 'is-true'), ['c1', 'c4']],
	['is no', a('email_optin', 'is-false'), ['c2', 'c5']],
	['unknown', a('email_optin', 'is-empty'), ['c3']],
	// groups
	[
		'NOT (e-mail contains shop) keeps no e-mail',
		group('and', [a('email', 'contains', 'shop')], true),
		['c2', 'c3', 'c4', 'c5']
	],
	['AND', group('and', [a('city', 'is', 'paris'), a('revenue', '>', 100)]), ['c1']],
	['OR', group('or', [a('city', 'is', 'lyon'), a('revenue', '>', 500)]), ['c3', 'c4']],
	['an empty AND is everyone', group('and', []), ALL],
	['an empty OR is no one', group('or', []), []],
	['NOT an empty AND is no one', group('and', [], true), []],
	[
		'nested NOT',
		group('or', [group('and', [a('city', 'is', 'paris')], true), a('clv', '>', 100)]),
		['c1', 'c3', 'c4', 'c5']
	],
	// behaviour
	['purchased', behaviour('purchase', 'at-least', 1), ['c1', 'c2', 'c4', 'c5']],
	['never purchased (ambiguous events do not count)', behaviour('purchase', 'exactly', 0), ['c3']],
	[
		'orders, not lines; cancelled ones do not count',
		behaviour('purchase', 'exactly', 2),
		['c1', 'c4']
	],
	['at least 0 is everyone', behaviour('purchase', 'at-least', 0), ALL],
	['at most 1', behaviour('purchase', 'at-most', 1), ['c2', 'c3']],
	['at least 3', behaviour('purchase', 'at-least', 3), ['c5']],
	[
		'undated orders count only without a window',
		behaviour('purchase', 'exactly', 1, { window: last(365) }),
		['c2', 'c4']
	],
	['in the last 60 days', behaviour('purchase', 'at-least', 2, { window: last(60) }), ['c1', 'c5']],
	[
		'between dates',
		behaviour('purchase', 'at-least', 1, {
			window: { kind: 'between', from: '2023-11-01', to: '2023-12-31' }
		}),
		['c4']
	],
	['bought in a category, any case', boughtInCategory('SHOES'), ['c1', 'c4']],
	[
		'a category with % and SQL',
		behaviour('purchase', 'at-least', 1, {
			where: [{ field: 'category', operator: 'contains', value: '100%' }]
		}),
		['c5']
	],
	['a category that is a formula', boughtInCategory(FORMULA), ['c5']],
	['a category with a backslash', boughtInCategory('back\\slash'), ['c5']],
	[
		'a product that is SQL',
		behaviour('purchase', 'at-least', 1, {
			where: [{ field: 'product', operator: 'is', value: DROP }]
		}),
		['c5']
	],
	[
		'a line over an amount',
		behaviour('purchase', 'at-least', 1, {
			where: [{ field: 'amount', operator: '>', value: 150 }]
		}),
		['c1', 'c4']
	],
	[
		'in store',
		behaviour('purchase', 'at-least', 1, {
			where: [{ field: 'lane', operator: 'is', value: 'store' }]
		}),
		['c1', 'c4']
	],
	[
		'a channel',
		behaviour('purchase', 'at-least', 1, {
			where: [{ field: 'channel', operator: 'is', value: 'APP' }]
		}),
		['c2']
	],
	['has not purchased since', hasNotPurchasedSince('2024-03-01'), ['c3', 'c4']],
	['web visits up to the as-of day only', behaviour('web', 'at-least', 2), ['c1']],
	['web visits', behaviour('web', 'at-least', 1), ['c1', 'c3']],
	['an event type, any case', behaviour('email', 'at-least', 1, { eventType: 'OPEN' }), ['c2']],
	[
		'no e-mail click',
		behaviour('email', 'exactly', 0, { eventType: 'click' }),
		['c1', 'c3', 'c4', 'c5']
	],
	['channel is store', channelIsStore(), ['c1', 'c4']],
	// indicator marks and segments
	['an RFM cell', { kind: 'indicator', filter: { kind: 'rfm-cell', r: 5, f: 3 } }, ['c1']],
	[
		'an RFM segment',
		{ kind: 'indicator', filter: { kind: 'rfm-segment', segment: 'Champions' } },
		['c1', 'c5']
	],
	['in a segment', inSegment('vip'), ['c1', 'c4']],
	['in a segment made of segments', inSegment('uses-vip'), ['c1']],
	['not in a segment', group('and', [inSegment('vip')], true), ['c2', 'c3', 'c5']]
];

// [what, rule, path, message]
const PROBLEMS: [string, Rule, number[], string][] = [
	['an unknown field', a('foo', 'is', 'x'), [0], "Unknown field 'foo'"],
	['text for a number', a('revenue', '>', 'abc'), [0], "'Revenue' needs a number"],
	[
		'an operator of another type',
		a('city', '>', 5),
		[0],
		`'City' is text: ">" does not apply to it`
	],
	[
		'a day that does not exist',
		a('birth_date', 'before', '2024-02-30'),
		[0],
		"'Birth date' needs a date (YYYY-MM-DD)"
	],
	[
		'a day written otherwise',
		a('birth_date', 'on', '31/12/2024'),
		[0],
		"'Birth date' needs a date (YYYY-MM-DD)"
	],
	[
		'dates the wrong way round',
		a('birth_date', 'between', ['2024-02-01', '2024-01-01']),
		[0],
		"'Birth date': between needs two dates, the first before the second"
	],
	[
		'numbers the wrong way round',
		a('revenue', 'between', [300, 20]),
		[0],
		"'Revenue' between needs two numbers, the first at most the second"
	],
	[
		'a window the wrong way round',
		behaviour('purchase', 'at-least', 1, {
			window: { kind: 'between', from: '2024-02-01', to: '2024-01-01' }
		}),
		[0],
		'Between needs two dates, the first before the second'
	],
	[
		'days that are not whole',
		a('last_purchase_at', 'in-last-days', 1.5),
		[0],
		"'Last purchase' needs a whole number of days, 0 or more"
	],
	['an empty list', a('city', 'in-list', []), [0], "'City' is one of… needs at least one value"],
	['an empty text', a('city', 'is', ''), [0], `'City' needs a text value (or use "is empty")`],
	[
		'a NUL character',
		a('city', 'is', 'a\u0000b'),
		[0],
		"The value for 'City' holds a NUL character"
	],
	['not a number', a('revenue', '=', Number.NaN), [0], "'Revenue' needs a number"],
	[
		'negative times',
		behaviour('purchase', 'at-least', -1),
		[0],
		'The number of times needs a whole number, 0 or more'
	],
	[
		'an unknown event field',
		behaviour('purchase', 'at-least', 1, {
			where: [{ field: 'price' as 'amount', operator: '>', value: 1 }]
		}),
		[0],
		"Unknown event field 'price'"
	],
	[
		'times left empty',
		behaviour('purchase', 'at-least', '' as unknown as number),
		[0],
		'The number of times needs a whole number, 0 or more'
	],
	['a deleted segment', inSegment('gone'), [0], 'The segment this condition refers to was deleted'],
	['no segment chosen', inSegment(''), [0], 'Choose a segment'],
	[
		'a loop of other segments',
		inSegment('loop-a'),
		[0],
		"'Loop A': segments refer to each other in a loop: 'Loop A' → 'Loop B' → 'Loop A'"
	],
	[
		'a segment referring back',
		inSegment('back'),
		[0],
		"Segment 'Back' refers back to this segment"
	],
	[
		'not a condition',
		{ kind: 'magic' } as unknown as Rule,
		[0],
		'This condition is not one Concord knows'
	],
	[
		'a bad combinator',
		{ kind: 'group', combinator: 'xor', negate: false, children: [] } as unknown as Rule,
		[0],
		'A group joins its conditions with AND or OR'
	]
];

describe.each(engines)('segment rules on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	let context: RuleContext;
	const ids = async (query: Sql) =>
		rowsOf(await db.query(query))
			.map((r) => String(r.customer_id))
			.sort();

	beforeAll(async () => {
		db = await engine.open();
		await writeTable(db, 'cc_customer_360', CUSTOMER_COLUMNS, CUSTOMERS);
		await writeTable(db, 'cc_indicator', INDICATOR_COLUMNS, INDICATORS);
		await writeEvents(db, 'cc_event', EVENTS);
		context = {
			fields: await loadFieldCatalogue(db),
			asOf: AS_OF,
			segments: SEGMENTS,
			segmentId: 'editing'
		};
	});
	afterAll(() => db.close());

	it.each(CASES)('%s', async (_, rule, expected) => {
		const root = rule.kind === 'group' ? rule : group('and', [rule]);
		const compiled = compileRule(root, context);
		if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
		expect(await ids(compiled.sql)).toEqual(expected);
		const reference = evaluateRule(root, context, DATA);
		expect(reference).toEqual({ ok: true, ids: expected });
	});

	it('writes every value as an escaped literal and every column quoted', () => {
		const compiled = compileRule(group('and', [a('first_name', 'is', DROP)]), context);
		expect(compiled.ok && compiled.sql.text).toContain(
			`lower('''; DROP TABLE cc_customer_360; --')`
		);
		expect(compiled.ok && compiled.sql.text).toContain('c."first_name"');
	});

	it('left the tables whole', async () => {
		expect(await ids(sql`SELECT customer_id FROM cc_customer_360`)).toEqual(ALL);
	});

	it.each(PROBLEMS)('refuses %s with a message', (_, rule, path, message) => {
		const root = group('and', [rule]);
		expect(compileRule(root, context)).toEqual({ ok: false, errors: [{ path, message }] });
		expect(evaluateRule(root, context, DATA)).toEqual({ ok: false, errors: [{ path, message }] });
	});

	it('reports every problem on its path', () => {
		const rule = group('and', [
			a('city', 'is', 'Paris'),
			a('foo', 'is', 'x'),
			group('or', [a('revenue', '>', 'many'), inSegment('self')])
		]);
		expect(compileRule(rule, context)).toEqual({
			ok: false,
			errors: [
				{ path: [1], message: "Unknown field 'foo'" },
				{ path: [2, 0], message: "'Revenue' needs a number" },
				{
					path: [2, 1],
					message: "'Myself': segments refer to each other in a loop: 'Myself' → 'Myself'"
				}
			]
		});
	});

	it('refuses a segment that contains itself', () => {
		const self = SEGMENTS.find((s) => s.id === 'self')!;
		expect(compileSegment(self, context)).toEqual({
			ok: false,
			errors: [{ path: [0], message: 'A segment cannot contain itself' }]
		});
	});

	it('asks for the indicators when they were not computed', () => {
		const fields: FieldCatalogue = {
			fields: context.fields.fields.filter((f) => f.table === 'customer'),
			indicators: false
		};
		const rule = group('and', [
			a('clv', '>', 1),
			{ kind: 'indicator', filter: { kind: 'rfm-segment', segment: 'Champions' } }
		]);
		expect(compileRule(rule, { ...context, fields })).toEqual({
			ok: false,
			errors: [
				{ path: [0], message: "Compute the indicators first: 'CLV' is an indicator" },
				{ path: [1], message: 'Compute the indicators first' }
			]
		});
		const plain = compileRule(group('and', [a('revenue', '>', 1)]), { ...context, fields });
		expect(plain.ok && plain.sql.text).not.toContain('cc_indicator');
	});

	it('asks for the 360° view before counting from its date', () => {
		const rule = group('and', [
			behaviour('web', 'at-least', 1),
			a('last_purchase_at', 'in-last-days', 3)
		]);
		const compiled = compileRule(rule, { ...context, asOf: null });
		expect(compiled.ok ? [] : compiled.errors.map((e) => e.path)).toEqual([[0], [1]]);
	});

	it('runs lifecycle movers as the Indicators area does', async () => {
		const filter = {
			kind: 'lifecycle-shift' as const,
			from: '2023-06-30',
			to: AS_OF,
			fromStage: 'prospect',
			toStage: 'repeat',
			stages: DEFAULT_LIFECYCLE
		};
		const compiled = compileRule(group('and', [{ kind: 'indicator', filter }]), context);
		if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
		const direct = await ids(memberIds(filter));
		expect(await ids(compiled.sql)).toEqual(direct);
		expect(direct).toEqual(['c1']);
	});

	it('counts members, their share and their revenue share', async () => {
		const compiled = compileRule(group('and', [a('city', 'is', 'paris')]), context);
		if (!compiled.ok) throw new Error('does not compile');
		expect(await segmentCount(db, compiled.selection)).toEqual({
			customers: 2,
			share: 2 / 5,
			revenue: 350,
			revenueShare: 350 / 1370.5
		});
		const preview = rowsOf(await segmentPreview(db, compiled.sql, 10));
		expect(preview.map((r) => [r.customer_id, r.revenue])).toEqual([
			['c1', 300],
			['c2', 50]
		]);
		const none = compileRule(group('or', []), context);
		if (!none.ok) throw new Error('does not compile');
		expect(await segmentCount(db, none.selection)).toMatchObject({
			customers: 0,
			share: 0,
			revenue: 0
		});
	});

	it('lists the fields with their types and labels, internal columns hidden', () => {
		const byName = new Map(context.fields.fields.map((f) => [f.name, f]));
		expect(context.fields.indicators).toBe(true);
		expect(byName.get('search_text')).toBeUndefined();
		expect(context.fields.fields.filter((f) => f.name === 'customer_id')).toHaveLength(1);
		expect(
			['city', 'revenue', 'birth_date', 'last_purchase_at', 'email_optin', 'clv'].map((n) => {
				const f = byName.get(n);
				return [n, f?.label, f?.type, f?.table];
			})
		).toEqual([
			['city', 'City', 'text', 'customer'],
			['revenue', 'Revenue', 'number', 'customer'],
			['birth_date', 'Birth date', 'date', 'customer'],
			['last_purchase_at', 'Last purchase', 'date', 'customer'],
			['email_optin', 'E-mail opt-in', 'boolean', 'customer'],
			['clv', 'CLV', 'number', 'indicator']
		]);
	});
});

describe('standalone SQL on native DuckDB', () => {
	const native = engines.find((e) => e.name === 'native')!;
	let db: Db & { close(): void };
	let context: RuleContext;
	beforeAll(async () => {
		db = await native.open();
		await writeTable(db, 'cc_customer_360', CUSTOMER_COLUMNS, CUSTOMERS);
		await writeTable(db, 'cc_indicator', INDICATOR_COLUMNS, INDICATORS);
		await writeEvents(db, 'cc_event', EVENTS);
		await db.exec(sql`CREATE TABLE customer_360 AS SELECT * FROM cc_customer_360;
			CREATE TABLE "my events" AS SELECT * FROM cc_event;
			CREATE TABLE indicators AS SELECT * FROM cc_indicator`);
		context = { fields: await loadFieldCatalogue(db), asOf: AS_OF, segments: SEGMENTS };
	});
	afterAll(() => db.close());

	const hostile: SegmentDefinition = {
		...segment(
			'hostile',
			'VIP\nDROP TABLE customer_360; --',
			group('or', [
				group('and', [inSegment('paris'), behaviour('web', 'at-least', 1)]),
				group('and', [boughtInCategory(FORMULA), a('clv', 'is-not-empty')]),
				group('and', [a('first_name', 'contains', DROP)], true)
			])
		),
		description: 'Line one\r\nSELECT 1;\u2028*/ line three'
	};

	it('selects the same customers as the workspace, with a header naming what it expects', async () => {
		const written = standaloneSql(hostile, context, { events: 'my events' });
		if (!written.ok) throw new Error(JSON.stringify(written.errors));
		const header = written.text.split('\n').filter((line) => !line.startsWith('SELECT'));
		expect(written.text.split('\n').slice(0, 9)).toEqual([
			'-- Concord segment: VIP',
			'-- DROP TABLE customer_360; --',
			'-- Line one',
			'-- SELECT 1;',
			'-- */ line three',
			`-- Customers as of ${AS_OF}: relative dates and events count up to that day.`,
			'-- Includes the rules of: Parisians',
			'-- Runs on DuckDB against these tables exported from Concord:',
			'--   customer_360: the 360° customer table, one row per customer'
		]);
		expect(header.join('\n')).toContain('my events');
		expect(header.join('\n')).toContain('indicators');
		const rows = rowsOf(await db.query(trusted(written.text)));
		const compiled = compileSegment(hostile, context);
		if (!compiled.ok) throw new Error('does not compile');
		expect(rows.map((r) => String(r.customer_id))).toEqual(await ids(compiled.sql));
		expect(rows.map((r) => String(r.customer_id))).toEqual(['c1', 'c2', 'c3', 'c5']);
		expect(Object.keys(rows[0] ?? {})).toEqual(CUSTOMER_COLUMNS.map(([n]) => n));
	});

	it('refuses lifecycle movers, which read the workspace', () => {
		const filter = {
			kind: 'lifecycle-shift' as const,
			from: '2023-06-30',
			to: AS_OF,
			fromStage: 'prospect',
			toStage: 'repeat',
			stages: DEFAULT_LIFECYCLE
		};
		expect(standaloneSql(segment('s', 'S', { kind: 'indicator', filter }), context)).toEqual({
			ok: false,
			errors: [{ path: [0], message: 'Lifecycle movers cannot be exported as standalone SQL yet' }]
		});
	});

	async function ids(query: Sql) {
		return rowsOf(await db.query(query))
			.map((r) => String(r.customer_id))
			.sort();
	}
});

describe('conditions in words', () => {
	it.each([
		[a('city', 'in-list', ['Paris', 'Lyon']), 'City is one of Paris, Lyon'],
		[a('revenue', 'between', [20, 300]), 'Revenue between 20 and 300'],
		[a('last_purchase_at', 'in-last-days', 30), 'Last purchase in the last 30 days'],
		[a('email', 'is-empty'), 'E-mail is empty'],
		[a('city', 'is', ''), 'City is …'],
		[a('clv', '>=', 100), 'CLV ≥ 100'],
		[
			behaviour('purchase', 'at-least', 2, {
				where: [{ field: 'category', operator: 'is', value: 'Shoes' }],
				window: last(90)
			}),
			'Purchases at least 2 times where Category is Shoes, in the last 90 days'
		],
		[hasNotPurchasedSince('2024-01-01'), 'Purchases exactly 0 times, since 2024-01-01'],
		[
			behaviour('email', 'at-least', 1, { eventType: 'click' }),
			'E-mail events of type click at least 1 time'
		],
		[inSegment('vip'), 'In segment VIP'],
		[inSegment('gone'), 'In a deleted segment']
	] as const)('%j reads %j', (condition, text) => {
		expect(conditionText(condition, SEGMENTS)).toBe(text);
	});
});
