// The segment builder's engine calls on DuckDB: overlaps and the exclusive waterfall (by hand,
// then through SQL against the reference evaluator's customers), value hints of each field type,
// the event catalogue, the live count's refusals, the members' CSV and Parquet files, and the
// hashed audience file for ad platforms (digests checked against node:crypto). Six hand-made
// customers on both engines, then the demo retailer on native DuckDB for the catalogue and an
// audience of a whole workspace. The tricky point: expectations are computed independently of
// the code under test (hand counts, the reference evaluator, node:crypto), never read back from it.
import { createHash } from 'node:crypto';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveBuildState } from '../../src/lib/core/customer360/build-state';
import { build360 } from '../../src/lib/core/customer360/build';
import { C360_TABLES } from '../../src/lib/core/customer360/tables';
import type { Db } from '../../src/lib/core/db';
import { resolveIdentities } from '../../src/lib/core/identity/resolve';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { ident, sql } from '../../src/lib/core/sql/sql';
import { sha256Hex, audienceEmail } from '../../src/lib/core/segments/audience-identifiers';
import type { SegmentDefinition } from '../../src/lib/core/segments/definition';
import { loadEventCatalogue } from '../../src/lib/core/segments/event-catalogue';
import { waterfallOf } from '../../src/lib/core/segments/exclusive';
import { loadFieldCatalogue, type FieldCatalogue } from '../../src/lib/core/segments/fields';
import { HASH_BATCH, hashedAudience } from '../../src/lib/core/segments/hashed-audience';
import { overlapsOf, type Overlaps } from '../../src/lib/core/segments/overlaps';
import { evaluateRule, type DataRow } from '../../src/lib/core/segments/reference';
import type { EventField } from '../../src/lib/core/segments/rules';
import { attribute as a, behaviour, group, inSegment } from '../../src/lib/core/segments/shortcuts';
import { valueHints } from '../../src/lib/core/segments/value-hints';
import {
	countRule,
	exportSegment,
	overlapsOfSegments,
	segmentFields,
	sqlOfSegment,
	waterfallOfSegments
} from '../../src/lib/core/segments/workspace-segments';
import { loadDemoWorkspace } from '../../src/lib/core/workspace/demo-workspace';
import { engines } from '../support/engines';
import { segment, writeEvents, writeTable, type Columns } from '../support/segment-fixtures';

const AS_OF = '2024-03-31';
const DROP = "'; DROP TABLE x; --";
const FORMULA = '=HYPERLINK("http://x","y")';
const MARCH_5 = new Date(2024, 2, 5, 23, 30);
const BUILD_FIRST = 'Build the 360° view first: segments select its customers.';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const CUSTOMER_COLUMNS: Columns = [
	['customer_id', 'VARCHAR'],
	['first_name', 'VARCHAR'],
	['email', 'VARCHAR'],
	['phone', 'VARCHAR'],
	['city', 'VARCHAR'],
	['birth_date', 'DATE'],
	['email_optin', 'BOOLEAN'],
	['orders', 'INTEGER'],
	['revenue', 'DOUBLE'],
	['last_purchase_at', 'TIMESTAMP'],
	['search_text', 'VARCHAR']
];
const INDICATOR_COLUMNS: Columns = [
	['customer_id', 'VARCHAR'],
	['clv', 'DOUBLE'],
	['rfm_segment', 'VARCHAR']
];

const customer = (
	customer_id: string,
	first_name: string,
	email: string | null,
	phone: string | null,
	city: string | null,
	birth_date: string | null,
	email_optin: boolean | null,
	orders: number,
	revenue: number | null,
	last_purchase_at: string | null
): DataRow => ({
	customer_id,
	first_name,
	email,
	phone,
	city,
	birth_date,
	email_optin,
	orders,
	revenue,
	last_purchase_at,
	search_text: 'internal'
});

// c2's e-mail needs trimming and lower-casing, its phone is national (not E.164); c4 and c5
// have nothing an ad platform can match: no row in the hashed audience.
const CUSTOMERS: DataRow[] = [
	customer(
		'c1',
		'Alice',
		'alice@example.com',
		'+33612345678',
		'Paris',
		'1990-05-01',
		true,
		2,
		280,
		'2024-03-30 10:00:00'
	),
	customer(
		'c2',
		'Bob',
		' Bob@Example.COM ',
		'0612345678',
		'Paris',
		'1975-07-14',
		false,
		1,
		50,
		'2024-03-01 00:00:00'
	),
	customer('c3', 'Chloé', null, '+14155552671', 'Lyon', '1985-12-31', null, 1, 10, null),
	customer('c4', DROP, '', null, 'Saint-Étienne', '2000-02-29', true, 0, 0, null),
	customer('c5', FORMULA, 'not-an-address', '+1 415 555 2671', null, null, false, 0, null, null),
	customer(
		'c6',
		'Émile',
		'emile@example.com',
		'+4915123456789',
		'Lyon',
		'1970-01-15',
		true,
		1,
		40,
		'2023-12-01 09:00:00'
	)
];

const INDICATORS: DataRow[] = [
	{ customer_id: 'c1', clv: 500, rfm_segment: 'Champions' },
	{ customer_id: 'c2', clv: 20, rfm_segment: 'At risk' },
	{ customer_id: 'c3', clv: 30, rfm_segment: 'Hibernating' },
	{ customer_id: 'c6', clv: 100, rfm_segment: 'Loyal' }
];

const event = (
	customer_id: string | null,
	kind: string,
	event_at: string,
	more: Partial<Record<string, string | number>> = {}
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

const sale = (id: string | null, order: string, at: string, category: string, amount: number) =>
	event(id, 'purchase', at, { order_key: order, category, amount });

const EVENTS: DataRow[] = [
	sale('c1', 'o1', '2024-03-30 10:00:00', 'Shoes', 80),
	sale('c1', 'o2', '2024-02-15 12:00:00', 'Shoes', 200),
	sale('c2', 'o3', '2024-03-01 00:00:00', 'Bags', 50),
	sale('c3', 'o4', '2024-01-10 12:00:00', 'Hats', 10),
	sale('c6', 'o5', '2023-12-01 09:00:00', 'Shoes', 40),
	event('c1', 'web', '2024-03-29 08:00:00'),
	event('c2', 'email', '2024-03-25 08:00:00', { event_type: 'open' }),
	event('c2', 'email', '2024-03-26 08:00:00', { event_type: 'click' }),
	sale(null, 'o9', '2024-03-01 10:00:00', 'Shoes', 999)
];

const DATA = { customers: CUSTOMERS, indicators: INDICATORS, events: EVENTS };

const SEGMENTS: SegmentDefinition[] = [
	segment('paris', 'Parisians', a('city', 'is', 'paris')),
	segment('buyers', 'Buyers', behaviour('purchase', 'at-least', 1)),
	segment('optin', 'Opted in', a('email_optin', 'is-true')),
	segment('vip', 'VIP', a('clv', '>=', 100)),
	segment('vip-paris', 'VIP in Paris', group('and', [inSegment('vip'), inSegment('paris')])),
	segment('all', 'All customers', group('and', [])),
	segment('broken', 'Broken', a('nope', 'is', 'x'))
];

/** The customers of a saved segment by the reference evaluator (no SQL). */
function referenceIds(fields: FieldCatalogue, id: string): Set<string> {
	const found = SEGMENTS.find((s) => s.id === id)!;
	const context = { fields, asOf: AS_OF, segments: SEGMENTS, segmentId: id };
	const result = evaluateRule(found.rule, context, DATA);
	if (!result.ok) throw new Error(JSON.stringify(result.errors));
	return new Set(result.ids);
}

/** Overlaps counted from sets of ids, customer by customer. */
function overlapsOfSets(ids: string[], sets: Set<string>[], everyone: string[]): Overlaps {
	const byMembers = new Map<string, number>();
	for (const id of everyone) {
		const members = sets.flatMap((set, i) => (set.has(id) ? [i] : []));
		if (members.length > 0)
			byMembers.set(members.join(','), (byMembers.get(members.join(',')) ?? 0) + 1);
	}
	const intersections = [...byMembers].map(([members, customers]) => ({
		members: members.split(',').map(Number),
		customers
	}));
	return {
		segments: ids,
		customers: everyone.length,
		sizes: sets.map((s) => s.size),
		shared: sets.map((s) => sets.map((t) => [...s].filter((id) => t.has(id)).length)),
		intersections
	};
}

describe('overlaps and waterfall from counts per membership mask', () => {
	// Bit 0: a, bit 1: b, bit 2: c. 28 customers, 10 in none.
	const COUNTS = new Map([
		[0, 10],
		[1, 5],
		[2, 3],
		[3, 2],
		[4, 2],
		[6, 2],
		[7, 4]
	]);

	it('gives sizes, the shared matrix and the exclusive intersections, largest first', () => {
		expect(overlapsOf(['a', 'b', 'c'], COUNTS)).toEqual({
			segments: ['a', 'b', 'c'],
			customers: 28,
			sizes: [11, 11, 8],
			shared: [
				[11, 6, 4],
				[6, 11, 6],
				[4, 6, 8]
			],
			// Ties: fewer segments first, then by their indices.
			intersections: [
				{ members: [0], customers: 5 },
				{ members: [0, 1, 2], customers: 4 },
				{ members: [1], customers: 3 },
				{ members: [2], customers: 2 },
				{ members: [0, 1], customers: 2 },
				{ members: [1, 2], customers: 2 }
			]
		});
	});

	it('assigns each customer to the first segment that holds it', () => {
		expect(waterfallOf(['a', 'b', 'c'], COUNTS)).toEqual({
			customers: 28,
			steps: [
				{ id: 'a', matched: 11, assigned: 11, remaining: 17 },
				{ id: 'b', matched: 11, assigned: 5, remaining: 12 },
				{ id: 'c', matched: 8, assigned: 2, remaining: 10 }
			],
			rest: 10
		});
		// In another order, the same customers end in other buckets.
		const swapped = new Map([...COUNTS].map(([mask, n]) => [swapFirstAndThird(mask), n]));
		const reversed = waterfallOf(['c', 'b', 'a'], swapped);
		expect(reversed.steps.map((s) => [s.id, s.assigned, s.remaining])).toEqual([
			['c', 8, 20],
			['b', 5, 15],
			['a', 5, 10]
		]);
		expect(reversed.rest).toBe(10);
	});

	it('knows no segment: everyone is the rest', () => {
		expect(waterfallOf([], new Map([[0, 7]]))).toEqual({ customers: 7, steps: [], rest: 7 });
		expect(overlapsOf([], new Map([[0, 7]]))).toEqual({
			segments: [],
			customers: 7,
			sizes: [],
			shared: [],
			intersections: []
		});
	});
});

/** A three-bit mask with bits 0 and 2 swapped (a ↔ c). */
function swapFirstAndThird(mask: number): number {
	return ((mask & 1) << 2) | (mask & 2) | ((mask >> 2) & 1);
}

describe('the hashed identifiers', () => {
	it('hashes with SHA-256 as node:crypto does, after trimming and lower-casing the e-mail', async () => {
		expect(await sha256Hex('alice@example.com')).toBe(sha256('alice@example.com'));
		expect(sha256('alice@example.com')).toBe(
			'ff8d9819fc0e12bf0d24892e45987e249a28dce836a85cad60e28eaaa8c6d976'
		);
		expect(await sha256Hex(audienceEmail(' Alice@Example.COM ')!)).toBe(
			sha256('alice@example.com')
		);
		// No rewriting of Gmail dots or plus tags: the platforms hash the address as written.
		expect(audienceEmail('First.Last+news@Gmail.com')).toBe('first.last+news@gmail.com');
		expect(await sha256Hex('Zoë')).toBe(sha256('Zoë'));
	});
});

describe.each(engines)('segment builder calls on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	let fields: FieldCatalogue;
	/** A workspace without a 360° view (the refusals then create a bare customer table). */
	let empty: Db & { close(): void };

	beforeAll(async () => {
		db = await engine.open();
		empty = await engine.open();
		await writeTable(db, C360_TABLES.customer, CUSTOMER_COLUMNS, CUSTOMERS);
		await writeTable(db, 'cc_indicator', INDICATOR_COLUMNS, INDICATORS);
		await writeEvents(db, C360_TABLES.event, EVENTS);
		await saveBuildState(db, {
			builtAt: 0,
			asOf: AS_OF,
			asOfSetting: AS_OF,
			identityRanAt: 0,
			kinds: {},
			sources: {},
			report: [],
			customers: CUSTOMERS.length,
			currencies: [],
			seconds: 0
		});
		fields = await loadFieldCatalogue(db);
	});
	afterAll(() => {
		db.close();
		empty.close();
	});

	it('counts a rule live, and refuses a bad rule in a marketer’s words', async () => {
		const counted = await countRule(db, group('and', [inSegment('paris')]), SEGMENTS, null);
		expect(counted).toMatchObject({
			status: 'ok',
			value: { customers: 2, share: 2 / 6, revenue: 330, revenueShare: 330 / 380 }
		});
		expect(await countRule(db, group('and', [a('nope', 'is', 'x')]), SEGMENTS, null)).toEqual({
			status: 'invalid',
			errors: [{ path: [0], message: "Unknown field 'nope'" }]
		});
		expect(await countRule(db, group('and', [a('revenue', '>', 'lots')]), [], null)).toEqual({
			status: 'invalid',
			errors: [{ path: [0], message: "'Revenue' needs a number" }]
		});
	});

	it('overlaps saved segments as the reference evaluator does', async () => {
		const ids = ['paris', 'buyers', 'optin', 'vip-paris'];
		const answer = await overlapsOfSegments(db, SEGMENTS, ids);
		if (answer.status !== 'ok') throw new Error(JSON.stringify(answer));
		const everyone = CUSTOMERS.map((c) => String(c.customer_id));
		const expected = overlapsOfSets(
			ids,
			ids.map((id) => referenceIds(fields, id)),
			everyone
		);
		expect({
			...answer.value,
			intersections: [...answer.value.intersections].sort((x, y) =>
				x.members.join().localeCompare(y.members.join())
			)
		}).toEqual({
			...expected,
			intersections: expected.intersections.sort((x, y) =>
				x.members.join().localeCompare(y.members.join())
			)
		});
		// By hand: Paris c1 c2, buyers c1 c2 c3 c6, opted in c1 c4 c6, VIP in Paris c1.
		expect(answer.value.sizes).toEqual([2, 4, 3, 1]);
		expect(answer.value.shared[0]).toEqual([2, 2, 1, 1]);
		expect(answer.value.intersections[0]).toEqual({ members: [1], customers: 1 });
	});

	it('runs the waterfall: each customer in its first segment, steps and rest adding up', async () => {
		const ids = ['vip', 'paris', 'buyers'];
		const answer = await waterfallOfSegments(db, SEGMENTS, ids);
		if (answer.status !== 'ok') throw new Error(JSON.stringify(answer));
		const taken = new Set<string>();
		const assigned = ids.map((id) => {
			const own = [...referenceIds(fields, id)].filter((c) => !taken.has(c));
			own.forEach((c) => taken.add(c));
			return own.length;
		});
		expect(answer.value.steps.map((s) => s.assigned)).toEqual(assigned);
		expect(answer.value).toEqual({
			customers: 6,
			steps: [
				{ id: 'vip', matched: 2, assigned: 2, remaining: 4 },
				{ id: 'paris', matched: 2, assigned: 1, remaining: 3 },
				{ id: 'buyers', matched: 4, assigned: 1, remaining: 2 }
			],
			rest: 2
		});
		const sum = answer.value.steps.reduce((total, s) => total + s.assigned, answer.value.rest);
		expect(sum).toBe(CUSTOMERS.length);
	});

	it('names the segment a problem belongs to, and a deleted one', async () => {
		expect(await waterfallOfSegments(db, SEGMENTS, ['paris', 'broken'])).toEqual({
			status: 'invalid',
			errors: [{ path: [0], message: "Broken: Unknown field 'nope'" }]
		});
		expect(await overlapsOfSegments(db, SEGMENTS, ['gone'])).toEqual({
			status: 'invalid',
			errors: [{ path: [], message: 'A chosen segment was deleted.' }]
		});
		expect(await overlapsOfSegments(db, SEGMENTS, new Array<string>(13).fill('paris'))).toEqual({
			status: 'invalid',
			errors: [{ path: [], message: 'Compare at most 12 segments at once.' }]
		});
	});

	it('hints values of text, number, date and boolean fields, and of an event field', async () => {
		expect(await valueHints(db, { of: 'field', name: 'city' })).toEqual({
			type: 'text',
			distinct: 3,
			top: [
				{ value: 'Lyon', count: 2 },
				{ value: 'Paris', count: 2 },
				{ value: 'Saint-Étienne', count: 1 }
			]
		});
		// Revenue of five customers (one has none): 0, 10, 40, 50, 280.
		expect(await valueHints(db, { of: 'field', name: 'revenue' })).toEqual({
			type: 'number',
			min: 0,
			q1: 10,
			median: 40,
			q3: 50,
			max: 280
		});
		expect(await valueHints(db, { of: 'field', name: 'birth_date' })).toEqual({
			type: 'date',
			min: '1970-01-15',
			q1: '1975-07-14',
			median: '1985-12-31',
			q3: '1990-05-01',
			max: '2000-02-29'
		});
		expect(await valueHints(db, { of: 'field', name: 'email_optin' })).toEqual({
			type: 'boolean'
		});
		expect(await valueHints(db, { of: 'field', name: 'rfm_segment' })).toMatchObject({
			type: 'text',
			distinct: 4
		});
		// Linked purchases only: the anonymous one of 999 is no customer's.
		expect(await valueHints(db, { of: 'event', event: 'purchase', field: 'category' })).toEqual({
			type: 'text',
			distinct: 3,
			top: [
				{ value: 'Shoes', count: 3 },
				{ value: 'Bags', count: 1 },
				{ value: 'Hats', count: 1 }
			]
		});
		expect(await valueHints(db, { of: 'event', event: 'purchase', field: 'amount' })).toEqual({
			type: 'number',
			min: 10,
			q1: 40,
			median: 50,
			q3: 80,
			max: 200
		});
		expect(await valueHints(db, { of: 'field', name: 'nope' })).toBeNull();
		expect(await valueHints(db, { of: 'field', name: 'search_text' })).toBeNull();
		const price = 'price' as EventField;
		expect(await valueHints(db, { of: 'event', event: 'purchase', field: price })).toBeNull();
	});

	it('lists the linked events by kind with their most frequent types', async () => {
		expect(await loadEventCatalogue(db)).toEqual([
			{ kind: 'purchase', events: 5, types: [] },
			{ kind: 'web', events: 1, types: [] },
			{
				kind: 'email',
				events: 2,
				types: [
					{ value: 'click', events: 1 },
					{ value: 'open', events: 1 }
				]
			}
		]);
	});

	it('exports the members as CSV: a header, one row per member, formulas defused', async () => {
		const columns = ['customer_id', 'first_name', 'email', 'orders'];
		const request = { format: 'csv' as const, columns };
		const answer = await exportSegment(db, 'all', SEGMENTS, request, { now: MARCH_5 });
		if (answer.status !== 'ok') throw new Error(JSON.stringify(answer));
		expect(answer.value.fileName).toBe('segment-all-customers-2024-03-05.csv');
		expect(answer.value.mimeType).toBe('text/csv;charset=utf-8');
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(answer.value.bytes);
		expect(text).toBe(
			[
				'\uFEFFcustomer_id,first_name,email,orders',
				'c1,Alice,alice@example.com,2',
				'c2,Bob, Bob@Example.COM ,1',
				'c3,Chloé,,1',
				`c4,${DROP},"",0`,
				`c5,"'=HYPERLINK(""http://x"",""y"")",not-an-address,0`,
				'c6,Émile,emile@example.com,1',
				''
			].join('\r\n')
		);
		const paris = await exportSegment(db, 'paris', SEGMENTS, request);
		const counted = await countRule(db, SEGMENTS[0]!.rule, SEGMENTS, 'paris');
		if (paris.status !== 'ok' || counted.status !== 'ok') throw new Error('no export');
		const lines = new TextDecoder().decode(paris.value.bytes).split('\r\n');
		expect(lines.slice(1, -1)).toHaveLength(counted.value.customers);
		expect(lines.slice(1, -1).map((l) => l.split(',')[0])).toEqual(['c1', 'c2']);
	});

	it('exports the members as Parquet that reads back with the same rows', async () => {
		const columns = ['customer_id', 'first_name', 'revenue', 'last_purchase_at'];
		const answer = await exportSegment(db, 'vip', SEGMENTS, { format: 'parquet', columns });
		if (answer.status !== 'ok') throw new Error(JSON.stringify(answer));
		expect(answer.value.fileName).toMatch(/^segment-vip-\d{4}-\d{2}-\d{2}\.parquet$/);
		const rows = await parquetReadObjects({ file: answer.value.bytes.slice().buffer });
		expect(rows).toEqual([
			{
				customer_id: 'c1',
				first_name: 'Alice',
				revenue: 280,
				last_purchase_at: new Date('2024-03-30T10:00:00Z')
			},
			{
				customer_id: 'c6',
				first_name: 'Émile',
				revenue: 40,
				last_purchase_at: new Date('2023-12-01T09:00:00Z')
			}
		]);
	});

	it('writes the hashed audience: one row per member with an e-mail or a valid phone', async () => {
		const progress: [number, number][] = [];
		const answer = await exportSegment(
			db,
			'all',
			[segment('all', 'VIP', group('and', []))],
			{ format: 'hashed' },
			{ now: MARCH_5, onProgress: (done, total) => progress.push([done, total]) }
		);
		if (answer.status !== 'ok') throw new Error(JSON.stringify(answer));
		expect(answer.value.fileName).toBe('segment-vip-hashed-2024-03-05.csv');
		expect(answer.value.mimeType).toBe('text/csv;charset=utf-8');
		const text = new TextDecoder().decode(answer.value.bytes);
		expect(text.charCodeAt(0)).not.toBe(0xfeff);
		expect(text).toBe(
			[
				'email_sha256,phone_sha256',
				`${sha256('alice@example.com')},${sha256('+33612345678')}`,
				// ' Bob@Example.COM ' trimmed and lower-cased; a national number is no E.164.
				`${sha256('bob@example.com')},`,
				`,${sha256('+14155552671')}`,
				`${sha256('emile@example.com')},${sha256('+4915123456789')}`,
				''
			].join('\r\n')
		);
		expect(text.split('\r\n')[1]).toBe(
			'ff8d9819fc0e12bf0d24892e45987e249a28dce836a85cad60e28eaaa8c6d976,' +
				'42d573cfc315801d4cd8eddd5416b416a0bf298b9b9e12d6b07442c91db42bd8'
		);
		// Members with an e-mail or a phone cell: c4 ('') and c5 are read, then left out.
		expect(progress).toEqual([
			[0, 6],
			[6, 6]
		]);
		const left = await db.query(
			sql`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'cc_segment_audience'`
		);
		expect(rowsOf(left)).toEqual([{ n: 0 }]);
	});

	it('hashes the members of the segment only', async () => {
		const answer = await exportSegment(db, 'vip', SEGMENTS, { format: 'hashed' });
		if (answer.status !== 'ok') throw new Error(JSON.stringify(answer));
		expect(new TextDecoder().decode(answer.value.bytes).split('\r\n')).toEqual([
			'email_sha256,phone_sha256',
			`${sha256('alice@example.com')},${sha256('+33612345678')}`,
			`${sha256('emile@example.com')},${sha256('+4915123456789')}`,
			''
		]);
	});

	it('answers "build the 360° view first" on a workspace without one', async () => {
		const rule = group('and', [a('city', 'is', 'Paris')]);
		expect(await countRule(empty, rule, [], null)).toEqual({
			status: 'invalid',
			errors: [{ path: [], message: BUILD_FIRST }]
		});
		expect(await sqlOfSegment(empty, 'paris', SEGMENTS)).toEqual({
			status: 'invalid',
			errors: [{ path: [], message: BUILD_FIRST }]
		});
		expect(await exportSegment(empty, 'paris', SEGMENTS, { format: 'hashed' })).toEqual({
			status: 'invalid',
			errors: [{ path: [], message: BUILD_FIRST }]
		});
		expect(await loadEventCatalogue(empty)).toEqual([]);
		expect(await segmentFields(empty)).toMatchObject({
			catalogue: { fields: [], indicators: false },
			events: [],
			asOf: null
		});
	});

	it('refuses a hashed audience without e-mail and phone columns, or without customers', async () => {
		const everyone = sql`SELECT customer_id FROM cc_customer_360`;
		await expect(hashedAudience(empty, everyone, 'x')).rejects.toThrow(
			'There are no customers to export yet: build the 360° view first.'
		);
		await empty.exec(sql`CREATE TABLE cc_customer_360 (customer_id VARCHAR, email VARCHAR)`);
		await expect(hashedAudience(empty, everyone, 'x')).rejects.toThrow(
			"The customer table has no 'phone' column: a hashed audience is made of the customers’ " +
				'e-mail addresses and phone numbers.'
		);
	});
});

describe('segment builder calls on the demo retailer (native)', () => {
	const native = engines.find((e) => e.name === 'native')!;
	let db: Db & { close(): void };

	beforeAll(async () => {
		db = await native.open();
		await loadDemoWorkspace(db, 500);
	}, 120_000);
	afterAll(() => db.close());

	it('has no events and counts nothing before the 360° view, then lists its event kinds', async () => {
		expect(await loadEventCatalogue(db)).toEqual([]);
		expect(await countRule(db, group('and', [a('city', 'is', 'Paris')]), [], null)).toEqual({
			status: 'invalid',
			errors: [{ path: [], message: BUILD_FIRST }]
		});
		await resolveIdentities(db);
		await build360(db);
		const catalogue = await loadEventCatalogue(db);
		const linked = rowsOf(
			await db.query(sql`SELECT kind, count(*) AS events FROM ${ident(C360_TABLES.event)}
				WHERE status = 'linked' GROUP BY kind`)
		);
		expect(catalogue.map((k) => k.kind)).toEqual(['purchase', 'web', 'service', 'email']);
		expect(Object.fromEntries(catalogue.map((k) => [k.kind, k.events]))).toEqual(
			Object.fromEntries(linked.map((r) => [r.kind, r.events]))
		);
		const topType = (kind: string) => catalogue.find((k) => k.kind === kind)?.types[0]?.value;
		expect([topType('email'), topType('purchase'), topType('service')]).toEqual([
			'sent',
			'delivered',
			'solved'
		]);
		const fields = await segmentFields(db);
		expect(fields.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(fields.events).toEqual(catalogue);
		// More cities than the hints show: the distinct count is of all of them.
		const cities = await valueHints(db, { of: 'field', name: 'city' });
		const [distinct] = rowsOf(
			await db.query(sql`SELECT count(DISTINCT city) AS n FROM ${ident(C360_TABLES.customer)}
				WHERE city <> ''`)
		);
		expect(cities).toMatchObject({ type: 'text', distinct: distinct?.n });
		expect(cities?.type === 'text' && cities.top.length).toBe(25);
		expect(Number(distinct?.n)).toBeGreaterThan(25);
	}, 120_000);

	it('hashes every customer with an e-mail or a phone, as node:crypto does', async () => {
		const all = [segment('all', 'Everyone', group('and', []))];
		const answer = await exportSegment(db, 'all', all, { format: 'hashed' });
		if (answer.status !== 'ok') throw new Error(JSON.stringify(answer));
		const rows = rowsOf(
			await db.query(sql`SELECT email, phone FROM ${ident(C360_TABLES.customer)}
				ORDER BY customer_id`)
		);
		const expected = rows.flatMap((r) => {
			const email = typeof r.email === 'string' ? r.email.trim().toLowerCase() : '';
			const phone = typeof r.phone === 'string' && /^\+[1-9]\d{6,14}$/.test(r.phone) ? r.phone : '';
			if (!email.includes('@') && phone === '') return [];
			return [`${email.includes('@') ? sha256(email) : ''},${phone ? sha256(phone) : ''}`];
		});
		const lines = new TextDecoder().decode(answer.value.bytes).split('\r\n');
		expect(lines.slice(1, -1)).toEqual(expected);
		const [reachable] = rowsOf(
			await db.query(sql`SELECT count(*) AS n, count(*) FILTER (WHERE email IS NULL) AS phone_only
				FROM ${ident(C360_TABLES.customer)}
				WHERE email LIKE '%_@_%._%' OR regexp_matches(phone, '^\\+[1-9][0-9]{6,14}$')`)
		);
		expect(expected).toHaveLength(Number(reachable?.n));
		expect(Number(reachable?.n)).toBeGreaterThan(300);
		expect(Number(reachable?.phone_only)).toBeGreaterThan(0);
	});
});

describe('a hashed audience of more members than a batch (native)', () => {
	const native = engines.find((e) => e.name === 'native')!;
	const MEMBERS = 2 * HASH_BATCH + 5_000;
	let db: Db & { close(): void };

	beforeAll(async () => {
		db = await native.open();
		// Ids sort as their numbers do; every other customer has a phone.
		await db.exec(sql`CREATE TABLE cc_customer_360 AS
			SELECT 'c' || lpad(i::VARCHAR, 6, '0') AS customer_id, 'User' || i || '@Example.com' AS email,
				CASE WHEN i % 2 = 0 THEN '+3361' || lpad(i::VARCHAR, 7, '0') END AS phone
			FROM range(${MEMBERS}) r(i) ORDER BY hash(i)`);
	});
	afterAll(() => db.close());

	it('hashes every batch, in order of the customers, reporting progress within the page', async () => {
		const progress: number[] = [];
		const file = await hashedAudience(db, sql`SELECT customer_id FROM cc_customer_360`, 'All', {
			onProgress: (done, total) => {
				expect(total).toBe(MEMBERS);
				progress.push(done);
			}
		});
		expect(progress).toEqual([0, HASH_BATCH, 2 * HASH_BATCH, MEMBERS]);
		const lines = new TextDecoder().decode(file.bytes).split('\r\n');
		expect(lines).toHaveLength(MEMBERS + 2);
		lines.slice(1, -1).forEach((line, i) => {
			const phone = i % 2 === 0 ? sha256(`+3361${String(i).padStart(7, '0')}`) : '';
			const expected = `${sha256(`user${i}@example.com`)},${phone}`;
			if (line !== expected) expect(line).toBe(expected);
		});
	});
});
