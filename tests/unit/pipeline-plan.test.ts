// The pipeline's plan: each step's state from its own reading, and the step a run does next.
import { describe, expect, it } from 'vitest';
import { nextStep, stepStatus, type StepReading } from '../../src/lib/core/workspace/pipeline-plan';

const current: StepReading = { done: true, stale: [], problems: [] };

describe('stepStatus', () => {
	it('reads a step as current, stale, missing or blocked', () => {
		expect(stepStatus('identity', current)).toEqual({
			step: 'identity',
			state: 'current',
			reasons: []
		});
		expect(
			stepStatus('customers360', { done: true, stale: ['The customers changed.'], problems: [] })
		).toEqual({ step: 'customers360', state: 'stale', reasons: ['The customers changed.'] });
		expect(stepStatus('indicators', { done: false, stale: [], problems: [] }).state).toBe(
			'missing'
		);
		// Settings that stop a step win over everything else: the run must stop there.
		expect(
			stepStatus('indicators', { done: true, stale: ['x'], problems: ['Stages overlap.'] })
		).toEqual({ step: 'indicators', state: 'blocked', reasons: ['Stages overlap.'] });
	});
});

describe('nextStep', () => {
	const statuses = (identity: StepReading, c360: StepReading, indicators: StepReading) => [
		stepStatus('indicators', indicators),
		stepStatus('identity', identity),
		stepStatus('customers360', c360)
	];
	const missing: StepReading = { done: false, stale: [], problems: [] };

	it('is null when every step is current', () => {
		expect(nextStep(statuses(current, current, current))).toBeNull();
	});

	it('resumes at the first step in pipeline order that is not current', () => {
		expect(nextStep(statuses(current, missing, missing))?.step).toBe('customers360');
		expect(nextStep(statuses(missing, current, current))?.step).toBe('identity');
		expect(nextStep(statuses(current, current, missing))?.step).toBe('indicators');
	});

	it('stops on a blocked step', () => {
		const blocked = { done: false, stale: [], problems: ['Import a source first.'] };
		expect(nextStep(statuses(blocked, missing, missing))).toEqual({
			step: 'identity',
			state: 'blocked',
			reasons: ['Import a source first.']
		});
	});

	it('refuses a plan that lacks a step', () => {
		expect(() => nextStep([stepStatus('identity', current)])).toThrow(
			"The status of the step 'customers360' is missing."
		);
	});
});
