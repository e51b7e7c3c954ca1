// The indicators of the demo retailer, built from its 360° view on both engines: one row per
// customer, every buyer scored and no one else, probabilities and values in range, deciles of a
// tenth each, RFM cells and segments that add up, lifecycle stages as at the as-of date, a
// model check whose holdout predictions land near what happened, the same fitted parameters on
// both engines, and staleness that follows the 360° view and the settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { build360 } from '../../src/lib/core/customer360/build';
import { resolveIdentities } from '../../src/lib/core/identity/resolve';
import { buildIndicators, indicatorsInfo } from '../../src/lib/core/indicators/build';
import { indicatorCharts } from '../../src/lib/core/indicators/charts-data';
import { lifecycleAt } from '../../src/lib/core/indicators/lifecycle';
import { rfmScores } from '../../src/lib/core/indicators/rfm';
import { indicatorMembers } from '../../src/lib/core/indicators/members';
import type { IndicatorState } from '../../src/lib/core/indicators/run-state';
import {
	DEFAULT_INDICATOR_SETTINGS,
	type IndicatorSettings
} from '../../src/lib/core/indicators/settings';
import type { BgnbdParams } from '../../src/lib/core/indicators/btyd/bgnbd';
import {
	bgnbdConditionalExpectedPurchases,
	bgnbdProbabilityAlive
} from '../../src/lib/core/indicators/btyd/bgnbd-predict';
import {
	mbgnbdConditionalExpectedPurchases,
	mbgnbdProbabilityAlive
} from '../../src/lib/core/indicators/btyd/mbgnbd-predict';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { sql } from '../../src/lib/core/sql/sql';
import { loadDemoWorkspace } from '../../src/lib/core/workspace/demo-workspace';
import { engines } from '../support/engines';

const fitted: Record<string, IndicatorState> = {};

describe.each(engines)('indicators of the demo ($name)', (engine) => {
	let db: Db & { close(): void };
	let state: IndicatorState;
	const one = async (query: ReturnType<typeof sql>) => rowsOf(await db.query(query))[0] ?? {};

	beforeAll(async () => {
		db = await engine.open();
		await loadDemoWorkspace(db, 1500);
		await resolveIdentities(db);
		await build360(db);
		state = await buildIndicators(db, DEFAULT_INDICATOR_SETTINGS);
		fitted[engine.name] = state;
	}, 300_000);
	afterAll(() => db.close());

	it('gives every customer one row and scores exactly the customers with a dated purchase', async () => {
		const counts = await one(sql`SELECT
			(SELECT count(*) FROM cc_customer_360) AS customers,
			(SELECT count(*) FROM cc_indicator) AS rows,
			(SELECT count(DISTINCT customer_id) FROM cc_indicator) AS ids,
			(SELECT count(*) FROM cc_indicator WHERE p_alive IS NOT NULL) AS scored,
			(SELECT count(*) FROM cc_indicator WHERE r_score IS NOT NULL) AS rfm,
			(SELECT count(*) FROM cc_customer_360 WHERE last_purchase_at IS NOT NULL) AS buyers`);
		expect(counts.rows).toBe(counts.customers);
		expect(counts.ids).toBe(counts.customers);
		expect(counts.scored).toBe(counts.buyers);
		expect(counts.rfm).toBe(counts.buyers);
		expect(Number(counts.buyers)).toBeGreaterThan(500);
		expect(state.customers).toBe(counts.customers);
		expect(state.buyers).toBe(counts.buyers);
	});

	it('keeps probabilities, expectations and values in range', async () => {
		const bad = await one(sql`SELECT
			count(*) FILTER (WHERE NOT (p_alive > 0 AND p_alive <= 1)) AS p_alive,
			count(*) FILTER (WHERE abs(churn_score - (1 - p_alive)) > 1e-12) AS churn,
			count(*) FILTER (WHERE NOT (propensity >= 0 AND propensity <= 1)) AS propensity,
			count(*) FILTER (WHERE NOT (expected_30d <= expected_90d AND expected_90d <= expected_365d
				AND expected_30d >= 0)) AS expected,
			count(*) FILTER (WHERE NOT (clv >= 0 AND isfinite(clv))) AS clv,
			count(*) FILTER (WHERE NOT (expected_spend > 0)) AS spend
			FROM cc_indicator WHERE p_alive IS NOT NULL`);
		expect(bad).toEqual({ p_alive: 0, churn: 0, propensity: 0, expected: 0, clv: 0, spend: 0 });
		for (const value of Object.values(state.purchase.params)) {
			expect(Number.isFinite(value) && value > 0).toBe(true);
		}
		expect(state.purchase.converged).toBe(true);
		expect(state.spend?.converged).toBe(true);
	});

	/** Checks stored P(alive) and E[Y(90 days)] against the model's functions, for 300 customers. */
	async function agreesWith(
		pAlive: (x: number, recency: number, T: number) => number,
		expected: (t: number, x: number, recency: number, T: number) => number
	) {
		const rows = rowsOf(
			await db.query(sql`SELECT repeat_purchases AS x, repeat_span_days AS span,
					customer_age_days AS age, p_alive, expected_90d
				FROM cc_indicator WHERE p_alive IS NOT NULL ORDER BY customer_id LIMIT 300`)
		);
		expect(rows.length).toBe(300);
		for (const row of rows) {
			const [x, recency, T] = [Number(row.x), Number(row.span) / 7, Number(row.age) / 7];
			expect(Number(row.p_alive)).toBeCloseTo(pAlive(x, recency, T), 12);
			expect(Number(row.expected_90d)).toBeCloseTo(expected(90 / 7, x, recency, T), 10);
		}
	}

	it('computes P(alive) in SQL as MBG/NBD does, expectations as P(alive) times the rest', async () => {
		const p = state.purchase.params as unknown as BgnbdParams;
		expect(state.settings.model).toBe('mbgnbd');
		await agreesWith(
			(x, recency, T) => mbgnbdProbabilityAlive(p, x, recency, T),
			(t, x, recency, T) => mbgnbdConditionalExpectedPurchases(p, t, x, recency, T)
		);
		// Unlike BG/NBD, one-time buyers are not all alive: the longer ago, the less likely.
		const oneTime = await one(sql`SELECT min(p_alive) AS low, max(p_alive) AS high,
			corr(p_alive, customer_age_days) AS trend FROM cc_indicator WHERE repeat_purchases = 0`);
		expect(Number(oneTime.high)).toBeLessThan(1);
		expect(Number(oneTime.trend)).toBeLessThan(-0.9);
	});

	it('splits each score into deciles of a tenth of the scored customers', async () => {
		const rows = rowsOf(
			await db.query(sql`SELECT clv_decile AS d, count(*) AS n, min(clv) AS low, max(clv) AS high
				FROM cc_indicator WHERE clv_decile IS NOT NULL GROUP BY 1 ORDER BY 1`)
		);
		expect(rows.map((r) => r.d)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		const sizes = rows.map((r) => Number(r.n));
		expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
		for (let i = 1; i < rows.length; i++) {
			expect(Number(rows[i]?.high)).toBeLessThanOrEqual(Number(rows[i - 1]?.low));
		}
	});

	it('draws RFM cells, segments and distributions that add up to the scored customers', async () => {
		const charts = await indicatorCharts(db);
		const cells = charts.grid.reduce((sum, c) => sum + c.customers, 0);
		const segments = charts.segments.reduce((sum, s) => sum + s.customers, 0);
		const churn = charts.churn.reduce((sum, b) => sum + b.customers, 0);
		const clv = charts.clv.reduce((sum, b) => sum + b.customers, 0);
		const deciles = charts.propensity.reduce((sum, d) => sum + d.customers, 0);
		expect([cells, segments, churn, clv, deciles]).toEqual([
			state.buyers,
			state.buyers,
			state.buyers,
			state.buyers,
			state.buyers
		]);
		expect(charts.segments.length).toBeGreaterThanOrEqual(8);
		const shares = charts.segments.reduce((sum, s) => sum + (s.revenue_share ?? 0), 0);
		expect(shares).toBeCloseTo(1, 9);
		const cell = charts.grid.find((c) => c.r_score === 5 && c.f_score === 5);
		const members = await indicatorMembers(db, { kind: 'rfm-cell', r: 5, f: 5 }, 0, 10);
		expect(members.total).toBe(cell?.customers);
		expect(rowsOf(members.rows).every((r) => r.rfm_segment === 'Champions')).toBe(true);
	});

	it('stores the RFM scores and segments the RFM scoring gives the 360° customers', async () => {
		const base = sql`SELECT customer_id, days_since_last_purchase AS recency_days,
			orders AS frequency, revenue AS monetary FROM cc_customer_360`;
		const differ = await one(sql`SELECT count(*) AS n FROM (
			(SELECT customer_id, r_score, f_score, m_score, rfm_segment FROM cc_indicator
				WHERE r_score IS NOT NULL
			EXCEPT SELECT * FROM (${rfmScores(base, DEFAULT_INDICATOR_SETTINGS.rfm)}))
			UNION ALL
			(SELECT * FROM (${rfmScores(base, DEFAULT_INDICATOR_SETTINGS.rfm)})
			EXCEPT SELECT customer_id, r_score, f_score, m_score, rfm_segment FROM cc_indicator))`);
		expect(Number(differ.n)).toBe(0);
	});

	it('stores the lifecycle stage as at the as-of date', async () => {
		const stages = rowsOf(
			await db.query(lifecycleAt(state.asOf, DEFAULT_INDICATOR_SETTINGS.lifecycle))
		);
		const stored = rowsOf(
			await db.query(sql`SELECT customer_id, lifecycle_stage FROM cc_indicator`)
		);
		const byId = new Map(stored.map((r) => [r.customer_id, r.lifecycle_stage]));
		expect(stages.length).toBe(stored.length);
		expect(stages.every((s) => byId.get(s.customer_id) === s.stage)).toBe(true);
		const prospects =
			await one(sql`SELECT count(*) FILTER (WHERE lifecycle_stage = 'prospect') AS p,
			count(*) FILTER (WHERE frequency = 0) AS z FROM cc_indicator`);
		expect(prospects.p).toBe(prospects.z);
	});

	it('predicts the holdout near what happened', () => {
		const diagnostics = state.diagnostics;
		expect(diagnostics).not.toBeNull();
		const holdout = diagnostics?.periods.filter((p) => p.holdout) ?? [];
		const actual = holdout.reduce((sum, p) => sum + p.actual, 0);
		const predicted = holdout.reduce((sum, p) => sum + p.predicted, 0);
		expect(actual).toBeGreaterThan(100);
		expect(Math.abs(predicted / actual - 1)).toBeLessThan(0.25);
		const byFrequency = diagnostics?.byFrequency ?? [];
		expect(byFrequency[0]?.frequency).toBe(0);
		// More repeat purchases in calibration, more expected in the holdout.
		expect(byFrequency.at(-1)?.predicted).toBeGreaterThan(byFrequency[0]?.predicted ?? Infinity);
	});

	it('fits BG/NBD and Pareto/NBD too, and fixed RFM thresholds, and says when it is stale', async () => {
		const built360At = state.built360At;
		const info = await indicatorsInfo(db, DEFAULT_INDICATOR_SETTINGS);
		expect(info.stale).toEqual([]);
		expect(info.built360At).toBe(built360At);
		const settings: IndicatorSettings = {
			...DEFAULT_INDICATOR_SETTINGS,
			model: 'paretonbd',
			rfm: { ...DEFAULT_INDICATOR_SETTINGS.rfm, method: 'thresholds' }
		};
		expect((await indicatorsInfo(db, settings)).stale).toEqual(['The indicator settings changed.']);
		const bgnbd = await buildIndicators(db, { ...DEFAULT_INDICATOR_SETTINGS, model: 'bgnbd' });
		const p = bgnbd.purchase.params as unknown as BgnbdParams;
		await agreesWith(
			(x, recency, T) => bgnbdProbabilityAlive(p, x, recency, T),
			(t, x, recency, T) => bgnbdConditionalExpectedPurchases(p, t, x, recency, T)
		);
		const pareto = await buildIndicators(db, settings);
		expect(Object.keys(pareto.purchase.params).sort()).toEqual(['alpha', 'beta', 'r', 's']);
		const bad = await one(sql`SELECT count(*) FILTER (WHERE NOT (p_alive > 0 AND p_alive <= 1
			AND propensity >= 0 AND propensity <= 1 AND clv >= 0)) AS n FROM cc_indicator
			WHERE p_alive IS NOT NULL`);
		expect(bad.n).toBe(0);
		const champions = await one(sql`SELECT count(*) AS n FROM cc_indicator
			WHERE rfm_segment = 'Champions' AND NOT (recency_days <= 30 AND frequency > 4)`);
		expect(champions.n).toBe(0);
		await build360(db);
		expect((await indicatorsInfo(db, settings)).stale).toEqual(['The 360° view was built again.']);
	});
});

describe('both engines', () => {
	it('fit the same parameters', () => {
		const native = fitted.native?.purchase.params ?? {};
		const wasm = fitted.wasm?.purchase.params ?? {};
		expect(Object.keys(native).length).toBe(4);
		for (const [name, value] of Object.entries(native)) {
			expect(wasm[name]).toBeCloseTo(value, 6);
		}
	});
});
