// Editing the golden record's survivorship on the Identity page: one canonical form, so that a
// change undone compares equal to none (the run is stale only on a real change), saved values
// of any age read back sensibly, and the rule and source moves of the panel.
import { describe, expect, it } from 'vitest';
import {
	DEFAULT_GOLDEN_SETTINGS,
	GOLDEN_FIELDS,
	type GoldenSettings
} from '../../src/lib/core/identity/golden-settings';
import { canonicalJson } from '../../src/lib/core/identity/run-state';
import { DEFAULT_IDENTITY_SETTINGS } from '../../src/lib/core/identity/types';
import {
	addSurvivorshipRule,
	isDefaultGolden,
	keptGolden,
	moveSource,
	moveSurvivorshipRule,
	normaliseGolden,
	removeSurvivorshipRule,
	rulesToAdd,
	setTitleCase,
	sourceOrder
} from '../../src/lib/state/golden-settings-edit';
import { normaliseSettings } from '../../src/lib/state/identity-settings';

const base = normaliseGolden();
const SOURCES = ['crm', 'shop', 'club'];

describe('golden settings in canonical form', () => {
	it('reads nothing saved as the defaults, every field in the core order', () => {
		expect(normaliseGolden()).toEqual(DEFAULT_GOLDEN_SETTINGS);
		expect(Object.keys(base.fields)).toEqual([...GOLDEN_FIELDS]);
		expect(isDefaultGolden(base)).toBe(true);
	});

	it.each([
		['a field missing', { fields: {} }, DEFAULT_GOLDEN_SETTINGS.fields.email],
		[
			'rules that are not a list',
			{ fields: { email: { rules: 'x' } } },
			{ rules: ['most_recent', 'most_frequent'] }
		],
		[
			'only rules of a newer version',
			{ fields: { email: { rules: ['newest'] } } },
			{ rules: ['most_recent', 'most_frequent'] }
		],
		[
			'unknown and repeated rules',
			{ fields: { email: { rules: ['most_complete', 'x', 'most_complete'] } } },
			{ rules: ['most_complete'] }
		],
		['no rule at all, kept', { fields: { email: { rules: [] } } }, { rules: [] }],
		[
			'sources without source priority',
			{ fields: { email: { rules: ['most_recent'], sources: ['a'] } } },
			{ rules: ['most_recent'] }
		],
		[
			'sources repeated',
			{ fields: { email: { rules: ['source_priority'], sources: ['b', 'a', 'b', 3] } } },
			{ rules: ['source_priority'], sources: ['b', 'a'] }
		],
		[
			'an empty source list',
			{ fields: { email: { rules: ['source_priority'], sources: [] } } },
			{ rules: ['source_priority'] }
		]
	])('reads %s', (_, stored, expected) => {
		expect(normaliseGolden(stored).fields.email).toEqual(expected);
	});

	it.each([null, 'x', 42, [], { titleCaseNames: 'yes' }])('reads %j as the defaults', (stored) => {
		expect(normaliseGolden(stored)).toEqual(DEFAULT_GOLDEN_SETTINGS);
	});

	it('keeps the golden settings in identity settings only when they are not the defaults', () => {
		expect(keptGolden(undefined)).toBeUndefined();
		expect(keptGolden(DEFAULT_GOLDEN_SETTINGS)).toBeUndefined();
		const moved = moveSurvivorshipRule(base, 'email', 'most_frequent', -1);
		expect(keptGolden(moved)?.fields.email.rules).toEqual(['most_frequent', 'most_recent']);

		const settings = normaliseSettings({ golden: moved });
		expect(settings.golden?.fields.email.rules).toEqual(['most_frequent', 'most_recent']);
		const back = normaliseSettings({ ...settings, golden: normaliseGolden() });
		expect('golden' in back).toBe(false);
		// A run saved before golden records were configurable is not stale for that reason.
		expect(canonicalJson(back)).toBe(canonicalJson(DEFAULT_IDENTITY_SETTINGS));
	});
});

describe('the survivorship editor', () => {
	const rulesOf = (golden: GoldenSettings) => golden.fields.email.rules;

	it('moves a rule up and down, and not past either end', () => {
		expect(rulesOf(moveSurvivorshipRule(base, 'email', 'most_frequent', -1))).toEqual([
			'most_frequent',
			'most_recent'
		]);
		expect(moveSurvivorshipRule(base, 'email', 'most_recent', -1)).toBe(base);
		expect(moveSurvivorshipRule(base, 'email', 'most_frequent', 1)).toBe(base);
		expect(moveSurvivorshipRule(base, 'email', 'most_complete', 1)).toBe(base);
	});

	it('turns a move undone back into the defaults', () => {
		const there = moveSurvivorshipRule(base, 'email', 'most_frequent', -1);
		expect(isDefaultGolden(there)).toBe(false);
		expect(isDefaultGolden(moveSurvivorshipRule(there, 'email', 'most_frequent', 1))).toBe(true);
	});

	it('adds a rule last, once, and offers only the rules not used', () => {
		expect(rulesToAdd(base, 'email')).toEqual(['source_priority', 'most_complete']);
		const added = addSurvivorshipRule(base, 'email', 'source_priority');
		expect(rulesOf(added)).toEqual(['most_recent', 'most_frequent', 'source_priority']);
		expect(addSurvivorshipRule(added, 'email', 'source_priority')).toBe(added);
		expect(rulesToAdd(added, 'email')).toEqual(['most_complete']);
	});

	it('does not offer most complete for a date or a consent', () => {
		expect(rulesToAdd(base, 'birth_date')).toEqual(['source_priority']);
		expect(rulesToAdd(base, 'sms_optin')).toEqual(['source_priority', 'most_frequent']);
		expect(rulesToAdd(base, 'address')).toEqual(['source_priority', 'most_frequent']);
	});

	it('removes a rule, down to none', () => {
		const one = removeSurvivorshipRule(base, 'email', 'most_recent');
		expect(rulesOf(one)).toEqual(['most_frequent']);
		expect(rulesOf(removeSurvivorshipRule(one, 'email', 'most_frequent'))).toEqual([]);
		expect(rulesOf(removeSurvivorshipRule(one, 'email', 'most_complete'))).toEqual([
			'most_frequent'
		]);
	});

	it('leaves the other fields as they are', () => {
		const changed = moveSurvivorshipRule(base, 'phone', 'most_frequent', -1);
		expect(changed.fields.email).toEqual(base.fields.email);
		expect(changed.fields.phone.rules).toEqual(['most_frequent', 'most_recent']);
	});

	it('switches title case', () => {
		expect(setTitleCase(base, false).titleCaseNames).toBe(false);
		expect(isDefaultGolden(setTitleCase(setTitleCase(base, false), true))).toBe(true);
	});
});

describe('the source order of a field', () => {
	const priority = addSurvivorshipRule(base, 'email', 'source_priority');

	it.each([
		[undefined, SOURCES],
		[['club'], ['club', 'crm', 'shop']],
		[
			['gone', 'shop', 'crm'],
			['shop', 'crm', 'club']
		]
	])('lists %j over the workspace as %j', (sources, expected) => {
		expect(sourceOrder({ rules: ['source_priority'], sources }, SOURCES)).toEqual(expected);
	});

	it('moves a source and keeps the whole order', () => {
		const moved = moveSource(priority, 'email', SOURCES, 'club', -1);
		expect(moved.fields.email.sources).toEqual(['crm', 'club', 'shop']);
		expect(moveSource(moved, 'email', SOURCES, 'crm', -1)).toBe(moved);
		expect(moveSource(moved, 'email', SOURCES, 'shop', 1)).toBe(moved);
		expect(moveSource(moved, 'email', SOURCES, 'gone', 1)).toBe(moved);
	});

	it('keeps no list when the order is back to the workspace order', () => {
		const moved = moveSource(priority, 'email', SOURCES, 'club', -1);
		const back = moveSource(moved, 'email', SOURCES, 'club', 1);
		expect(back.fields.email).toEqual({
			rules: ['most_recent', 'most_frequent', 'source_priority']
		});
	});

	it('forgets the order when source priority is removed', () => {
		const moved = moveSource(priority, 'email', SOURCES, 'club', -1);
		const removed = removeSurvivorshipRule(moved, 'email', 'source_priority');
		expect(removed.fields.email.sources).toBeUndefined();
		expect(isDefaultGolden(removed)).toBe(true);
	});
});
