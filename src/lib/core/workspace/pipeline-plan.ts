// Which steps of the pipeline (identity → 360° view → indicators) are current, and which one a
// run of the whole pipeline does next. Each step commits on its own, so after a reload or a
// crashed tab the committed steps stay current and a new run resumes at the first one that is
// not: never redoing a current step is what makes the run resumable.

export const PIPELINE_STEPS = ['identity', 'customers360', 'indicators'] as const;
export type PipelineStep = (typeof PIPELINE_STEPS)[number];

export const PIPELINE_STEP_LABELS: Record<PipelineStep, string> = {
	identity: 'Identity resolution',
	customers360: '360° view',
	indicators: 'Indicators'
};

/** What a step's own status call says about its last run. */
export interface StepReading {
	/** Whether the step ever ran (and its result is in the workspace). */
	done: boolean;
	/** Why its result no longer reflects the workspace; [] when current. */
	stale: string[];
	/** What stops it from running at all (settings to fix); [] when it can run. */
	problems: string[];
}

export type StepState = 'current' | 'stale' | 'missing' | 'blocked';

export interface StepStatus {
	step: PipelineStep;
	state: StepState;
	/** The reasons behind the state, in the user's words. */
	reasons: string[];
}

export function stepStatus(step: PipelineStep, reading: StepReading): StepStatus {
	if (reading.problems.length > 0) return { step, state: 'blocked', reasons: reading.problems };
	if (!reading.done) return { step, state: 'missing', reasons: ['It has not run yet.'] };
	if (reading.stale.length > 0) return { step, state: 'stale', reasons: reading.stale };
	return { step, state: 'current', reasons: [] };
}

/**
 * The step a run does next: the first in pipeline order that is not current. A step after a
 * missing or stale one is out of date too, whatever it says, since it reads that one's result.
 * null when everything is current; a blocked step is returned too, for the run to stop on it.
 */
export function nextStep(statuses: readonly StepStatus[]): StepStatus | null {
	for (const step of PIPELINE_STEPS) {
		const status = statuses.find((s) => s.step === step);
		if (!status) throw new Error(`The status of the step '${step}' is missing.`);
		if (status.state !== 'current') return status;
	}
	return null;
}
