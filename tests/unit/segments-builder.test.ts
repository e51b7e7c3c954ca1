// The segment builder's pure helpers: tree edits by path (add, remove, move, replace, duplicate)
// that leave the given tree untouched and ignore edits that lead nowhere; the nodes named in
// words; new conditions and how a condition's value follows its operator and field; the field
// picker's groups and search. And the live audience against an engine answering out of order:
// edits in a burst are counted once, an older answer never replaces a newer one.
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SegmentAnswer } from '../../src/lib/core/segments/answers';
import type { Rule, RuleGroup } from '../../src/lib/core/segments/definition';
import type { Field } from '../../src/lib/core/segments/fields';
import type { AttributeCondition } from '../../src/lib/core/segments/rules';
import { attribute, behaviour, group, inSegment } from '../../src/lib/core/segments/shortcuts';
import {
	daysBefore,
	newAttribute,
	newBehaviour,
	newMembership,
	reshapeValue,
	valueOfInput,
	windowOfKind,
	withField,
	withOperator
} from '../../src/lib/state/condition-drafts';
import { fieldGroups, groupOfField } from '../../src/lib/state/field-groups';
import { conditionName, errorsAt, groupName, pathKey } from '../../src/lib/state/rule-paths';
import {
	COUNT_DELAY,
	PREVIEW_DELAY,
	SegmentAudience,
	type AudienceCount
} from '../../src/lib/state/segment-audience.svelte';
import type { Workspace } from '../../src/lib/state/workspace.svelte';
import {
	addChild,
	duplicateAt,
	groupAt,
	movedPath,
	moveAt,
	nodeAt,
	removeAt,
	replaceAt
} from '../../src/lib/state/rule-tree-edits';

const orders = attribute('orders', '>=', 1);
const city = attribute('city', 'is', 'Paris');
const bought = behaviour('purchase', 'at-least', 2, { window: { kind: 'last-days', days: 365 } });
const web = attribute('web_sessions', '>', 3);

/** AND( AND(orders, city), OR(bought, web) ) */
function tree(): RuleGroup {
	return group('and', [group('and', [orders, city]), group('or', [bought, web])]);
}

/** A deep copy, to check the edited tree was left as it was. */
const copy = <T>(value: T): T => structuredClone(value);

describe('rule tree edits', () => {
	it.each<[string, (rule: RuleGroup) => RuleGroup, Rule[] | null]>([
		['adds a condition at the end of a group', (r) => addChild(r, [1], city), [bought, web, city]],
		['adds a condition at an index', (r) => addChild(r, [1], city, 0), [city, bought, web]],
		['clamps an index past the end', (r) => addChild(r, [1], city, 9), [bought, web, city]],
		['removes a condition', (r) => removeAt(r, [1, 0]), [web]],
		['moves a condition down', (r) => moveAt(r, [1, 0], 1), [web, bought]],
		['moves a condition up', (r) => moveAt(r, [1, 1], -1), [web, bought]],
		['replaces a condition', (r) => replaceAt(r, [1, 1], orders), [bought, orders]],
		['duplicates a condition after itself', (r) => duplicateAt(r, [1, 0]), [bought, bought, web]]
	])('%s', (_, edit, children) => {
		const before = tree();
		const kept = copy(before);
		const after = edit(before);
		expect(groupAt(after, [1])?.children).toEqual(children);
		expect(before).toEqual(kept);
		// The branch not on the path is shared, not copied.
		expect(after.children[0]).toBe(before.children[0]);
	});

	it.each<[string, (rule: RuleGroup) => RuleGroup]>([
		['a path leading nowhere', (r) => addChild(r, [5], city)],
		['adding to a condition', (r) => addChild(r, [0, 0], city)],
		['removing the root', (r) => removeAt(r, [])],
		['removing past the end', (r) => removeAt(r, [0, 2])],
		['moving the first up', (r) => moveAt(r, [0, 0], -1)],
		['moving the last down', (r) => moveAt(r, [0, 1], 1)],
		['moving by no place', (r) => moveAt(r, [0, 0], 0)],
		['moving by a fraction', (r) => moveAt(r, [0, 0], 0.5)],
		['replacing the root by a condition', (r) => replaceAt(r, [], city)],
		['replacing past the end', (r) => replaceAt(r, [1, 7], city)],
		['duplicating the root', (r) => duplicateAt(r, [])],
		['duplicating past the end', (r) => duplicateAt(r, [3])]
	])('leaves the tree as it is for %s', (_, edit) => {
		const before = tree();
		expect(edit(before)).toBe(before);
	});

	it('moves, removes and duplicates whole groups', () => {
		const moved = moveAt(tree(), [1], -1);
		expect(moved.children.map((c) => (c.kind === 'group' ? c.combinator : c.kind))).toEqual([
			'or',
			'and'
		]);
		expect(removeAt(tree(), [0]).children).toHaveLength(1);
		const twice = duplicateAt(tree(), [0]);
		expect(twice.children).toHaveLength(3);
		expect(twice.children[1]).toEqual(twice.children[0]);
		// A duplicate is a copy: editing it leaves the original alone.
		expect(twice.children[1]).not.toBe(twice.children[0]);
		const edited = replaceAt(twice, [1, 0], web);
		expect(nodeAt(edited, [0, 0])).toEqual(orders);
	});

	it('adds to the root and to nested groups, and replaces the root by a group', () => {
		const nested = addChild(tree(), [1], group('and', [city]));
		expect(nodeAt(nested, [1, 2, 0])).toEqual(city);
		const deeper = addChild(nested, [1, 2], inSegment('vip'));
		expect(groupAt(deeper, [1, 2])?.children).toEqual([city, inSegment('vip')]);
		expect(addChild(tree(), [], web).children).toHaveLength(3);
		const root = group('or', [city], true);
		expect(replaceAt(tree(), [], root)).toBe(root);
	});

	it('follows a moved node to its new path', () => {
		expect(movedPath([1, 0], 1)).toEqual([1, 1]);
		expect(movedPath([2], -1)).toEqual([1]);
		expect(nodeAt(moveAt(tree(), [1, 0], 1), movedPath([1, 0], 1))).toEqual(bought);
	});

	it('finds nodes by path and nothing where a path leads nowhere', () => {
		expect(nodeAt(tree(), [])).toEqual(tree());
		expect(nodeAt(tree(), [0, 1])).toEqual(city);
		expect(nodeAt(tree(), [0, 1, 0])).toBeNull();
		expect(nodeAt(tree(), [4])).toBeNull();
		expect(groupAt(tree(), [0, 0])).toBeNull();
	});
});

describe('nodes in words', () => {
	it.each([
		[[], 'the top group', 'the rule', 'root'],
		[[0], 'group 1', 'condition 1 of the top group', '0'],
		[[1, 0], 'group 2.1', 'condition 1 of group 2', '1.0'],
		[[0, 2, 1], 'group 1.3.2', 'condition 2 of group 1.3', '0.2.1']
	])('%j is %s or %s', (path, asGroup, asCondition, key) => {
		expect(groupName(path)).toBe(asGroup);
		expect(conditionName(path)).toBe(asCondition);
		expect(pathKey(path)).toBe(key);
	});

	it('picks the problems of exactly one node', () => {
		const errors = [
			{ path: [1, 0], message: 'a' },
			{ path: [1], message: 'b' },
			{ path: [1, 0], message: 'c' }
		];
		expect(errorsAt(errors, [1, 0]).map((e) => e.message)).toEqual(['a', 'c']);
		expect(errorsAt(errors, [])).toEqual([]);
	});
});

const field = (name: string, type: Field['type'], table: Field['table'] = 'customer'): Field => ({
	name,
	label: name,
	type,
	table
});

describe('conditions as pickers change them', () => {
	it.each<[string, AttributeCondition, AttributeCondition['operator'], AttributeCondition]>([
		['is → is one of keeps the value', city, 'in-list', attribute('city', 'in-list', ['Paris'])],
		[
			'is one of → is keeps the first value',
			attribute('city', 'in-list', ['Lyon', 'Paris']),
			'is',
			attribute('city', 'is', 'Lyon')
		],
		['≥ → between starts the pair', orders, 'between', attribute('orders', 'between', [1, ''])],
		['is → is empty drops the value', city, 'is-empty', attribute('city', 'is-empty')],
		[
			'is empty → is starts empty',
			attribute('city', 'is-empty'),
			'is',
			attribute('city', 'is', '')
		],
		[
			'before → in the last … days starts at 30 days',
			attribute('first_seen', 'before', '2024-01-01'),
			'in-last-days',
			attribute('first_seen', 'in-last-days', 30)
		],
		[
			'in the last … days → more than … days ago keeps the days',
			attribute('first_seen', 'in-last-days', 90),
			'more-than-days-ago',
			attribute('first_seen', 'more-than-days-ago', 90)
		]
	])('%s', (_, condition, operator, expected) => {
		expect(withOperator(condition, operator)).toEqual(expected);
	});

	it('keeps a pair and a list as they are', () => {
		expect(reshapeValue([1, 5], 'pair')).toEqual([1, 5]);
		expect(reshapeValue(['a', '', 'b'], 'list')).toEqual(['a', 'b']);
		expect(reshapeValue(undefined, 'list')).toEqual([]);
	});

	it('keeps the operator on a field of the same type, and starts again on another type', () => {
		expect(withField(orders, field('revenue', 'number'))).toEqual(attribute('revenue', '>=', 1));
		expect(withField(orders, field('city', 'text'))).toEqual(attribute('city', 'is', ''));
		expect(withField(orders, field('email_optin', 'boolean'))).toEqual(
			attribute('email_optin', 'is-true')
		);
		expect(withField(orders, field('first_seen', 'date'))).toEqual(
			attribute('first_seen', 'in-last-days', 30)
		);
	});

	it('starts new conditions that count as they are', () => {
		expect(newAttribute([field('city', 'text'), field('orders', 'number')])).toEqual(orders);
		expect(newAttribute([field('city', 'text')])).toEqual(attribute('city', 'is', ''));
		const kinds = [
			{ kind: 'web' as const, events: 3, types: [] },
			{ kind: 'purchase' as const, events: 5, types: [] }
		];
		expect(newBehaviour(kinds)).toEqual(behaviour('purchase', 'at-least', 1));
		expect(newBehaviour(kinds.slice(0, 1)).event).toBe('web');
		const saved = [{ id: 'a' }, { id: 'b' }].map((s) => ({
			...s,
			name: s.id,
			description: '',
			colour: '#000',
			createdAt: 0,
			updatedAt: 0,
			rule: group('and', [])
		}));
		expect(newMembership(saved, 'a')).toEqual(inSegment('b'));
		expect(newMembership(saved.slice(0, 1), 'a')).toEqual(inSegment(''));
	});

	it('turns windows into one another from the as-of date', () => {
		const asOf = '2024-03-31';
		expect(daysBefore(asOf, 365)).toBe('2023-04-01');
		expect(windowOfKind('last-days', { kind: 'ever' }, asOf)).toEqual({
			kind: 'last-days',
			days: 90
		});
		expect(windowOfKind('between', { kind: 'ever' }, asOf)).toEqual({
			kind: 'between',
			from: '2024-01-01',
			to: asOf
		});
		expect(windowOfKind('since', { kind: 'between', from: '2023-05-01', to: asOf }, asOf)).toEqual({
			kind: 'since',
			from: '2023-05-01'
		});
		expect(windowOfKind('ever', { kind: 'since', from: asOf }, asOf)).toEqual({ kind: 'ever' });
	});

	it.each([
		['12', true, 12],
		[' 2.5 ', true, 2.5],
		['', true, ''],
		['abc', true, 'abc'],
		['Paris ', false, 'Paris ']
	])('reads %j typed in a box (numbers: %s) as %j', (text, numeric, expected) => {
		expect(valueOfInput(text, numeric)).toBe(expected);
	});
});

describe('the field picker', () => {
	const fields = [
		field('first_name', 'text'),
		field('customer_id', 'text'),
		field('orders', 'number'),
		field('days_since_last_purchase', 'number'),
		field('loyalty_tier', 'text'),
		field('clv', 'number', 'indicator')
	];

	it('groups the fields as a marketer thinks of them', () => {
		expect(fields.map(groupOfField)).toEqual([
			'golden',
			'golden',
			'kpi',
			'kpi',
			'custom',
			'indicator'
		]);
		expect(fieldGroups(fields).map((g) => [g.label, g.fields.length])).toEqual([
			['Golden record', 2],
			['KPIs', 2],
			['Custom attributes', 1],
			['Indicators', 1]
		]);
	});

	it('finds fields by every word typed, in labels and column names', () => {
		const found = (search: string) =>
			fieldGroups(fields, search).flatMap((g) => g.fields.map((f) => f.name));
		expect(found('ORD')).toEqual(['orders']);
		expect(found('last purchase')).toEqual(['days_since_last_purchase']);
		expect(found('tier loyalty')).toEqual(['loyalty_tier']);
		expect(found('nothing like it')).toEqual([]);
	});
});

/** An engine whose answers the test gives, in any order. */
function fakeEngine() {
	const counts: { rule: Rule; answer: (a: SegmentAnswer<AudienceCount>) => void }[] = [];
	const previews: { answer: (a: SegmentAnswer<Uint8Array>) => void }[] = [];
	const api = {
		segmentCount: (rule: Rule) =>
			new Promise<SegmentAnswer<AudienceCount>>((answer) => counts.push({ rule, answer })),
		segmentPreview: () =>
			new Promise<SegmentAnswer<Uint8Array>>((answer) => previews.push({ answer }))
	};
	const workspace = { engine: { api } } as unknown as Workspace;
	return { workspace, counts, previews };
}

const counted = (customers: number): SegmentAnswer<AudienceCount> => ({
	status: 'ok',
	value: { customers, share: customers / 100, revenue: customers * 10, revenueShare: 0.5, ms: 3 }
});

const request = (rule: RuleGroup) => ({ rule, segments: [], segmentId: null });

describe('the live audience', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('counts a burst of edits once, with the last rule', async () => {
		const engine = fakeEngine();
		const audience = new SegmentAudience(engine.workspace);
		audience.schedule(request(group('and', [orders])));
		await vi.advanceTimersByTimeAsync(COUNT_DELAY / 2);
		audience.schedule(request(group('and', [city])));
		expect(audience.updating).toBe(true);
		await vi.advanceTimersByTimeAsync(COUNT_DELAY);
		expect(engine.counts.map((c) => c.rule)).toEqual([group('and', [city])]);
		engine.counts[0]!.answer(counted(40));
		await vi.advanceTimersByTimeAsync(0);
		expect(audience.count?.customers).toBe(40);
		expect(audience.current).toBe(true);
		expect(audience.updating).toBe(false);
	});

	it('never lets an older answer replace a newer one, and ignores superseded ones', async () => {
		const engine = fakeEngine();
		const audience = new SegmentAudience(engine.workspace);
		audience.schedule(request(group('and', [orders])));
		await vi.advanceTimersByTimeAsync(COUNT_DELAY);
		audience.schedule(request(group('and', [city])));
		await vi.advanceTimersByTimeAsync(COUNT_DELAY);
		const [older, newer] = engine.counts;
		newer!.answer(counted(12));
		await vi.advanceTimersByTimeAsync(0);
		older!.answer(counted(99));
		await vi.advanceTimersByTimeAsync(0);
		expect(audience.count?.customers).toBe(12);
		expect(audience.answers).toBe(1);
		audience.schedule(request(group('and', [web])));
		await vi.advanceTimersByTimeAsync(COUNT_DELAY);
		engine.counts[2]!.answer({ status: 'superseded' });
		await vi.advanceTimersByTimeAsync(0);
		expect(audience.count?.customers).toBe(12);
		expect(audience.answers).toBe(1);
	});

	it('keeps the last valid count, marked out of date, while the rule has problems', async () => {
		const engine = fakeEngine();
		const audience = new SegmentAudience(engine.workspace);
		audience.schedule(request(group('and', [orders])));
		await vi.advanceTimersByTimeAsync(COUNT_DELAY);
		engine.counts[0]!.answer(counted(30));
		await vi.advanceTimersByTimeAsync(0);
		audience.schedule(request(group('and', [attribute('orders', '>=', 'x')])));
		await vi.advanceTimersByTimeAsync(COUNT_DELAY);
		const errors = [{ path: [0], message: "'Orders' needs a number" }];
		engine.counts[1]!.answer({ status: 'invalid', errors });
		await vi.advanceTimersByTimeAsync(0);
		expect(audience.errors).toEqual(errors);
		expect(audience.count?.customers).toBe(30);
		expect(audience.current).toBe(false);
		expect(audience.updating).toBe(false);
	});

	it('lists the members after a count, and drops a list asked for an older rule', async () => {
		const engine = fakeEngine();
		const audience = new SegmentAudience(engine.workspace);
		audience.schedule(request(group('and', [orders])));
		await vi.advanceTimersByTimeAsync(COUNT_DELAY);
		engine.counts[0]!.answer(counted(2));
		await vi.advanceTimersByTimeAsync(PREVIEW_DELAY);
		expect(engine.previews).toHaveLength(1);
		// An edit while the list is read: that list belongs to the older rule.
		audience.schedule(request(group('and', [city])));
		const bytes = tableToIPC(tableFromArrays({ customer_id: ['C1', 'C2'], revenue: [5, 3] }));
		engine.previews[0]!.answer({ status: 'ok', value: bytes });
		await vi.advanceTimersByTimeAsync(0);
		expect(audience.rows).toBeNull();
		await vi.advanceTimersByTimeAsync(COUNT_DELAY);
		engine.counts[1]!.answer(counted(2));
		await vi.advanceTimersByTimeAsync(PREVIEW_DELAY);
		engine.previews[1]!.answer({ status: 'ok', value: bytes });
		await vi.advanceTimersByTimeAsync(0);
		expect(audience.rows?.map((r) => [r.customer_id, r.revenue])).toEqual([
			['C1', 5],
			['C2', 3]
		]);
		expect(audience.rowsCurrent).toBe(true);
	});
});
