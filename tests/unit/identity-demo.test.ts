// Identity resolution on the demo retailer, scored against its hidden truth: every profile
// record's true person is in cc_demo_record, which nothing in the pipeline reads. Target:
// pairwise F1 ≥ 0.98 with the default settings. Both engines.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { DEMO_TRUTH_TABLES } from '../../src/lib/core/demo';
import { pairwiseAccuracy } from '../../src/lib/core/identity/accuracy';
import { resolveIdentities } from '../../src/lib/core/identity/resolve';
import { IDENTITY_TABLES } from '../../src/lib/core/identity/tables';
import { ident, sql } from '../../src/lib/core/sql/sql';
import { loadDemoWorkspace } from '../../src/lib/core/workspace/demo-workspace';
import { engines } from '../support/engines';

describe.each(engines)('identity resolution on the demo ($name)', (engine) => {
	let db: Db & { close(): void };
	beforeEach(async () => {
		db = await engine.open();
	});
	afterEach(() => db.close());

	it('finds the demo persons with pairwise F1 ≥ 0.98', async () => {
		await loadDemoWorkspace(db, 5000);
		const result = await resolveIdentities(db);
		const accuracy = await pairwiseAccuracy(
			db,
			sql`SELECT c.record_id, c.customer_id AS predicted, d.person_id AS truth
				FROM ${ident(IDENTITY_TABLES.customer)} c
				JOIN ${ident(DEMO_TRUTH_TABLES.record)} d
					ON c.record_id = 'demo:' || d.source || ':' || d.record_key
				WHERE d.person_id IS NOT NULL`
		);
		// Every profile record was scored (the join found its truth).
		expect(accuracy.truePairs).toBeGreaterThan(1000);
		expect(result.records).toBeGreaterThan(6000);
		expect(accuracy.f1).toBeGreaterThanOrEqual(0.98);
	}, 180_000);
});
