// The whole pipeline at a glance and in one action: which steps are current, and "bring
// everything up to date", which runs identity resolution, the 360° view and the indicators in
// turn, each only when it is not current (see core/workspace/pipeline-plan). Each step is its
// own committed job, so a reload or a crash mid-run keeps the steps already done and the next
// run resumes after them.
import {
	PIPELINE_STEP_LABELS,
	PIPELINE_STEPS,
	nextStep,
	stepStatus,
	type PipelineStep,
	type StepReading,
	type StepStatus
} from '$lib/core/workspace/pipeline-plan';
import { plainCopy } from '$lib/persist/plain-copy';
import { customers360, type Customers360 } from './customers360.svelte';
import { failureOf } from './failure';
import { identity, type Identity } from './identity.svelte';
import { indicators, type Indicators } from './indicators.svelte';
import { workspace, type Workspace } from './workspace.svelte';

const NOT_READ: StepReading = { done: false, stale: [], problems: [] };

export class Pipeline {
	running = $state(false);
	/** Why the last run stopped before the end, when it did. */
	error = $state<string | null>(null);
	/** The steps the last run ran, in order (the current ones it skipped are not listed). */
	ran = $state<PipelineStep[]>([]);
	/** Each step's reading from the last status call; null before the first. */
	private readings = $state<Record<PipelineStep, StepReading> | null>(null);

	constructor(
		private readonly workspace: Workspace,
		private readonly identity: Identity,
		private readonly customers360: Customers360,
		private readonly indicators: Indicators
	) {}

	/** Whether the steps' statuses have been read (until then each reads as not run). */
	get loaded(): boolean {
		return this.readings !== null;
	}

	get statuses(): StepStatus[] {
		const hasProfiles = this.workspace.summary.sources.some((s) => s.kind === 'profile');
		return PIPELINE_STEPS.map((step) => {
			const reading = this.readings?.[step] ?? NOT_READ;
			return step === 'identity' && !hasProfiles
				? stepStatus(step, {
						...reading,
						problems: ['Import a source of customer profiles first.']
					})
				: stepStatus(step, reading);
		});
	}

	/** Reads every step's last run again; a failure is shown as the pipeline's error. */
	async refresh(): Promise<void> {
		const failure = await failureOf(() => this.read());
		if (failure) this.error = failure;
	}

	/**
	 * Reads every step's last run: the areas once (they read their settings, and what their
	 * pages show), then only the light status call, with the settings they hold.
	 */
	private async read(): Promise<void> {
		if (!this.identity.loaded) await this.identity.refresh();
		if (!this.customers360.loaded) await this.customers360.refresh();
		if (!this.indicators.loaded) await this.indicators.refresh();
		const api = this.workspace.engine?.api;
		if (!api) return;
		this.readings = await api.pipelineStatus(
			plainCopy({
				identity: $state.snapshot(this.identity.settings),
				asOf: this.customers360.settings.asOf,
				kinds: $state.snapshot(this.customers360.settings.kinds),
				indicators: $state.snapshot(this.indicators.settings)
			})
		);
	}

	/** Runs the steps that are not current, in order; stops at the first that fails or is cancelled. */
	async run(): Promise<void> {
		if (this.running || this.workspace.job) return;
		this.running = true;
		this.error = null;
		this.ran = [];
		try {
			// Each pass runs one step; a step can only make later ones out of date.
			for (let pass = 0; pass <= PIPELINE_STEPS.length; pass++) {
				const failure = await failureOf(() => this.read());
				if (failure) {
					this.error = failure;
					return;
				}
				const next = nextStep(this.statuses);
				if (!next) return;
				const label = PIPELINE_STEP_LABELS[next.step];
				if (next.state === 'blocked') {
					this.error = `${label} cannot run: ${next.reasons.join(' ')}`;
					return;
				}
				if (!(await this.runStep(next.step))) {
					this.error = `${label} did not complete: ${this.stepError(next.step) ?? 'it was cancelled.'}`;
					return;
				}
				this.ran = [...this.ran, next.step];
			}
		} finally {
			this.running = false;
		}
	}

	private runStep(step: PipelineStep): Promise<boolean> {
		switch (step) {
			case 'identity':
				return this.identity.run();
			case 'customers360':
				return this.customers360.build();
			case 'indicators':
				return this.indicators.build();
		}
	}

	private stepError(step: PipelineStep): string | null {
		if (step === 'identity') return this.identity.error ?? this.workspace.error;
		if (step === 'customers360') return this.customers360.error ?? this.workspace.error;
		return this.indicators.error ?? this.workspace.error;
	}
}

export const pipeline = new Pipeline(workspace, identity, customers360, indicators);
