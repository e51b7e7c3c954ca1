// How the customer explanation page lays out what the core explains: values marked as agreeing
// or differing across records, a readable name, each pair's verdict in words and its waterfall.
import { describe, expect, it } from 'vitest';
import type { PairExplanation } from '../../src/lib/core/identity/explain';
import type { RecordDetail } from '../../src/lib/core/identity/record-details';
import type { IdentityRunInfo } from '../../src/lib/engine/api';
import {
	formatChance,
	pairKey,
	pairVerdict,
	waterfallSteps
} from '../../src/lib/state/explain-pairs';
import { readableName, recordKey, sideBySide } from '../../src/lib/state/explain-records';

const record = (recordId: string, fields: Record<string, string | null>): RecordDetail => ({
	recordId: `crm:${recordId}`,
	sourceId: 'crm',
	sourceName: 'CRM contacts',
	customerId: null,
	fields
});

const records = [
	record('1', {
		first_name: 'Mélanie',
		last_name: 'MARIE',
		phone: '+33698350978',
		city: 'Châteauroux',
		created_at: '2026-01-17'
	}),
	record('2', {
		first_name: 'Mélanie',
		last_name: 'Marie',
		phone: '+33288744252',
		city: null,
		created_at: '2026-01-28'
	}),
	record('3', {
		first_name: 'melanie',
		last_name: 'marie',
		phone: null,
		city: null,
		created_at: null,
		custom_note: null
	})
];

const run: IdentityRunInfo = {
	ranAt: 0,
	threshold: 0.5,
	rules: [{ id: 'email_first_name', label: 'Same e-mail and first name' }]
};

function pair(change: Partial<PairExplanation>): PairExplanation {
	return {
		recordA: 'crm:1',
		recordB: 'crm:2',
		prior: -11,
		contributions: [
			{ comparison: 'first_name', label: 'First name', level: 'exact', weight: 6.5 },
			{ comparison: 'phone', label: 'Phone', level: 'different', weight: -3 },
			{ comparison: 'city', label: 'City', level: null, weight: 0 }
		],
		weight: -7.5,
		probability: 0.0055,
		linkedBy: null,
		household: false,
		decision: null,
		...change
	};
}

describe('records side by side', () => {
	const rows = sideBySide(records);
	const marks = (field: string) =>
		rows.find((r) => r.field === field)?.cells.map((c) => c.agreement);

	it.each([
		['last_name', ['agrees', 'agrees', 'agrees']],
		['first_name', ['agrees', 'agrees', 'differs']],
		['phone', ['differs', 'differs', 'missing']],
		['city', ['alone', 'missing', 'missing']],
		['created_at', ['plain', 'plain', 'missing']]
	])('marks %s as %j', (field, expected) => {
		expect(marks(field)).toEqual(expected);
	});

	it('labels fields by role, leaves out fields no record fills, keeps the first order', () => {
		expect(rows.map((r) => r.label)).toEqual([
			'First name',
			'Last name',
			'Phone',
			'City',
			'Created at'
		]);
	});

	it('names the customer by its most frequent name, in mixed case', () => {
		expect(readableName(records)).toBe('Mélanie Marie');
		expect(readableName([record('9', { email: 'a@b.fr' })])).toBe('a@b.fr');
		expect(recordKey(records[0]!)).toBe('1');
	});
});

describe('pairs', () => {
	it.each([
		[{ linkedBy: 'email_first_name' }, true, 'Same e-mail and first name'],
		[{ linkedBy: 'gone_rule' }, true, "rule 'gone_rule'"],
		[{ linkedBy: 'model', probability: 0.9 }, true, 'match model'],
		[{ linkedBy: 'decision', decision: true }, true, 'your decision'],
		[{ decision: false, probability: 0.99 }, false, 'your decision'],
		[{ household: true, probability: 0.9 }, false, 'household guard'],
		[{}, false, 'below the threshold']
	] as const)('%j is a link: %s (%s)', (change, linked, reason) => {
		const verdict = pairVerdict(pair(change), run);
		expect(verdict.linked).toBe(linked);
		expect(verdict.reason).toBe(reason);
	});

	it('steps from the prior through each comparison to the total', () => {
		const steps = waterfallSteps(pair({}));
		expect(steps.map((s) => [s.kind, s.start, s.end])).toEqual([
			['prior', 0, -11],
			['for', -11, -4.5],
			['against', -4.5, -7.5],
			['missing', -7.5, -7.5],
			['total', 0, -7.5]
		]);
		expect(steps.map((s) => s.label)).toEqual([
			'Prior (any two records)',
			'First name: exact',
			'Phone: different',
			'City: not compared',
			'Match weight'
		]);
	});

	it.each([
		[0.99999, '> 99.99%'],
		[1, '100.00%'],
		[0.5, '50.0%'],
		[0.0055, '0.55%'],
		[0.00001, '< 0.01%']
	])('writes a probability of %d as %s', (p, expected) => {
		expect(formatChance(p)).toBe(expected);
	});

	it('keys a pair the same whichever record comes first', () => {
		expect(pairKey('b', 'a')).toBe(pairKey('a', 'b'));
	});
});
