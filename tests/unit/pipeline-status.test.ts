// The pipeline's light status call against the areas' own: on the demo, each step reads as not
// run, then current once it ran, then out of date for the same reasons the areas give when a
// setting or an earlier step changes. Run on native DuckDB and on the wasm build.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { build360 } from '../../src/lib/core/customer360/build';
import { saveDecision } from '../../src/lib/core/identity/decisions';
import { identityOverview } from '../../src/lib/core/identity/overview';
import { resolveIdentities } from '../../src/lib/core/identity/resolve';
import { DEFAULT_IDENTITY_SETTINGS } from '../../src/lib/core/identity/types';
import { buildIndicators, indicatorsInfo } from '../../src/lib/core/indicators/build';
import { DEFAULT_INDICATOR_SETTINGS } from '../../src/lib/core/indicators/settings';
import { loadDemoWorkspace } from '../../src/lib/core/workspace/demo-workspace';
import {
	pipelineReadings,
	type PipelineSettings
} from '../../src/lib/core/workspace/pipeline-status';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { sql } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

const settings: PipelineSettings = {
	identity: DEFAULT_IDENTITY_SETTINGS,
	asOf: null,
	kinds: {},
	indicators: DEFAULT_INDICATOR_SETTINGS
};

describe.each(engines)('the pipeline status ($name)', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
		await loadDemoWorkspace(db, 300);
	}, 60_000);
	afterAll(() => db.close());

	it('reads every step as not run on a new workspace', async () => {
		const readings = await pipelineReadings(db, settings);
		expect(readings.identity.done).toBe(false);
		expect(readings.customers360.done).toBe(false);
		expect(readings.indicators.done).toBe(false);
		expect(readings.indicators.problems).toEqual([]);
	});

	it('reads each step as current once it ran, in order', async () => {
		await resolveIdentities(db, DEFAULT_IDENTITY_SETTINGS);
		await build360(db);
		await buildIndicators(db, DEFAULT_INDICATOR_SETTINGS);
		const readings = await pipelineReadings(db, settings);
		for (const step of ['identity', 'customers360', 'indicators'] as const) {
			expect(readings[step]).toEqual({ done: true, stale: [], problems: [] });
		}
	});

	it('gives the reasons the areas give when settings change', async () => {
		const identity = { ...DEFAULT_IDENTITY_SETTINGS, threshold: 0.8 };
		const indicators = { ...DEFAULT_INDICATOR_SETTINGS, holdoutDays: 120 };
		const readings = await pipelineReadings(db, { ...settings, identity, indicators });
		expect(readings.identity.stale).toEqual((await identityOverview(db, identity))?.stale);
		expect(readings.identity.stale).toContain('The identity settings changed.');
		expect(readings.indicators.stale).toEqual((await indicatorsInfo(db, indicators)).stale);
		expect(readings.indicators.stale).toContain('The indicator settings changed.');
		expect(readings.customers360.stale).toEqual([]);
	});

	it('reads identity as out of date after a decision, and the 360° view after a new run', async () => {
		const [a, b] = rowsOf(
			await db.query(sql`SELECT record_id FROM cc_customer_record ORDER BY record_id LIMIT 2`)
		).map((r) => String(r.record_id));
		await new Promise((resolve) => setTimeout(resolve, 1100));
		await saveDecision(db, a ?? '', b ?? '', false);
		expect((await pipelineReadings(db, settings)).identity.stale).toEqual([
			'Decisions were made since the last run.'
		]);
		await resolveIdentities(db, DEFAULT_IDENTITY_SETTINGS);
		const readings = await pipelineReadings(db, settings);
		expect(readings.identity.stale).toEqual([]);
		expect(readings.customers360.stale).toEqual(['Identity resolution ran again.']);
	}, 60_000);

	it('says what stops the indicators from running', async () => {
		const broken = { ...DEFAULT_INDICATOR_SETTINGS, holdoutDays: -1 };
		expect(
			(await pipelineReadings(db, { ...settings, indicators: broken })).indicators.problems
		).toEqual((await indicatorsInfo(db, broken)).problems);
		expect((await indicatorsInfo(db, broken)).problems.length).toBeGreaterThan(0);
	});
});
