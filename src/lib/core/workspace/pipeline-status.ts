// What each step of the pipeline says about its last run, read in one light call: whether it ran
// and why it is out of date, from the saved run states alone. The areas' own status calls read
// much more (the identity overview sweeps thresholds over every pair, for one), which a run of
// the whole pipeline, reading the statuses before each step, does not need.
import type { Db } from '../db';
import type { EventKind } from '../customer360/event-kinds';
import { loadBuildState, staleReasons360 } from '../customer360/build-state';
import { decisionsChangedAt } from '../identity/decisions';
import { loadRunState, staleReasons } from '../identity/run-state';
import type { IdentitySettings } from '../identity/types';
import { loadIndicatorState, staleIndicatorReasons } from '../indicators/run-state';
import { indicatorSettingsProblems, type IndicatorSettings } from '../indicators/settings';
import type { PipelineStep, StepReading } from './pipeline-plan';

/** The settings the steps would run with now. */
export interface PipelineSettings {
	identity: IdentitySettings;
	/** The 360° view's as-of setting (null: the last event's day) and the event kinds chosen. */
	asOf: string | null;
	kinds: Record<string, EventKind>;
	indicators: IndicatorSettings;
}

export async function pipelineReadings(
	db: Db,
	settings: PipelineSettings
): Promise<Record<PipelineStep, StepReading>> {
	const identityRun = await loadRunState(db);
	const build = await loadBuildState(db);
	const indicators = await loadIndicatorState(db);
	return {
		identity: {
			done: identityRun !== null,
			stale: identityRun
				? await staleReasons(db, identityRun, settings.identity, await decisionsChangedAt(db))
				: [],
			problems: []
		},
		customers360: {
			done: build !== null,
			stale: build ? await staleReasons360(db, build, settings.asOf, settings.kinds) : [],
			problems: []
		},
		indicators: {
			done: indicators !== null,
			stale: indicators
				? staleIndicatorReasons(indicators, build?.builtAt ?? null, settings.indicators)
				: [],
			problems: indicatorSettingsProblems(settings.indicators)
		}
	};
}
