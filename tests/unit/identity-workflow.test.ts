// The identity workflow around a run, on a real file (FEBRL dataset1): the overview read back,
// the threshold explorer, the review queue, manual decisions re-applied by the next run, stale
// marking, stable customer ids, the explanation waterfall and accuracy against a truth column.
// Run on native DuckDB and on the wasm build.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { truthAccuracy } from '../../src/lib/core/identity/accuracy';
import { listDecisions, saveDecision } from '../../src/lib/core/identity/decisions';
import { findCustomers } from '../../src/lib/core/identity/customer-search';
import { explainCustomer } from '../../src/lib/core/identity/explain';
import { identityOverview } from '../../src/lib/core/identity/overview';
import { resolveIdentities } from '../../src/lib/core/identity/resolve';
import { reviewQueue } from '../../src/lib/core/identity/review';
import { loadRunState, scoringModelOf } from '../../src/lib/core/identity/run-state';
import { DEFAULT_IDENTITY_SETTINGS } from '../../src/lib/core/identity/types';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { sql } from '../../src/lib/core/sql/sql';
import { ensureCatalog } from '../../src/lib/core/workspace/catalog';
import { importLocalCsv } from '../../src/lib/core/workspace/local-file';
import { engines } from '../support/engines';

const dataFile = (path: string) =>
	fileURLToPath(new URL(`../../../shared/data/${path}`, import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'concord-identity-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function customerOf(db: Db, recordId: string): Promise<string> {
	const [row] = rowsOf(
		await db.query(sql`SELECT customer_id FROM cc_customer_record WHERE record_id = ${recordId}`)
	);
	return String(row?.customer_id);
}

async function idMap(db: Db): Promise<Map<string, string>> {
	const rows = rowsOf(await db.query(sql`SELECT record_id, customer_id FROM cc_customer_record`));
	return new Map(rows.map((r) => [String(r.record_id), String(r.customer_id)]));
}

describe.each(engines)('identity workflow ($name)', (engine) => {
	let db: Db & { close(): void };
	let sourceId: string;
	const settings = DEFAULT_IDENTITY_SETTINGS;
	// One run read by the tests in order: those that only read it first, then those that change
	// the workspace (decisions, a new source, a second file) and re-run on top of each other.
	beforeAll(async () => {
		db = await engine.open();
		await ensureCatalog(db);
		({ sourceId } = await importLocalCsv(db, dataFile('febrl/dataset1.csv')));
		await resolveIdentities(db, settings);
	}, 60_000);
	afterAll(() => db.close());

	it('reads the run back: summary, model, metrics, explorer, and current', async () => {
		const overview = await identityOverview(db, settings);
		expect(overview).not.toBeNull();
		if (!overview) return;
		expect(overview.stale).toEqual([]);
		expect(overview.summary.records).toBe(1000);
		expect(overview.metrics.records).toBe(1000);
		expect(overview.metrics.customers).toBe(overview.summary.customers);
		const sized = overview.metrics.clusterSizes.reduce((s, c) => s + c.size * c.customers, 0);
		expect(sized).toBe(1000);
		expect(overview.metrics.sources[0]?.duplicates).toBe(1000 - overview.metrics.customers);
		expect(overview.prior.lambda).toBeGreaterThan(0);
		expect(overview.prior.lambda).toBeLessThan(0.01);
		const names = overview.comparisons.find((c) => c.id === 'last_name');
		expect(names?.levels[0]?.weight).toBeGreaterThan(5);
		expect(names?.levels.at(-1)?.weight).toBeLessThan(0);
		// More customers the stricter the threshold; at the run's own threshold, the run's count
		// (FEBRL's clusters need no cohesion cut).
		const counts = overview.explorer.map((p) => p.customers);
		expect([...counts].sort((a, b) => a - b)).toEqual(counts);
		const atRun = overview.explorer.find((p) => p.threshold === settings.threshold);
		expect(atRun?.customers).toBe(overview.metrics.customers);
		expect(overview.summary.blocking.some((b) => b.pairs > 0)).toBe(true);
	});

	it('queues the least certain pairs for review, nearest the threshold first', async () => {
		const queue = await reviewQueue(db, settings.threshold, 10);
		expect(queue.length).toBeGreaterThan(0);
		const distance = (p: number) => Math.abs(Math.log2(p / (1 - p)));
		const distances = queue.map((q) => distance(q.probability));
		expect([...distances].sort((a, b) => a - b)).toEqual(distances);
		expect(queue[0]?.recordA.fields.last_name).toBeDefined();
		expect(queue[0]?.recordA.sourceName).toBe('dataset1');
	});

	it('explains a customer: the waterfall adds up to the pair weight', async () => {
		const customer = await customerOf(db, `${sourceId}:rec-0-org`);
		const state = await loadRunState(db);
		expect(state).not.toBeNull();
		if (!state) return;
		const explanation = await explainCustomer(
			db,
			customer,
			scoringModelOf(state.model),
			state.settings.threshold
		);
		expect(explanation?.records.map((r) => r.recordId).sort()).toEqual(
			[`${sourceId}:rec-0-dup-0`, `${sourceId}:rec-0-org`].sort()
		);
		const pair = explanation?.pairs[0];
		expect(pair).toBeDefined();
		if (!pair) return;
		const total = pair.prior + pair.contributions.reduce((s, c) => s + c.weight, 0);
		expect(total).toBeCloseTo(pair.weight, 6);
		expect(pair.linkedBy).not.toBeNull();
		expect(pair.contributions.find((c) => c.comparison === 'last_name')?.level).toBeTruthy();
	});

	it('finds customers by name, record id or customer id', async () => {
		const customer = await customerOf(db, `${sourceId}:rec-0-org`);
		const [row] = rowsOf(
			await db.query(sql`SELECT first_name, last_name FROM cc_id_record
				WHERE record_id = ${`${sourceId}:rec-0-org`}`)
		);
		const byName = await findCustomers(db, `${row?.first_name} ${row?.last_name}`);
		expect(byName.map((h) => h.customerId)).toContain(customer);
		expect((await findCustomers(db, customer))[0]?.customerId).toBe(customer);
		expect((await findCustomers(db, `${sourceId}:rec-0-org`))[0]?.records).toBe(2);
		expect(await findCustomers(db, "'; DROP TABLE cc_customer_record; --")).toEqual([]);
		expect(await findCustomers(db, '   ')).toEqual([]);
	});

	it('re-applies decisions on the next run, marks the run stale until then, keeps other ids', async () => {
		const before = await idMap(db);
		const a = `${sourceId}:rec-0-org`;
		const b = `${sourceId}:rec-0-dup-0`;
		const stranger = `${sourceId}:rec-1-org`;
		expect(await customerOf(db, a)).toBe(await customerOf(db, b));
		await saveDecision(db, a, b, false);
		await saveDecision(db, a, stranger, true);
		// Decided a millisecond after the run at the earliest: stale.
		await new Promise((resolve) => setTimeout(resolve, 1100));
		await saveDecision(db, a, stranger, true);
		expect((await identityOverview(db, settings))?.stale.join(' ')).toMatch(/Decisions/);
		await resolveIdentities(db, settings);
		expect(await customerOf(db, a)).not.toBe(await customerOf(db, b));
		expect(await customerOf(db, a)).toBe(await customerOf(db, stranger));
		expect(await listDecisions(db)).toHaveLength(2);
		// Customers the decisions did not touch keep their ids.
		const after = await idMap(db);
		const untouched = [...before].filter(
			([id]) => !id.includes('rec-0-') && !id.includes('rec-1-')
		);
		expect(untouched.length).toBeGreaterThan(900);
		expect(untouched.every(([id, customer]) => after.get(id) === customer)).toBe(true);
		const overview = await identityOverview(db, settings);
		expect(overview?.stale).toEqual([]);
		expect(overview?.metrics.links.some((l) => l.reason === 'decision')).toBe(true);
		expect(overview?.metrics.labels.labelledSame).toBe(1);
	}, 60_000);

	it('keeps customer ids when a new source adds records', async () => {
		const before = await idMap(db);
		const lines = readFileSync(dataFile('febrl/dataset1.csv'), 'utf8').split('\n');
		const extra = join(work, `${engine.name}-more.csv`);
		writeFileSync(extra, [lines[0], ...lines.slice(1, 40)].join('\n'));
		await importLocalCsv(db, extra);
		expect((await identityOverview(db, settings))?.stale.join(' ')).toMatch(/added/);
		await resolveIdentities(db, settings);
		const after = await idMap(db);
		expect([...before].every(([id, customer]) => after.get(id) === customer)).toBe(true);
		expect(after.size).toBe(before.size + 39);
	}, 60_000);

	it('measures accuracy against a truth column', async () => {
		const { sourceId: fake } = await importLocalCsv(db, dataFile('splink/fake_1000.csv'));
		await resolveIdentities(db, settings);
		const accuracy = await truthAccuracy(db, [{ sourceId: fake, column: 'cluster' }]);
		expect(accuracy?.truePairs).toBe(2031);
		expect(accuracy?.f1).toBeGreaterThan(0.9);
	}, 60_000);
});
