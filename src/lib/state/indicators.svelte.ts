// The Indicators area's state: its settings (kept in IndexedDB), the last build read back with
// why it is stale, the charts of that build, the selected mark's members and the lifecycle
// shift. A build is the workspace's job (progress bar, cancel); every other call is one quick
// request. Charts are read again only when the build they come from changes.
import type { IndicatorCharts } from '$lib/core/indicators/charts-data';
import {
	DEFAULT_INDICATOR_SETTINGS,
	indicatorSettingsProblems,
	type IndicatorSettings,
	type LifecycleStage
} from '$lib/core/indicators/settings';
import type { IndicatorsInfo } from '$lib/engine/api';
import { loadIndicatorSettings, saveIndicatorSettings } from '$lib/persist/indicators';
import { plainCopy } from '$lib/persist/plain-copy';
import { IndicatorMembers } from './indicator-members.svelte';
import { LifecycleShift } from './lifecycle-shift.svelte';
import { workspace, type Workspace } from './workspace.svelte';

export class Indicators {
	settings = $state<IndicatorSettings>(plainCopy(DEFAULT_INDICATOR_SETTINGS));
	info = $state<IndicatorsInfo | null>(null);
	charts = $state<IndicatorCharts | null>(null);
	loaded = $state(false);
	error = $state<string | null>(null);
	/** Why the charts of the last build could not be read, when they could not. */
	chartsError = $state<string | null>(null);
	readonly members: IndicatorMembers;
	readonly shift: LifecycleShift;
	private settingsRead = false;
	/** The build (its builtAt) the charts were read from. */
	private chartsOf: number | null = null;

	constructor(private readonly workspace: Workspace) {
		this.members = new IndicatorMembers(workspace);
		this.shift = new LifecycleShift(workspace);
	}

	/** What is wrong with the settings as edited, in words; a build waits until it is empty. */
	get problems(): string[] {
		return indicatorSettingsProblems(this.settings);
	}

	/** The stages the lifecycle shift counts with: the edited ones when they hold, else the built ones. */
	get shiftStages(): LifecycleStage[] {
		const edited = this.settings.lifecycle;
		const ok =
			indicatorSettingsProblems({ ...DEFAULT_INDICATOR_SETTINGS, lifecycle: edited }).length === 0;
		return ok
			? edited
			: (this.info?.state?.settings.lifecycle ?? DEFAULT_INDICATOR_SETTINGS.lifecycle);
	}

	/**
	 * Reads the saved settings once, then the last build, its charts and the lifecycle shift.
	 * Each is read on its own, so that one failing leaves the others shown.
	 */
	async refresh(): Promise<void> {
		const api = this.workspace.engine?.api;
		if (!api) return;
		await this.attempt(async () => {
			if (!this.settingsRead) {
				this.settings = await loadIndicatorSettings();
				this.settingsRead = true;
			}
			this.info = await api.indicators(plainCopy(this.settings));
		});
		this.loaded = true;
		const info = this.info;
		const state = info?.state ?? null;
		const builtAt = state?.builtAt ?? null;
		if (builtAt !== this.chartsOf) {
			this.charts = null;
			this.chartsError = null;
			try {
				this.charts = builtAt === null ? null : await api.indicatorCharts();
				this.chartsOf = builtAt;
			} catch (error) {
				this.chartsError = messageOf(error);
			}
			if (this.members.filter) await this.members.reload();
		}
		if (info && state) await this.shift.prepare(info.asOf, info.firstEventDay, this.shiftStages);
	}

	/**
	 * Computes (or recomputes) every indicator with the current settings; false when it did not
	 * complete. The page reads the result when the workspace's job ends, as after any job.
	 */
	async build(): Promise<boolean> {
		if (this.problems.length > 0) return false;
		const settings = plainCopy(this.settings);
		return this.workspace.runAsJob('Computing the indicators', async (client, progress) => {
			await client.buildIndicators(settings, progress);
		});
	}

	/** Keeps the edited settings and asks again whether the indicators are current. */
	async update(next: IndicatorSettings): Promise<void> {
		const before = stageBounds(this.shiftStages);
		this.settings = next;
		await this.attempt(async () => {
			await saveIndicatorSettings(next);
			const api = this.workspace.engine?.api;
			if (api) this.info = await api.indicators(plainCopy(next));
		});
		// The shift matrix counts with the stages' bounds: a new label needs no new count.
		if (this.info?.state && stageBounds(this.shiftStages) !== before) {
			await this.shift.load(this.shiftStages);
		}
	}

	private async attempt(work: () => Promise<void>): Promise<void> {
		try {
			await work();
			this.error = null;
		} catch (error) {
			this.error = messageOf(error);
		}
	}
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** The stages' ids and bounds in order, as text: what the shift matrix is counted with. */
function stageBounds(stages: readonly LifecycleStage[]): string {
	return JSON.stringify(
		stages.map((s) => [s.id, s.minOrders, s.maxOrders, s.minDaysSinceLast, s.maxDaysSinceLast])
	);
}

export const indicators = new Indicators(workspace);
