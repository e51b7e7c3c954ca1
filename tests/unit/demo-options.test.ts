// The demo's options are checked before any table is touched, with messages that name the
// option and what to change; the generator's SQL is a pure function of its options.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import {
	demoSteps,
	generateDemo,
	resolveDemoOptions,
	type DemoOptions
} from '../../src/lib/core/demo';
import type { Sql } from '../../src/lib/core/sql/sql';

const refused: [string, DemoOptions, RegExp][] = [
	['no persons', { persons: 0 }, /persons must be a whole number from 1 to 2,000,000 \(got 0\)/],
	['negative persons', { persons: -5 }, /persons/],
	['a fraction of a person', { persons: 1.5 }, /persons/],
	['not a number', { persons: Number.NaN }, /persons/],
	['more than two million', { persons: 2_000_001 }, /persons/],
	['a negative seed', { persons: 10, seed: -1 }, /seed must be a whole number/],
	['a fractional seed', { persons: 10, seed: 0.5 }, /seed/],
	['a seed beyond 32 bits', { persons: 10, seed: 2 ** 31 }, /seed/],
	['a day-first date', { persons: 10, asOf: '30/06/2026' }, /YYYY-MM-DD \(got '30\/06\/2026'\)/],
	['a day that does not exist', { persons: 10, asOf: '2026-02-30' }, /calendar date/],
	['an empty date', { persons: 10, asOf: '' }, /calendar date/],
	[
		'a date in another century',
		{ persons: 10, asOf: '1999-12-31' },
		/between the years 2005 and 2100/
	]
];

/** A database that records what it is asked to run. */
function recordingDb(): Db & { statements: Sql[] } {
	const statements: Sql[] = [];
	return {
		statements,
		async exec(statement) {
			statements.push(statement);
		},
		async query(statement) {
			statements.push(statement);
			throw new Error('not expected');
		}
	};
}

describe('demo options', () => {
	it.each(refused)('refuses %s', async (_, options, message) => {
		expect(() => resolveDemoOptions(options)).toThrow(message);
		const db = recordingDb();
		await expect(generateDemo(db, options)).rejects.toThrow(message);
		expect(db.statements).toHaveLength(0);
	});

	it('fills in the documented defaults', () => {
		expect(resolveDemoOptions({ persons: 1 })).toEqual({
			persons: 1,
			seed: 42,
			asOf: '2026-06-30'
		});
		expect(resolveDemoOptions({ persons: 2_000_000, seed: 0, asOf: '2024-02-29' })).toEqual({
			persons: 2_000_000,
			seed: 0,
			asOf: '2024-02-29'
		});
	});

	it('builds the same SQL for the same options and different SQL for another seed', () => {
		const text = (options: DemoOptions) => demoSteps(options).map((step) => step.statement.text);
		expect(text({ persons: 1000 })).toEqual(text({ persons: 1000, seed: 42 }));
		expect(text({ persons: 1000, seed: 7 })).not.toEqual(text({ persons: 1000 }));
	});

	it('drops its own tables first, so it can run twice, and tidies up last', () => {
		const steps = demoSteps({ persons: 10 });
		expect(steps[0]?.statement.text).toMatch(/DROP TABLE IF EXISTS "cc_raw_crm_contacts"/);
		expect(steps.at(-1)?.statement.text).toMatch(/DROP TABLE IF EXISTS "cc_demo_work_person"/);
		for (const step of steps.slice(1, -1))
			expect(step.statement.text).toMatch(/^CREATE OR REPLACE TABLE/);
	});

	it('draws its randomness from hashes only', () => {
		for (const step of demoSteps({ persons: 10 })) {
			expect(step.statement.text).not.toMatch(
				/\b(random|setseed|uuid|gen_random_uuid|now|current_date)\s*\(/i
			);
			expect(step.statement.text).not.toMatch(/\b(ln|log|exp|pow|power)\s*\(/i);
		}
	});
});
