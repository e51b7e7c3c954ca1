// What the last indicator build used and found, kept in the workspace (cc_indicator_run, one
// JSON row) so that a reload shows the indicators as they are. They are stale when the 360°
// view was built again since (new events, new customers, another as-of date) or when the
// settings they were built with changed.
import type { Db } from '../db';
import { rowsOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';
import type { IndicatorSettings } from './settings';
import { INDICATOR_TABLES } from './tables';

/** One fitted purchase or spend model: its parameters by name and its log-likelihood. */
export interface FittedModel {
	params: Record<string, number>;
	logLikelihood: number;
	converged: boolean;
	/** Customers (BG/NBD, Pareto/NBD: with a purchase; Gamma-Gamma: with a repeat) it was fitted on. */
	customers: number;
}

/** Predicted and actual repeat purchases of the cohort, per period of the diagnostics. */
export interface PeriodCheck {
	/** Days from the first day of the history to the end of the period. */
	day: number;
	/** The period's last date (ISO). */
	date: string;
	actual: number;
	predicted: number;
	holdout: boolean;
}

/** Holdout purchases per calibration repeat count: what the model expected and what happened. */
export interface FrequencyCheck {
	frequency: number;
	customers: number;
	actual: number;
	predicted: number;
}

export interface IndicatorDiagnostics {
	calibrationEnd: string;
	holdoutDays: number;
	model: FittedModel;
	periods: PeriodCheck[];
	byFrequency: FrequencyCheck[];
}

export interface IndicatorState {
	builtAt: number;
	/** The 360° build the indicators read (its builtAt) and its as-of date. */
	built360At: number;
	asOf: string;
	settings: IndicatorSettings;
	customers: number;
	/** Customers with at least one dated purchase: the ones scored. */
	buyers: number;
	purchase: FittedModel;
	spend: FittedModel | null;
	diagnostics: IndicatorDiagnostics | null;
	/** Why the diagnostics could not be computed (too little history), when they were not. */
	diagnosticsNote: string | null;
	seconds: number;
}

export async function saveIndicatorState(db: Db, state: IndicatorState): Promise<void> {
	await db.exec(sql`CREATE OR REPLACE TABLE ${ident(INDICATOR_TABLES.run)} AS
		SELECT ${JSON.stringify(state)} AS state`);
}

export async function loadIndicatorState(db: Db): Promise<IndicatorState | null> {
	const exists = rowsOf(
		await db.query(sql`SELECT 1 FROM duckdb_tables()
			WHERE table_name IN (${INDICATOR_TABLES.run}, ${INDICATOR_TABLES.customer})
				AND schema_name = 'main'`)
	);
	if (exists.length < 2) return null;
	const [row] = rowsOf(await db.query(sql`SELECT state FROM ${ident(INDICATOR_TABLES.run)}`));
	return typeof row?.state === 'string' ? (JSON.parse(row.state) as IndicatorState) : null;
}

/** Why the indicators no longer reflect the 360° view and the settings; [] when current. */
export function staleIndicatorReasons(
	state: IndicatorState | null,
	built360At: number | null,
	settings: IndicatorSettings
): string[] {
	if (built360At === null) return ['The 360° view has not been built yet.'];
	if (!state) return ['The indicators have not been computed yet.'];
	const reasons: string[] = [];
	if (state.built360At !== built360At) reasons.push('The 360° view was built again.');
	if (JSON.stringify(state.settings) !== JSON.stringify(settings)) {
		reasons.push('The indicator settings changed.');
	}
	return reasons;
}
