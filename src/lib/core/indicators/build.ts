// Computing the indicators of every customer of the 360° view as of its date, in one
// transaction: RFM scores and segment; the purchase model (BG/NBD or Pareto/NBD) fitted on the
// customers' repeat-purchase summaries and the spend model (Gamma-Gamma) on their repeat spend;
// from them P(alive), churn, expected purchases, propensity and CLV, with deciles; the lifecycle
// stage. The tricky point is speed at a million customers: the models see each distinct
// (frequency, recency, age) history once with its count, and their scores travel back to
// DuckDB per distinct history, joined to customers there.
import type { Db } from '../db';
import { loadBuildState } from '../customer360/build-state';
import { eventsUpTo, ordersOf } from '../customer360/orders';
import { C360_TABLES } from '../customer360/tables';
import { dropTables } from '../identity/tables';
import { writeNumberColumns } from '../sql/number-columns';
import { rowsOf } from '../sql/rows';
import { ident, sql, type Sql } from '../sql/sql';
import { fitGammaGamma, gammaGammaMeanSpend, type GammaGammaParams } from './btyd/gamma-gamma';
import { repeatSummarySql } from './btyd/summary-sql';
import { fitDiagnostics } from './fit-diagnostics';
import { lifecycleAt } from './lifecycle';
import { compressedOf, fitPurchaseModel, type PurchaseModel } from './purchase-model';
import { rfmScores } from './rfm';
import {
	loadIndicatorState,
	saveIndicatorState,
	staleIndicatorReasons,
	type FittedModel,
	type IndicatorState
} from './run-state';
import { indicatorSettingsProblems, type IndicatorSettings } from './settings';
import { numbers } from './summary-columns';
import { INDICATOR_TABLES } from './tables';

export type IndicatorProgress = (done: number, total: number, label: string) => void;

/** Purchase days (customer_id, day, amount) and repeat-purchase summaries, during a build. */
const DAYS_TABLE = 'cc_indicator_days';
const SUMMARY_TABLE = 'cc_indicator_summary';

const DAYS_PER_MONTH = 365.25 / 12;

/** The indicators as the Indicators area first sees them. */
export interface IndicatorsInfo {
	state: IndicatorState | null;
	/** Why the indicators are stale; [] when current. */
	stale: string[];
	/** What is wrong with the settings; a build waits until this is empty. */
	problems: string[];
	/** The 360° build the indicators depend on: its time, as-of date and first event day. */
	built360At: number | null;
	asOf: string | null;
	firstEventDay: string | null;
}

export async function indicatorsInfo(db: Db, settings: IndicatorSettings): Promise<IndicatorsInfo> {
	const built = await loadBuildState(db);
	const state = await loadIndicatorState(db);
	let firstEventDay: string | null = null;
	if (built) {
		const [row] = rowsOf(
			await db.query(sql`SELECT min(event_at)::DATE::VARCHAR AS day FROM ${ident(C360_TABLES.event)}
				WHERE status = 'linked'`)
		);
		firstEventDay = typeof row?.day === 'string' ? row.day : null;
	}
	return {
		state,
		stale: staleIndicatorReasons(state, built?.builtAt ?? null, settings),
		problems: indicatorSettingsProblems(settings),
		built360At: built?.builtAt ?? null,
		asOf: built?.asOf ?? null,
		firstEventDay
	};
}

/** Scores of each distinct history, written to the scores table for the final join. */
async function writeScores(
	db: Db,
	model: PurchaseModel,
	groups: { frequency: Float64Array; recency: Float64Array; T: Float64Array },
	settings: IndicatorSettings
): Promise<void> {
	const { frequency, recency, T } = groups;
	const n = frequency.length;
	const weeks = (days: number) => days / 7;
	const horizons = [30, 90, 365].map(weeks);
	const columns = {
		frequency,
		recency,
		T,
		p_alive: new Float64Array(n),
		expected_30d: new Float64Array(n),
		expected_90d: new Float64Array(n),
		expected_365d: new Float64Array(n),
		propensity: new Float64Array(n),
		discounted_purchases: new Float64Array(n)
	};
	const month = weeks(DAYS_PER_MONTH);
	const monthlyRate = Math.pow(1 + settings.discountRate, 1 / 12) - 1;
	const expectedColumns = [columns.expected_30d, columns.expected_90d, columns.expected_365d];
	for (let i = 0; i < n; i += 1) {
		const x = frequency[i] ?? 0;
		const tx = recency[i] ?? 0;
		const age = T[i] ?? 0;
		columns.p_alive[i] = model.pAlive(x, tx, age);
		horizons.forEach((t, h) => {
			(expectedColumns[h] as Float64Array)[i] = model.expected(t, x, tx, age);
		});
		columns.propensity[i] = 1 - model.noPurchase(weeks(settings.propensityDays), x, tx, age);
		// CLV's purchases: month by month over the horizon, each month discounted.
		let discounted = 0;
		let before = 0;
		for (let k = 1; k <= settings.clvMonths; k += 1) {
			const upTo = model.expected(k * month, x, tx, age);
			discounted += (upTo - before) / Math.pow(1 + monthlyRate, k);
			before = upTo;
		}
		columns.discounted_purchases[i] = discounted;
	}
	await writeNumberColumns(db, INDICATOR_TABLES.scores, columns, { temporary: true });
}

/** Gamma-Gamma on customers with a repeat purchase of a positive amount; null when none. */
async function fitSpend(db: Db): Promise<{ params: GammaGammaParams; fitted: FittedModel } | null> {
	const spend = await db.query(sql`SELECT frequency, monetary FROM ${ident(SUMMARY_TABLE)}
		WHERE frequency > 0 AND monetary > 0`);
	if (spend.numRows < 3) return null;
	const fit = fitGammaGamma(numbers(spend, 'frequency'), numbers(spend, 'monetary'));
	if (!Number.isFinite(gammaGammaMeanSpend(fit.params))) return null;
	return {
		params: fit.params,
		fitted: {
			params: { ...fit.params },
			logLikelihood: fit.logLikelihood,
			converged: fit.converged,
			customers: fit.customers
		}
	};
}

/**
 * Expected spend per purchase: Gamma-Gamma's p (v + x z̄) / (p x + q − 1), the population mean
 * p v / (q − 1) without a repeat of positive spend; without a spend model, the average basket.
 */
function expectedSpend(spend: GammaGammaParams | null): Sql {
	if (!spend) return sql`c.average_basket`;
	const { p, q, v } = spend;
	return sql`CASE WHEN s.frequency > 0 AND s.monetary > 0
		THEN ${p} * (${v} + s.frequency * s.monetary) / (${p} * s.frequency + ${q} - 1)
		ELSE ${(p * v) / (q - 1)} END`;
}

/** Decile 1 for the highest tenth of `value` among customers that have one, NULL otherwise. */
function decile(value: string): Sql {
	return sql`CASE WHEN ${ident(value)} IS NOT NULL
		THEN ntile(10) OVER (PARTITION BY ${ident(value)} IS NULL ORDER BY ${ident(value)} DESC, customer_id) END`;
}

async function writeIndicators(
	db: Db,
	asOf: string,
	settings: IndicatorSettings,
	spend: GammaGammaParams | null
): Promise<void> {
	const base = sql`SELECT customer_id, days_since_last_purchase AS recency_days, orders AS frequency,
		revenue AS monetary FROM ${ident(C360_TABLES.customer)}`;
	await db.exec(sql`CREATE OR REPLACE TABLE ${ident(INDICATOR_TABLES.customer)} AS
		WITH scored AS (
			SELECT s.customer AS customer_id, s.frequency AS repeat_purchases,
				round(s.recency * 7)::INTEGER AS repeat_span_days, round(s."T" * 7)::INTEGER AS customer_age_days,
				k.p_alive, 1 - k.p_alive AS churn_score, k.expected_30d, k.expected_90d, k.expected_365d,
				k.propensity, ${expectedSpend(spend)} AS expected_spend, k.discounted_purchases
			FROM ${ident(SUMMARY_TABLE)} s
			JOIN ${ident(INDICATOR_TABLES.scores)} k
				ON k.frequency = s.frequency AND k.recency = s.recency AND k."T" = s."T"
			JOIN ${ident(C360_TABLES.customer)} c ON c.customer_id = s.customer
		),
		joined AS (
			SELECT b.customer_id, b.recency_days, b.frequency, b.monetary,
				r.r_score, r.f_score, r.m_score, r.rfm_segment,
				sc.repeat_purchases, sc.repeat_span_days, sc.customer_age_days,
				sc.p_alive, sc.churn_score, sc.expected_30d, sc.expected_90d, sc.expected_365d,
				sc.propensity, round(sc.expected_spend, 2) AS expected_spend,
				round(sc.expected_spend * sc.discounted_purchases, 2) AS clv,
				st.stage AS lifecycle_stage
			FROM (${base}) b
			LEFT JOIN (${rfmScores(base, settings.rfm)}) r USING (customer_id)
			LEFT JOIN scored sc USING (customer_id)
			LEFT JOIN (${lifecycleAt(asOf, settings.lifecycle)}) st USING (customer_id)
		)
		SELECT *, ${decile('churn_score')} AS churn_decile, ${decile('clv')} AS clv_decile,
			${decile('propensity')} AS propensity_decile
		FROM joined ORDER BY customer_id`);
}

/** Computes every indicator of every customer; the 360° view must be built. */
export async function buildIndicators(
	db: Db,
	settings: IndicatorSettings,
	progress: IndicatorProgress = () => {}
): Promise<IndicatorState> {
	const problems = indicatorSettingsProblems(settings);
	if (problems.length > 0) throw new Error(problems.join(' '));
	const built = await loadBuildState(db);
	if (!built) throw new Error('Build the 360° view first: the indicators read its purchases.');
	const started = Date.now();
	const { asOf } = built;
	const steps = 6;
	try {
		progress(0, steps, 'Reading purchases');
		await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${ident(DAYS_TABLE)} AS
			SELECT customer_id, event_at::DATE AS day, sum(amount) AS amount
			FROM (${ordersOf(eventsUpTo(asOf))}) WHERE event_at IS NOT NULL GROUP BY ALL`);
		await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${ident(SUMMARY_TABLE)} AS
			${repeatSummarySql({
				from: ident(DAYS_TABLE),
				customer: 'customer_id',
				date: 'day',
				amount: 'amount',
				calibrationEnd: asOf,
				holdoutEnd: asOf,
				timeUnit: 'weeks'
			})}`);
		const groups = await db.query(sql`SELECT frequency, recency, "T", count(*)::DOUBLE AS n
			FROM ${ident(SUMMARY_TABLE)} GROUP BY ALL`);
		if (groups.numRows === 0) {
			throw new Error(
				`No customer has a dated purchase up to ${asOf}: the indicators need purchases (an event source read as purchases).`
			);
		}
		const histories = {
			frequency: numbers(groups, 'frequency'),
			recency: numbers(groups, 'recency'),
			T: numbers(groups, 'T')
		};
		progress(1, steps, 'Fitting the purchase model');
		const data = compressedOf(
			histories.frequency,
			histories.recency,
			histories.T,
			numbers(groups, 'n')
		);
		const model = fitPurchaseModel(settings.model, data);
		progress(2, steps, 'Fitting the spend model');
		const spend = await fitSpend(db);
		progress(3, steps, 'Scoring customers');
		await writeScores(db, model, histories, settings);
		await writeIndicators(db, asOf, settings, spend?.params ?? null);
		progress(4, steps, 'Checking the model on a holdout');
		const check = await fitDiagnostics(db, DAYS_TABLE, asOf, settings.holdoutDays, settings.model);
		progress(5, steps, 'Saving');
		const [counts] = rowsOf(
			await db.query(sql`SELECT count(*) AS customers, count(p_alive) AS buyers
				FROM ${ident(INDICATOR_TABLES.customer)}`)
		);
		const state: IndicatorState = {
			builtAt: Date.now(),
			built360At: built.builtAt,
			asOf,
			settings,
			customers: Number(counts?.customers ?? 0),
			buyers: Number(counts?.buyers ?? 0),
			purchase: model.fitted,
			spend: spend?.fitted ?? null,
			diagnostics: check.diagnostics,
			diagnosticsNote: check.note,
			seconds: (Date.now() - started) / 1000
		};
		await saveIndicatorState(db, state);
		progress(steps, steps, 'Done');
		return state;
	} finally {
		await dropTables(db, [DAYS_TABLE, SUMMARY_TABLE, INDICATOR_TABLES.scores]);
	}
}
