// Editing identity settings on the Identity page: one canonical form, so that settings meaning
// the same compare equal (the run is stale only on a real change), and the rule editor's moves.
import { describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY_SETTINGS } from '../../src/lib/core/identity/types';
import {
	addRule,
	defaultRuleLabel,
	moveRule,
	normaliseSettings,
	removeRule,
	setSwitch,
	updateRule
} from '../../src/lib/state/identity-settings';
import { clusterSizeBars, fieldRows, nearestPoint } from '../../src/lib/state/identity-view';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

describe('identity settings in canonical form', () => {
	it('reads nothing saved as the defaults, key for key', () => {
		expect(same(normaliseSettings(), DEFAULT_IDENTITY_SETTINGS)).toBe(true);
	});

	it('treats a switch turned off and on again as never touched', () => {
		const off = setSwitch(normaliseSettings(), 'blocking', 'phone', false);
		expect(off.blocking).toEqual({ phone: false });
		const back = setSwitch(off, 'blocking', 'phone', true);
		expect(same(back, DEFAULT_IDENTITY_SETTINGS)).toBe(true);
	});

	it('lists switches in one order whatever the order they were turned off in', () => {
		const ab = setSwitch(
			setSwitch(normaliseSettings(), 'comparisons', 'a', false),
			'comparisons',
			'b',
			false
		);
		const ba = setSwitch(
			setSwitch(normaliseSettings(), 'comparisons', 'b', false),
			'comparisons',
			'a',
			false
		);
		expect(same(ab, ba)).toBe(true);
	});

	it.each([
		[{ threshold: 2 }, 0.5],
		[{ threshold: 0 }, 0.5],
		[{ threshold: 0.7 }, 0.7],
		[{ threshold: 0.12345 }, 0.123]
	])('keeps a threshold strictly between 0 and 1 (%j)', (stored, expected) => {
		expect(normaliseSettings(stored).threshold).toBe(expected);
	});

	it('drops unknown fields and repeated ones from a saved rule', () => {
		const settings = normaliseSettings({
			rules: [
				{ id: 'x', label: 'X', fields: ['email', 'email', 'shoe_size' as 'email'], enabled: true }
			]
		});
		expect(settings.rules[0]?.fields).toEqual(['email']);
	});
});

describe('the rule editor', () => {
	const base = normaliseSettings();
	const ids = (s: typeof base) => s.rules.map((r) => r.id);

	it('moves a rule up and down, and not past either end', () => {
		expect(ids(moveRule(base, 'loyalty_id', -1)).slice(0, 2)).toEqual([
			'loyalty_id',
			'national_id'
		]);
		expect(ids(moveRule(base, 'national_id', -1))).toEqual(ids(base));
		const last = base.rules.at(-1)?.id ?? '';
		expect(ids(moveRule(base, last, 1))).toEqual(ids(base));
	});

	it('adds a rule at the end with a free id and a suggested label', () => {
		const once = addRule(base, ['email', 'birth_date'], '');
		const twice = addRule(once, ['email', 'birth_date'], 'Mine');
		expect(twice.rules.at(-2)).toEqual({
			id: 'email_birth_date',
			label: 'Same e-mail and birth date',
			fields: ['email', 'birth_date'],
			enabled: true
		});
		expect(twice.rules.at(-1)?.id).toBe('email_birth_date_2');
		expect(twice.rules.at(-1)?.label).toBe('Mine');
	});

	it('switches, renames and removes a rule', () => {
		const off = updateRule(base, 'loyalty_id', { enabled: false, label: 'Card' });
		expect(off.rules.find((r) => r.id === 'loyalty_id')).toMatchObject({
			enabled: false,
			label: 'Card'
		});
		expect(ids(removeRule(off, 'loyalty_id'))).not.toContain('loyalty_id');
	});

	it.each([
		[['email'], 'Same e-mail'],
		[['first_name', 'last_name', 'postcode'], 'Same first name, last name and postcode']
	] as const)('names %j "%s"', (fields, label) => {
		expect(defaultRuleLabel(fields)).toBe(label);
	});
});

describe('what the Identity page shows', () => {
	it('puts two records side by side, flagging values that differ beyond case and spaces', () => {
		const record = (id: string, fields: Record<string, string | null>) => ({
			recordId: id,
			sourceId: 's',
			sourceName: 'S',
			customerId: null,
			fields
		});
		const rows = fieldRows({
			recordA: record('a', { first_name: 'Ana ', last_name: 'Lopez', city: null }),
			recordB: record('b', { first_name: 'ana', last_name: 'López', phone: '+33 6' }),
			probability: 0.5,
			linked: true
		});
		expect(rows).toEqual([
			{ name: 'first_name', a: 'Ana ', b: 'ana', differs: false },
			{ name: 'last_name', a: 'Lopez', b: 'López', differs: true },
			{ name: 'phone', a: null, b: '+33 6', differs: false }
		]);
	});

	it('counts the biggest customers together in the histogram', () => {
		const sizes = [1, 2, 13, 40].map((size) => ({ size, customers: 2 }));
		expect(clusterSizeBars(sizes, 12)).toEqual([
			{ size: '1', customers: 2 },
			{ size: '2', customers: 2 },
			{ size: '13+', customers: 4 }
		]);
	});

	it('reads the explorer at the nearest threshold', () => {
		const points = [0.3, 0.5, 0.9].map((threshold) => ({
			threshold,
			customers: 1,
			merged: 0,
			largest: 1
		}));
		expect(nearestPoint(points, 0.62)?.threshold).toBe(0.5);
		expect(nearestPoint([], 0.5)).toBeNull();
	});
});
