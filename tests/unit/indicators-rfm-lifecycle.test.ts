// RFM scores, named segments, lifecycle stages and the shift matrix on small hand-made data
// where every expected value can be counted by hand, on both engines; and the number-column
// writer the model scores travel back through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import {
	lifecycleAt,
	lifecycleShift,
	NOT_YET_KNOWN
} from '../../src/lib/core/indicators/lifecycle';
import { rfmScores } from '../../src/lib/core/indicators/rfm';
import { RFM_GRID, RFM_SEGMENTS, rfmSegmentOf } from '../../src/lib/core/indicators/rfm-segments';
import {
	DEFAULT_INDICATOR_SETTINGS,
	indicatorSettingsProblems,
	type RfmSettings
} from '../../src/lib/core/indicators/settings';
import { writeNumberColumns } from '../../src/lib/core/sql/number-columns';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { sql, trusted } from '../../src/lib/core/sql/sql';
import { saleOf } from '../../src/lib/core/customer360/events';
import { engines } from '../support/engines';

describe('the RFM grid', () => {
	it('gives every cell exactly one of the eleven named segments, each used', () => {
		const used = new Set(RFM_GRID.flat());
		expect(RFM_GRID).toHaveLength(5);
		for (const row of RFM_GRID) expect(row).toHaveLength(5);
		expect([...used].sort()).toEqual([...RFM_SEGMENTS].sort());
		expect(rfmSegmentOf(5, 5)).toBe('Champions');
		expect(rfmSegmentOf(1, 1)).toBe('Lost');
		expect(rfmSegmentOf(1, 5)).toBe("Can't lose them");
		expect(() => rfmSegmentOf(0, 3)).toThrow(/1 to 5/);
	});
});

describe('indicator settings', () => {
	it('accepts the defaults and names what is wrong', () => {
		expect(indicatorSettingsProblems(DEFAULT_INDICATOR_SETTINGS)).toEqual([]);
		const broken = structuredClone(DEFAULT_INDICATOR_SETTINGS);
		broken.rfm.method = 'thresholds';
		broken.rfm.frequency = [1, 1, 2, 3];
		broken.discountRate = 1.5;
		broken.lifecycle[0] = { ...broken.lifecycle[0]!, minOrders: 3, maxOrders: 1 };
		const problems = indicatorSettingsProblems(broken);
		expect(problems).toContain('Frequency cuts (orders): each cut must be above the one before.');
		expect(problems.some((p) => p.includes('discount rate'))).toBe(true);
		expect(problems.some((p) => p.startsWith('Lapsed: orders'))).toBe(true);
	});
});

describe.each(engines)('indicators SQL on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
		// Ten buyers with distinct values and two without a purchase.
		await db.exec(sql`CREATE TABLE base AS
			SELECT 'c' || lpad(i::VARCHAR, 2, '0') AS customer_id,
				CASE WHEN i <= 10 THEN i * 10 END AS recency_days,
				CASE WHEN i <= 10 THEN 11 - i ELSE 0 END AS frequency,
				CASE WHEN i <= 10 THEN i * 100.0 END AS monetary
			FROM range(1, 13) t(i)`);
	});
	afterAll(() => db.close());

	const scored = async (rfm: RfmSettings, base = 'base') =>
		rowsOf(
			await db.query(
				sql`SELECT * FROM (${rfmScores(trusted(`SELECT * FROM ${base}`), rfm)}) ORDER BY customer_id`
			)
		);

	it('scores quintiles: two customers a score, recent and frequent high, buyers only', async () => {
		const rows = await scored(DEFAULT_INDICATOR_SETTINGS.rfm);
		expect(rows).toHaveLength(10);
		expect(rows.map((r) => r.r_score)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
		expect(rows.map((r) => r.f_score)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
		expect(rows.map((r) => r.m_score)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
		expect(rows[0]?.rfm_segment).toBe('Champions');
		expect(rows[9]?.rfm_segment).toBe('Lost');
		expect(rows[4]?.rfm_segment).toBe('Need attention');
	});

	it('gives tied values the same, lower score', async () => {
		await db.exec(sql`CREATE OR REPLACE TABLE ties AS
			SELECT 't' || i AS customer_id, 10 AS recency_days,
				CASE WHEN i <= 6 THEN 1 ELSE i END AS frequency, 50.0 AS monetary
			FROM range(1, 11) t(i)`);
		const rows = await scored(DEFAULT_INDICATOR_SETTINGS.rfm, 'ties');
		// Six of ten bought once: all six share rank 1, so score 1; the others rank 7 to 10.
		const byId = Object.fromEntries(rows.map((r) => [r.customer_id, r]));
		for (const id of ['t1', 't2', 't3', 't4', 't5', 't6']) expect(byId[id]?.f_score).toBe(1);
		expect(byId['t7']?.f_score).toBe(4);
		expect(byId['t10']?.f_score).toBe(5);
		expect(new Set(rows.map((r) => r.r_score))).toEqual(new Set([1]));
	});

	it('scores fixed thresholds by the cuts a value is above', async () => {
		const rows = await scored({
			method: 'thresholds',
			recencyDays: [30, 60, 90, 100],
			frequency: [1, 2, 4, 8],
			monetary: [100, 200, 500, 900]
		});
		// c01: 10 days, 10 orders, 100; c03: 30 days, 8 orders, 300; c10: 100 days, 1 order, 1000.
		const byId = Object.fromEntries(rows.map((r) => [r.customer_id, r]));
		expect([byId['c01']?.r_score, byId['c01']?.f_score, byId['c01']?.m_score]).toEqual([5, 5, 1]);
		expect([byId['c03']?.r_score, byId['c03']?.f_score, byId['c03']?.m_score]).toEqual([5, 4, 3]);
		expect([byId['c10']?.r_score, byId['c10']?.f_score, byId['c10']?.m_score]).toEqual([2, 1, 5]);
	});

	it('puts customers in lifecycle stages as of any date and counts the moves', async () => {
		await db.exec(sql`CREATE OR REPLACE TABLE cc_customer_360 AS
			SELECT * FROM (VALUES
				('a', TIMESTAMP '2020-01-01'), ('b', TIMESTAMP '2020-01-01'),
				('c', TIMESTAMP '2022-06-01'), ('d', NULL), ('e', TIMESTAMP '2020-01-01')
			) t(customer_id, first_seen)`);
		// a: one order in 2021, then three in 2022 (one of two lines); b: one order in 2021, lapsed by late 2022;
		// c: appears in 2022 with a cancelled order only; d: a web visit; e: nothing.
		await db.exec(sql`CREATE OR REPLACE TABLE cc_event AS
			SELECT *, ${saleOf(sql`kind`, sql`event_type`)} AS sale FROM (VALUES
				('a', 'linked', 'purchase', 'order', TIMESTAMP '2021-03-01', 'o1', 'Online', 10.0),
				('a', 'linked', 'purchase', 'order', TIMESTAMP '2022-02-01', 'o2', 'Online', 10.0),
				('a', 'linked', 'purchase', 'order', TIMESTAMP '2022-02-01', 'o2', 'Online', 5.0),
				('a', 'linked', 'purchase', 'order', TIMESTAMP '2022-05-01', 'o3', 'Store', 10.0),
				('a', 'linked', 'purchase', 'order', TIMESTAMP '2022-11-30', 'o4', 'Store', 10.0),
				('b', 'linked', 'purchase', 'order', TIMESTAMP '2021-05-01', 'o5', 'Store', 10.0),
				('c', 'linked', 'purchase', 'cancelled', TIMESTAMP '2022-07-01', 'o6', 'Store', 10.0),
				('d', 'linked', 'web', 'session', TIMESTAMP '2021-01-01', NULL, 'Web', NULL),
				('x', 'anonymous', 'purchase', 'order', TIMESTAMP '2021-01-01', 'o7', 'Store', 10.0)
			) t(customer_id, status, kind, event_type, event_at, order_key, lane, amount)`);
		const stages = DEFAULT_INDICATOR_SETTINGS.lifecycle;
		const at = async (day: string) =>
			Object.fromEntries(
				rowsOf(await db.query(lifecycleAt(day, stages))).map((r) => [r.customer_id, r.stage])
			);
		expect(await at('2021-12-31')).toEqual({
			a: 'one-time',
			b: 'one-time',
			c: NOT_YET_KNOWN,
			d: 'prospect',
			e: 'prospect'
		});
		expect(await at('2022-11-30')).toEqual({
			a: 'loyal',
			b: 'lapsed',
			c: 'prospect',
			d: 'prospect',
			e: 'prospect'
		});
		const shift = rowsOf(await db.query(lifecycleShift('2021-12-31', '2022-11-30', stages)));
		expect(shift).toEqual([
			{ from_stage: NOT_YET_KNOWN, to_stage: 'prospect', customers: 1 },
			{ from_stage: 'one-time', to_stage: 'lapsed', customers: 1 },
			{ from_stage: 'one-time', to_stage: 'loyal', customers: 1 },
			{ from_stage: 'prospect', to_stage: 'prospect', customers: 2 }
		]);
	});

	it('writes number columns computed in JavaScript, non-finite ones as NULL', async () => {
		const n = 250_001;
		const a = new Float64Array(n).map((_, i) => i);
		const b = new Float64Array(n).map((_, i) => (i === 7 ? NaN : i / 3));
		await writeNumberColumns(db, 'numbers', { a, b }, { temporary: true });
		const [row] = rowsOf(
			await db.query(sql`SELECT count(*) AS n, sum(a) AS sa, count(b) AS nb,
				max(abs(b - a / 3)) AS err FROM numbers`)
		);
		expect(row).toEqual({ n, sa: (n * (n - 1)) / 2, nb: n - 1, err: 0 });
	});
});
