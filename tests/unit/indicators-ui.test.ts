// The Indicators area's pure helpers: settings read back defensively from IndexedDB, the
// default dates of the lifecycle shift, and how marks and saved rules are named in words.
import { segmentRuleText } from '../../src/lib/state/segment-summary';
import { describe, expect, it } from 'vitest';
import { NO_STAGE, NOT_YET_KNOWN } from '../../src/lib/core/indicators/lifecycle';
import type { IndicatorFilter } from '../../src/lib/core/indicators/members';
import {
	DEFAULT_INDICATOR_SETTINGS,
	DEFAULT_LIFECYCLE
} from '../../src/lib/core/indicators/settings';
import { segmentOfFilter, type RuleGroup } from '../../src/lib/core/segments/definition';
import { readIndicatorSettings } from '../../src/lib/persist/indicators';
import { filterTitle, segmentName, stageLabel } from '../../src/lib/state/indicator-filters';
import { yearBefore } from '../../src/lib/state/lifecycle-shift.svelte';

describe('indicator settings read back from storage', () => {
	const d = DEFAULT_INDICATOR_SETTINGS;
	it.each([
		['nothing saved', undefined, d],
		['not an object', 'hello', d],
		[
			'well-formed values kept',
			{ ...d, model: 'paretonbd', propensityDays: 30, rfm: { ...d.rfm, method: 'thresholds' } },
			{ ...d, model: 'paretonbd', propensityDays: 30, rfm: { ...d.rfm, method: 'thresholds' } }
		],
		[
			'ill-formed fields take the defaults',
			{
				model: 'weibull',
				clvMonths: '12',
				discountRate: null,
				rfm: { method: 'deciles', recencyDays: [1, 2, 3], frequency: [1, 2, 3, 'x'] },
				lifecycle: []
			},
			d
		],
		[
			'stages without an id or label are left out; bounds that are not numbers are none',
			{
				...d,
				lifecycle: [
					{ id: 'a', label: 'A', minOrders: 2, maxOrders: 'many' },
					{ label: 'no id' },
					null
				]
			},
			{
				...d,
				lifecycle: [
					{
						id: 'a',
						label: 'A',
						minOrders: 2,
						maxOrders: null,
						minDaysSinceLast: null,
						maxDaysSinceLast: null
					}
				]
			}
		]
	])('%s', (_, saved, expected) => {
		expect(readIndicatorSettings(saved)).toEqual(expected);
	});

	it('never hands out the defaults themselves', () => {
		const read = readIndicatorSettings(undefined);
		read.lifecycle[0]!.label = 'changed';
		expect(DEFAULT_LIFECYCLE[0]!.label).not.toBe('changed');
	});
});

describe('the day a year before', () => {
	it.each([
		['2026-06-30', '2025-06-30'],
		['2024-02-29', '2023-02-28'],
		['2025-01-01', '2024-01-01']
	])('%s → %s', (day, expected) => {
		expect(yearBefore(day)).toBe(expected);
	});
});

describe('marks in words', () => {
	const stages = DEFAULT_LIFECYCLE;
	const shift: IndicatorFilter = {
		kind: 'lifecycle-shift',
		from: '2025-06-30',
		to: '2026-06-30',
		fromStage: 'loyal',
		toStage: 'lapsed',
		stages
	};
	it.each<[IndicatorFilter, string, string]>([
		[
			{ kind: 'rfm-cell', r: 5, f: 5 },
			'Recency 5 · frequency 5 (Champions)',
			'RFM: Champions (R5 F5)'
		],
		[{ kind: 'rfm-segment', segment: 'At risk' }, 'RFM segment: At risk', 'RFM: At risk'],
		[shift, 'Loyal on 2025-06-30 → Lapsed on 2026-06-30', 'Lifecycle: Loyal → Lapsed']
	])('%j', (filter, title, name) => {
		expect(filterTitle(filter)).toBe(title);
		expect(segmentName(filter)).toBe(name);
	});

	it.each([
		[NOT_YET_KNOWN, 'Not yet known'],
		[NO_STAGE, 'No stage'],
		['repeat', 'Repeat customer'],
		['gone', 'gone']
	])('stage %s reads %s', (id, label) => {
		expect(stageLabel(id, stages)).toBe(label);
	});

	it('summarises a rule tree on one line', () => {
		const rule: RuleGroup = {
			kind: 'group',
			combinator: 'and',
			negate: false,
			children: [
				{ kind: 'indicator', filter: { kind: 'rfm-segment', segment: 'Loyal' } },
				{
					kind: 'group',
					combinator: 'or',
					negate: true,
					children: [
						{ kind: 'indicator', filter: { kind: 'rfm-cell', r: 1, f: 1 } },
						{ kind: 'indicator', filter: shift }
					]
				}
			]
		};
		expect(segmentRuleText(rule, [])).toBe(
			'RFM segment: Loyal and not (Recency 1 · frequency 1 (Lost) or Loyal on 2025-06-30 → Lapsed on 2026-06-30)'
		);
		const saved = segmentOfFilter('id', 'n', '', { kind: 'rfm-segment', segment: 'Lost' }, 0);
		expect(segmentRuleText(saved.rule, [])).toBe('RFM segment: Lost');
	});
});
