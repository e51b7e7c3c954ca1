// Everything the identity page shows about the last run, read back without re-running: the
// summary, the model's parameters by comparison and level, the metrics, the threshold explorer,
// and whether the customers are stale.
import type { Db } from '../db';
import { DIFFERENT } from './comparisons';
import { decisionsChangedAt } from './decisions';
import { levelWeights } from './em';
import { exploreThresholds, type ThresholdPoint } from './explorer';
import { identityMetrics, type IdentityMetrics } from './metrics';
import type { RunSummary } from './resolve';
import { loadRunState, scoringModelOf, staleReasons } from './run-state';
import { priorWeight } from './score';
import type { IdentitySettings } from './types';

export interface LevelParameters {
	label: string;
	m: number;
	u: number;
	/** log2(m / u): what the level adds to a pair's match weight. */
	weight: number;
}

export interface ComparisonParameters {
	id: string;
	label: string;
	termFrequency: boolean;
	levels: LevelParameters[];
}

export interface IdentityOverview {
	ranAt: number;
	settings: IdentitySettings;
	summary: RunSummary;
	/** The share of all record pairs that match, and its weight (the waterfall's first step). */
	prior: { lambda: number; weight: number };
	comparisons: ComparisonParameters[];
	metrics: IdentityMetrics;
	explorer: ThresholdPoint[];
	/** Why the customers no longer reflect the workspace; empty when current. */
	stale: string[];
}

/** Null when identity resolution has never run in this workspace. */
export async function identityOverview(
	db: Db,
	currentSettings: IdentitySettings
): Promise<IdentityOverview | null> {
	const state = await loadRunState<RunSummary>(db);
	if (!state) return null;
	const model = scoringModelOf(state.model);
	const weights = levelWeights(model.parameters);
	const comparisons = model.comparisons.map((c, i) => ({
		id: c.id,
		label: c.label,
		termFrequency: c.termFrequency,
		levels: [...c.levels.map((l) => l.label), DIFFERENT].map((label, k) => ({
			label,
			m: model.parameters.m[i]?.[k] ?? 0,
			u: model.parameters.u[i]?.[k] ?? 0,
			weight: weights[i]?.[k] ?? 0
		}))
	}));
	return {
		ranAt: state.ranAt,
		settings: state.settings,
		summary: state.summary,
		prior: { lambda: model.parameters.lambda, weight: priorWeight(model.parameters) },
		comparisons,
		metrics: await identityMetrics(db, state.settings.threshold),
		explorer: await exploreThresholds(db),
		stale: await staleReasons(db, state, currentSettings, await decisionsChangedAt(db))
	};
}
