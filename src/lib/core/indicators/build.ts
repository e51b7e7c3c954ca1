// Computing the indicators of every customer of the 360° view as of its date, in one
// transaction: RFM scores and segment; the purchase model (BG/NBD or Pareto/NBD) fitted on the
// customers' repeat-purchase summaries and the spend model (Gamma-Gamma) on their repeat spend;
// from them P(alive), churn, expected purchases, propensity and CLV, with deciles; the lifecycle
// stage. The tricky point is speed at a million customers: the models see each distinct
// (frequency, recency, age) history once with its count (fitted on a sample above a quarter of a
// million buyers), what depends on (frequency, age) alone travels back to DuckDB once per
// distinct pair, and P(alive) is computed in SQL where it has a closed form. A purchase day is a
// day with a sale line (an order whose lines straddle midnight counts on both days).
import type { Db } from '../db';
import { loadBuildState } from '../customer360/build-state';
import { eventsUpTo } from '../customer360/orders';
import { C360_TABLES } from '../customer360/tables';
import { dropTables } from '../identity/tables';
import { writeNumberColumns } from '../sql/number-columns';
import { rowsOf } from '../sql/rows';
import { empty, ident, sql, type Sql } from '../sql/sql';
import { fitGammaGamma, gammaGammaMeanSpend, type GammaGammaParams } from './btyd/gamma-gamma';
import { repeatSummarySql } from './btyd/summary-sql';
import { fitDiagnostics } from './fit-diagnostics';
import { lifecycleOf360 } from './lifecycle';
import { compressedOf, fitPurchaseModel, fittedModel, type PurchaseModel } from './purchase-model';
import { rfmScoreColumns, rfmSegment } from './rfm';
import {
	loadIndicatorState,
	saveIndicatorState,
	staleIndicatorReasons,
	type FittedModel,
	type IndicatorState
} from './run-state';
import { indicatorSettingsProblems, type IndicatorSettings } from './settings';
import { numberColumn } from './btyd/summary';
import { INDICATOR_TABLES } from './tables';

export type IndicatorProgress = (done: number, total: number, label: string) => void;

/** Purchase days (customer_id, day, amount) and repeat-purchase summaries, during a build. */
const DAYS_TABLE = 'cc_indicator_days';
const SUMMARY_TABLE = 'cc_indicator_summary';
/** P(alive) per distinct history, when the model has no closed form for SQL. */
const ALIVE_TABLE = 'cc_indicator_alive';
/** Buyers the models are fitted on at most: a seeded sample above it (see fitSample). */
export const FIT_SAMPLE = 250_000;

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
	/** The currencies of purchase amounts (several: summed as written). */
	currencies: string[];
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
		firstEventDay,
		currencies: built?.currencies ?? []
	};
}

/**
 * What an alive customer of each distinct (frequency, age) does next — expected purchases over
 * the three horizons and the CLV horizon month by month, discounted, and the chance of a
 * purchase in the propensity window — written to the scores table; P(alive) multiplies them in
 * SQL. Without a closed form for P(alive), it is computed per distinct history too.
 */
async function writeScores(
	db: Db,
	model: PurchaseModel,
	settings: IndicatorSettings
): Promise<void> {
	const ages = await db.query(sql`SELECT DISTINCT frequency, "T" FROM ${ident(SUMMARY_TABLE)}`);
	const frequency = numberColumn(ages, 'frequency');
	const T = numberColumn(ages, 'T');
	const n = frequency.length;
	const weeks = (days: number) => days / 7;
	const columns = {
		frequency,
		T,
		expected_30d: new Float64Array(n),
		expected_90d: new Float64Array(n),
		expected_365d: new Float64Array(n),
		buy: new Float64Array(n),
		discounted_purchases: new Float64Array(n)
	};
	const month = weeks(DAYS_PER_MONTH);
	const monthlyRate = Math.pow(1 + settings.discountRate, 1 / 12) - 1;
	for (let i = 0; i < n; i += 1) {
		const x = frequency[i] ?? 0;
		const age = T[i] ?? 0;
		columns.expected_30d[i] = model.expectedIfAlive(weeks(30), x, age);
		columns.expected_90d[i] = model.expectedIfAlive(weeks(90), x, age);
		columns.expected_365d[i] = model.expectedIfAlive(weeks(365), x, age);
		columns.buy[i] = model.buyIfAlive(weeks(settings.propensityDays), x, age);
		// CLV's purchases: month by month over the horizon, each month discounted.
		let discounted = 0;
		let before = 0;
		for (let k = 1; k <= settings.clvMonths; k += 1) {
			const upTo = model.expectedIfAlive(k * month, x, age);
			discounted += (upTo - before) / Math.pow(1 + monthlyRate, k);
			before = upTo;
		}
		columns.discounted_purchases[i] = discounted;
	}
	await writeNumberColumns(db, INDICATOR_TABLES.scores, columns, { temporary: true });
	if (model.pAliveSql) return;
	const histories = await db.query(
		sql`SELECT DISTINCT frequency, recency, "T" FROM ${ident(SUMMARY_TABLE)}`
	);
	const x = numberColumn(histories, 'frequency');
	const recency = numberColumn(histories, 'recency');
	const age = numberColumn(histories, 'T');
	const alive = Float64Array.from(x, (xi, i) => model.pAlive(xi, recency[i] ?? 0, age[i] ?? 0));
	await writeNumberColumns(
		db,
		ALIVE_TABLE,
		{ frequency: x, recency, T: age, p_alive: alive },
		{ temporary: true }
	);
}

/** Gamma-Gamma on customers with a repeat purchase of a positive amount; null when none. */
async function fitSpend(
	db: Db,
	sample: Sql
): Promise<{ params: GammaGammaParams; fitted: FittedModel } | null> {
	const spend = await db.query(sql`SELECT frequency, monetary FROM ${ident(SUMMARY_TABLE)}
		WHERE frequency > 0 AND monetary > 0 AND ${sample}`);
	if (spend.numRows < 3) return null;
	const fit = fitGammaGamma(numberColumn(spend, 'frequency'), numberColumn(spend, 'monetary'));
	if (!Number.isFinite(gammaGammaMeanSpend(fit.params))) return null;
	return {
		params: fit.params,
		fitted: fittedModel(fit)
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

/**
 * Which buyers the models are fitted on: all up to FIT_SAMPLE, a seeded sample of about that
 * many above (by a hash of the customer id, so the same data always fits the same). With a
 * quarter of a million customers the parameters' sampling error is far below a percent, and
 * every customer is still scored.
 */
function fitSample(buyers: number): Sql {
	if (buyers <= FIT_SAMPLE) return sql`TRUE`;
	const permille = Math.ceil((FIT_SAMPLE / buyers) * 1_000_000);
	return sql`hash(customer, 'fit') % 1000000 < ${permille}`;
}

/**
 * Decile 1 for the highest tenth of `value` among customers that have one, NULL otherwise. Ties
 * go by the customer's row in the 360 table, which is written in customer id order: the same
 * data always gives the same deciles, without sorting on the ids' text.
 */
function decile(value: string): Sql {
	return sql`CASE WHEN ${ident(value)} IS NOT NULL
		THEN ntile(10) OVER (PARTITION BY ${ident(value)} IS NULL ORDER BY ${ident(value)} DESC, row_no) END`;
}

function aliveOf(model: PurchaseModel): Sql {
	return model.pAliveSql
		? model.pAliveSql(sql`s.frequency`, sql`s.recency`, sql`s."T"`)
		: sql`a.p_alive`;
}

function aliveJoin(model: PurchaseModel): Sql {
	return model.pAliveSql
		? empty
		: sql`JOIN ${ident(ALIVE_TABLE)} a
			ON a.frequency = s.frequency AND a.recency = s.recency AND a."T" = s."T"`;
}

async function writeIndicators(
	db: Db,
	asOf: string,
	settings: IndicatorSettings,
	model: PurchaseModel,
	spend: GammaGammaParams | null
): Promise<void> {
	// RFM scores and the lifecycle stage are columns of the customers' own rows: joining them
	// back by id cost about a second at a million customers (wasm). The deciles are ranked on a
	// narrow projection and joined back by row: a window sorts every column it carries, and
	// three sorts of the whole indicator row cost a second and a half more (wasm, 1M).
	const customers = sql`SELECT c.customer_id, c.days_since_last_purchase AS recency_days,
		c.orders AS frequency, c.revenue AS monetary, c.rowid AS row_no,
		${lifecycleOf360(asOf, settings.lifecycle)} AS lifecycle_stage
		FROM ${ident(C360_TABLES.customer)} c`;
	await db.exec(sql`CREATE OR REPLACE TABLE ${ident(INDICATOR_TABLES.customer)} AS
		WITH alive AS (
			SELECT s.*, ${aliveOf(model)} AS p_alive
			FROM ${ident(SUMMARY_TABLE)} s ${aliveJoin(model)}
		),
		scored AS (
			SELECT s.customer AS customer_id, s.frequency AS repeat_purchases,
				round(s.recency * 7)::INTEGER AS repeat_span_days, round(s."T" * 7)::INTEGER AS customer_age_days,
				s.p_alive, 1 - s.p_alive AS churn_score, s.p_alive * k.expected_30d AS expected_30d,
				s.p_alive * k.expected_90d AS expected_90d, s.p_alive * k.expected_365d AS expected_365d,
				s.p_alive * k.buy AS propensity, ${expectedSpend(spend)} AS expected_spend,
				s.p_alive * k.discounted_purchases AS discounted_purchases
			FROM alive s
			JOIN ${ident(INDICATOR_TABLES.scores)} k ON k.frequency = s.frequency AND k."T" = s."T"
			${spend ? empty : sql`JOIN ${ident(C360_TABLES.customer)} c ON c.customer_id = s.customer`}
		),
		ranked AS (SELECT *, ${rfmScoreColumns(settings.rfm)} FROM (${customers})),
		joined AS MATERIALIZED (
			SELECT b.customer_id, b.row_no, b.recency_days, b.frequency, b.monetary,
				b.r_score, b.f_score, b.m_score,
				${rfmSegment(sql`b.r_score`, sql`b.f_score`)} AS rfm_segment,
				sc.repeat_purchases, sc.repeat_span_days, sc.customer_age_days,
				sc.p_alive, sc.churn_score, sc.expected_30d, sc.expected_90d, sc.expected_365d,
				sc.propensity, round(sc.expected_spend, 2) AS expected_spend,
				round(sc.expected_spend * sc.discounted_purchases, 2) AS clv,
				b.lifecycle_stage
			FROM ranked b
			LEFT JOIN scored sc USING (customer_id)
		),
		deciles AS (
			SELECT row_no, ${decile('churn_score')} AS churn_decile, ${decile('clv')} AS clv_decile,
				${decile('propensity')} AS propensity_decile
			FROM (SELECT row_no, churn_score, clv, propensity FROM joined)
		)
		SELECT j.* EXCLUDE (row_no), d.churn_decile, d.clv_decile, d.propensity_decile
		FROM joined j JOIN deciles d USING (row_no)`);
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
	const steps = 7;
	try {
		progress(0, steps, 'Reading purchases');
		await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${ident(DAYS_TABLE)} AS
			SELECT customer_id, event_at::DATE AS day, sum(amount) AS amount
			FROM (${eventsUpTo(asOf)}) WHERE sale AND event_at IS NOT NULL GROUP BY ALL`);
		await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${ident(SUMMARY_TABLE)} AS
			${repeatSummarySql({
				from: ident(DAYS_TABLE),
				customer: 'customer_id',
				date: 'day',
				amount: 'amount',
				days: true,
				calibrationEnd: asOf,
				holdoutEnd: asOf,
				timeUnit: 'weeks',
				ordered: false
			})}`);
		const buyers = Number(
			rowsOf(await db.query(sql`SELECT count(*) AS n FROM ${ident(SUMMARY_TABLE)}`))[0]?.n ?? 0
		);
		if (buyers === 0) {
			throw new Error(
				`No customer has a dated purchase up to ${asOf}: the indicators need purchases (an event source read as purchases).`
			);
		}
		progress(1, steps, 'Fitting the purchase model');
		const sample = fitSample(buyers);
		const groups = await db.query(sql`SELECT frequency, recency, "T", count(*)::DOUBLE AS n
			FROM ${ident(SUMMARY_TABLE)} WHERE ${sample} GROUP BY ALL`);
		const model = fitPurchaseModel(
			settings.model,
			compressedOf(
				numberColumn(groups, 'frequency'),
				numberColumn(groups, 'recency'),
				numberColumn(groups, 'T'),
				numberColumn(groups, 'n')
			)
		);
		progress(2, steps, 'Fitting the spend model');
		const spend = await fitSpend(db, sample);
		progress(3, steps, 'Scoring customers');
		await writeScores(db, model, settings);
		progress(4, steps, 'Writing indicators');
		await writeIndicators(db, asOf, settings, model, spend?.params ?? null);
		progress(5, steps, 'Checking the model on a holdout');
		const check = await fitDiagnostics(
			db,
			DAYS_TABLE,
			buyers,
			asOf,
			settings.holdoutDays,
			settings.model
		);
		progress(6, steps, 'Saving');
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
		await dropTables(db, [DAYS_TABLE, SUMMARY_TABLE, INDICATOR_TABLES.scores, ALIVE_TABLE]);
	}
}
