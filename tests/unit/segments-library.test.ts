// The segment library's definitions file: saved segments written as JSON read back the same;
// hostile files (not JSON, another format, wrong types, prototype keys, huge strings, trees too
// deep or too big) are refused with a message per entry and never pollute an object; a segment
// downloaded alone carries the segments it refers to; imported segments whose ids or names are
// taken get new ones, and their membership conditions follow the new ids — checked on DuckDB: a
// segment that refers to an imported one counts the imported one's customers, not those of the
// saved segment that held the id before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { compileSegment } from '../../src/lib/core/segments/compile';
import type { SegmentDefinition } from '../../src/lib/core/segments/definition';
import {
	fitImported,
	MAX_SEGMENTS,
	parseSegmentsJson,
	segmentsJson
} from '../../src/lib/core/segments/definition-json';
import { loadFieldCatalogue } from '../../src/lib/core/segments/fields';
import { segmentOverlaps } from '../../src/lib/core/segments/overlaps';
import { attribute, behaviour, group, inSegment } from '../../src/lib/core/segments/shortcuts';
import { sql } from '../../src/lib/core/sql/sql';
import { definitionsFile } from '../../src/lib/state/definitions-file';
import { engines } from '../support/engines';

const NOW = 1_700_000_000_000;

function segment(id: string, name: string, children: SegmentDefinition['rule']['children']) {
	return {
		id,
		name,
		description: `About ${name}`,
		colour: '#1b7f3b',
		createdAt: NOW - 1000,
		updatedAt: NOW,
		rule: group('and', children)
	} satisfies SegmentDefinition;
}

const PARIS = segment('paris', 'Paris', [attribute('city', 'is', 'Paris')]);
const LOYAL = segment('loyal', 'Loyal', [
	attribute('orders', '>=', 2),
	group('or', [attribute('city', 'in-list', ['Lyon', 'Nice']), inSegment('paris')], true)
]);
const RECENT = segment('recent', 'Recent buyers', [
	behaviour('purchase', 'at-least', 1, {
		window: { kind: 'last-days', days: 365 },
		where: [{ field: 'category', operator: 'is', value: 'Shoes' }]
	}),
	{
		kind: 'indicator',
		filter: {
			kind: 'lifecycle-shift',
			from: '2023-01-01',
			to: '2024-01-01',
			fromStage: 'loyal',
			toStage: 'lapsed',
			stages: [
				{
					id: 'loyal',
					label: 'Loyal',
					minOrders: 4,
					maxOrders: null,
					minDaysSinceLast: null,
					maxDaysSinceLast: null
				}
			]
		}
	}
]);

const fileOf = (segments: unknown[]) =>
	JSON.stringify({ format: 'concord-segments', version: 1, segments });

describe('the definitions file', () => {
	it('reads back exactly what it wrote', () => {
		const written = segmentsJson([PARIS, LOYAL, RECENT]);
		expect(JSON.parse(written)).toMatchObject({ format: 'concord-segments', version: 1 });
		const read = parseSegmentsJson(written, NOW);
		expect(read.problems).toEqual([]);
		expect(read.segments).toEqual([PARIS, LOYAL, RECENT]);
	});

	it('fills a missing description, colour and dates, and trims the name', () => {
		const { segments, problems } = parseSegmentsJson(
			fileOf([{ id: 'a', name: '  Bare ', rule: group('or', []) }]),
			NOW
		);
		expect(problems).toEqual([]);
		expect(segments).toEqual([
			{
				id: 'a',
				name: 'Bare',
				description: '',
				colour: '#2f6fde',
				createdAt: NOW,
				updatedAt: NOW,
				rule: group('or', [])
			}
		]);
	});

	it.each([
		['not JSON', '{"format": "concord-segments", ', /not JSON/],
		['a list', '[]', /not a Concord segments file/],
		['another format', '{"format": "other", "version": 1, "segments": []}', /not a Concord/],
		['a newer version', '{"format":"concord-segments","version":2,"segments":[]}', /newer Concord/],
		['no version', '{"format":"concord-segments","segments":[]}', /no version/],
		['no list', '{"format":"concord-segments","version":1,"segments":{}}', /no list/],
		['too large', `"${'x'.repeat(5 * 1024 * 1024)}"`, /larger than 5 MB/],
		[
			'too many segments',
			fileOf(Array.from({ length: MAX_SEGMENTS + 1 }, (_, i) => ({ ...PARIS, id: `s${i}` }))),
			/holds 1001 segments/
		]
	])('refuses %s as a whole', (_, text, message) => {
		const { segments, problems } = parseSegmentsJson(text, NOW);
		expect(segments).toEqual([]);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(message);
	});

	const deep = (levels: number): unknown =>
		levels === 0 ? attribute('city', 'is', 'Paris') : group('and', [deep(levels - 1) as never]);

	it.each([
		['a number', 42, /not a segment definition/],
		['no id', { ...PARIS, id: undefined }, /its id/],
		['an id that is a number', { ...PARIS, id: 7 }, /its id/],
		['an empty name', { ...PARIS, name: '   ' }, /its name/],
		['a huge name', { ...PARIS, name: 'n'.repeat(100_000) }, /its name/],
		['a description that is a list', { ...PARIS, description: ['x'] }, /its description/],
		['a CSS colour that is not hex', { ...PARIS, colour: 'url(https://x.test/a.png)' }, /colour/],
		['a date as text', { ...PARIS, createdAt: 'yesterday' }, /dates/],
		['no rule', { ...PARIS, rule: undefined }, /not an object/],
		['a rule that is a condition', { ...PARIS, rule: attribute('city', 'is', 'x') }, /not a group/],
		[
			'a group joined by XOR',
			{ ...PARIS, rule: { ...group('and', []), combinator: 'xor' } },
			/AND or OR/
		],
		['children not in a list', { ...PARIS, rule: { ...group('and', []), children: {} } }, /list/],
		['negate as text', { ...PARIS, rule: { ...group('and', []), negate: 'yes' } }, /negate/],
		['an unknown kind', { ...PARIS, rule: group('and', [{ kind: 'sql' } as never]) }, /kind 'sql'/],
		[
			'an unknown operator',
			{ ...PARIS, rule: group('and', [{ ...attribute('city', 'is'), operator: 'LIKE' as never }]) },
			/operator/
		],
		[
			'a value that is an object',
			{ ...PARIS, rule: group('and', [{ ...attribute('city', 'is'), value: { a: 1 } as never }]) },
			/value/
		],
		[
			'a huge value',
			{ ...PARIS, rule: group('and', [attribute('city', 'is', 'x'.repeat(20_000))]) },
			/value/
		],
		[
			'an event filter on __proto__',
			{
				...PARIS,
				rule: group('and', [
					behaviour('purchase', 'at-least', 1, {
						where: [{ field: '__proto__' as never, operator: 'is', value: 'x' }]
					})
				])
			},
			/event filter/
		],
		[
			'a window of an unknown kind',
			{
				...PARIS,
				rule: group('and', [
					{ ...behaviour('purchase', 'at-least', 1), window: { kind: 'forever' } as never }
				])
			},
			/time window/
		],
		['groups nested too deep', { ...PARIS, rule: deep(40) }, /nested more than 24/],
		[
			'too many conditions',
			{
				...PARIS,
				rule: group(
					'or',
					Array.from({ length: 3000 }, () => inSegment('x'))
				)
			},
			/more than 2000 conditions/
		]
	])('leaves out an entry with %s, saying why', (_, entry, message) => {
		const { segments, problems } = parseSegmentsJson(fileOf([entry, LOYAL]), NOW);
		expect(segments).toEqual([LOYAL]);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(/^Segment 1 .*was left out: /);
		expect(problems[0]).toMatch(message);
	});

	it('drops prototype keys and every other unknown key, polluting nothing', () => {
		const text = `{"format":"concord-segments","version":1,"__proto__":{"polluted":1},
			"segments":[{"__proto__":{"polluted":2},"constructor":{"prototype":{"polluted":3}},
			"id":"p","name":"Proto","extra":"x","rule":{"kind":"group","combinator":"and",
			"__proto__":{"polluted":4},"children":[{"kind":"attribute","field":"city",
			"operator":"is","value":"Paris","__proto__":{"polluted":5},"sql":"DROP TABLE x"}]}}]}`;
		const { segments, problems } = parseSegmentsJson(text, NOW);
		expect(problems).toEqual([]);
		const [read] = segments;
		expect(Object.keys(read!).sort()).toEqual(
			['colour', 'createdAt', 'description', 'id', 'name', 'rule', 'updatedAt'].sort()
		);
		expect(read!.rule).toEqual(group('and', [attribute('city', 'is', 'Paris')]));
		expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
		expect(Object.getPrototypeOf(read!.rule.children[0])).toBe(Object.prototype);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('keeps segments that refer to each other in a loop: the compiler reports it', () => {
		const a = segment('a', 'A', [inSegment('b')]);
		const b = segment('b', 'B', [inSegment('a')]);
		const { segments, problems } = parseSegmentsJson(segmentsJson([a, b]), NOW);
		expect(problems).toEqual([]);
		expect(segments).toEqual([a, b]);
		const context = { fields: { fields: [], indicators: false }, asOf: '2024-03-31', segments };
		const compiled = compileSegment(segments[0]!, context);
		expect(compiled.ok).toBe(false);
		if (!compiled.ok) expect(compiled.errors[0]?.message).toMatch(/refers back|loop/);
	});
});

describe('the file the library downloads', () => {
	const inner = segment('inner', 'Inner', [attribute('orders', '>', 1)]);
	const middle = segment('middle', 'Middle', [inSegment('inner')]);
	const outer = segment('outer', 'Outer VIP', [inSegment('middle'), inSegment('gone')]);
	const day = new Date(2024, 2, 5);

	it('holds one segment with those it refers to, through references of references', () => {
		const file = definitionsFile([PARIS, inner, middle, outer], ['outer'], day);
		expect(file.fileName).toBe('segment-outer-vip-2024-03-05.json');
		expect(parseSegmentsJson(file.text, NOW).segments.map((s) => s.id)).toEqual([
			'inner',
			'middle',
			'outer'
		]);
	});

	it('holds every segment when asked for all, named by the day', () => {
		const file = definitionsFile([PARIS, LOYAL], ['paris', 'loyal'], day);
		expect(file.fileName).toBe('concord-segments-2024-03-05.json');
		expect(parseSegmentsJson(file.text, NOW).segments).toEqual([PARIS, LOYAL]);
	});
});

describe('importing beside the saved segments', () => {
	const ids = () => {
		let n = 0;
		return () => `new-${++n}`;
	};

	it('keeps free ids and names as they are', () => {
		expect(fitImported([PARIS, LOYAL], [RECENT], ids())).toEqual([PARIS, LOYAL]);
	});

	it('gives taken ids new ones and makes membership conditions follow them', () => {
		const saved = segment('paris', 'Big spenders', [attribute('revenue', '>', 1000)]);
		const fitted = fitImported([LOYAL, PARIS], [saved], ids());
		expect(fitted.map((s) => [s.id, s.name])).toEqual([
			['loyal', 'Loyal'],
			['new-1', 'Paris']
		]);
		// LOYAL referred to 'paris' of the file: now to its new id, not to the saved segment.
		const inner = fitted[0]!.rule.children[1];
		expect(inner).toEqual(
			group('or', [attribute('city', 'in-list', ['Lyon', 'Nice']), inSegment('new-1')], true)
		);
	});

	it('leaves references to segments outside the file alone', () => {
		const other = segment('x', 'X', [inSegment('saved-elsewhere')]);
		expect(fitImported([other], [], ids())[0]!.rule.children[0]).toEqual(
			inSegment('saved-elsewhere')
		);
	});

	it('names a taken name "(imported)", then "(imported 2)"', () => {
		const fitted = fitImported(
			[PARIS, { ...PARIS, id: 'paris-2' }, { ...PARIS, id: 'paris-3', name: 'PARIS' }],
			[{ ...PARIS, id: 'saved' }],
			ids()
		);
		expect(fitted.map((s) => s.name)).toEqual([
			'Paris (imported)',
			'Paris (imported 2)',
			'PARIS (imported 3)'
		]);
	});

	it('imports a file twice as two sets of copies, each referring to its own', () => {
		const once = fitImported([PARIS, LOYAL], [], ids());
		const twice = fitImported([PARIS, LOYAL], once, ids());
		expect(twice.map((s) => s.id)).toEqual(['new-1', 'new-2']);
		expect(JSON.stringify(twice[1]!.rule)).toContain('"segmentId":"new-1"');
	});
});

describe.each(engines.filter((e) => e.name === 'native'))(
	'imported segments on $name DuckDB',
	(engine) => {
		let db: Db & { close(): void };

		beforeAll(async () => {
			db = await engine.open();
			await db.exec(sql`CREATE TABLE cc_customer_360 AS SELECT * FROM (VALUES
			('C1', 'Paris', 1), ('C2', 'Paris', 5), ('C3', 'Lyon', 7), ('C4', 'Paris', 9), ('C5', 'Nice', 0)
		) t(customer_id, city, orders)`);
		});

		afterAll(() => db?.close());

		it('counts the imported segment a membership refers to, not the saved one of that id', async () => {
			const saved = segment('a', 'Many orders', [attribute('orders', '>=', 7)]);
			const file = segmentsJson([
				segment('a', 'Paris', [attribute('city', 'is', 'paris')]),
				segment('b', 'Paris, 2 orders or more', [inSegment('a'), attribute('orders', '>=', 2)])
			]);
			const imported = fitImported(parseSegmentsJson(file, NOW).segments, [saved], ids());
			const segments = [saved, ...imported];
			const context = {
				fields: await loadFieldCatalogue(db),
				asOf: '2024-03-31',
				segments
			};
			const compiled = segments.map((s) => {
				const result = compileSegment(s, context);
				if (!result.ok) throw new Error(JSON.stringify(result.errors));
				return { id: s.id, ids: result.sql };
			});
			const overlaps = await segmentOverlaps(db, compiled);
			expect(overlaps.segments).toEqual(['a', 'new-1', 'b']);
			expect(overlaps.sizes).toEqual([2, 3, 2]);
			// 'b' is Paris with 2 orders or more (C2, C4), inside the imported Paris.
			expect(overlaps.shared[2]![1]).toBe(2);
		});

		function ids() {
			let n = 0;
			return () => `new-${++n}`;
		}
	}
);
