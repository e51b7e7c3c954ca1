// Clustering on both engines, on tables written by hand: connected components label every
// record with the smallest rid of its component however the links are ordered; the cohesion
// check cuts two people joined through a third, also when the two were never a candidate pair;
// customer ids are derived, kept and handed over on a split as the stable-id rules say, also
// when the previous run's table still has its earlier shape (with a primary key).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { splitLooseClusters } from '../../src/lib/core/identity/cohesion';
import { connectedComponents } from '../../src/lib/core/identity/components';
import { assignCustomerIds } from '../../src/lib/core/identity/customer-ids';
import { COMPARED_PAIRS, compareCandidates } from '../../src/lib/core/identity/pairs';
import { resolveIdentities } from '../../src/lib/core/identity/resolve';
import { loadRunState, scoringModelOf } from '../../src/lib/core/identity/run-state';
import { scorePairs } from '../../src/lib/core/identity/score';
import { IDENTITY_TABLES } from '../../src/lib/core/identity/tables';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { ident, join, sql } from '../../src/lib/core/sql/sql';
import { ensureCatalog } from '../../src/lib/core/workspace/catalog';
import { importLocalCsv } from '../../src/lib/core/workspace/local-file';
import { engines } from '../support/engines';

const { record, cluster, customer, pair } = IDENTITY_TABLES;
const dir = mkdtempSync(joinPath(tmpdir(), 'concord-cluster-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function labels(db: Db): Promise<Map<number, number>> {
	const rows = rowsOf(await db.query(sql`SELECT node, label FROM ${ident(cluster)}`));
	return new Map(rows.map((row) => [Number(row.node), Number(row.label)]));
}

async function writeClusters(db: Db, groups: readonly (readonly number[])[]): Promise<void> {
	const rows = groups.flatMap((group) => group.map((rid) => sql`(${rid}, ${Math.min(...group)})`));
	await db.exec(sql`CREATE OR REPLACE TABLE ${ident(cluster)} AS
		SELECT node::INTEGER AS node, label::INTEGER AS label FROM (VALUES ${join(rows)}) v(node, label)`);
}

async function customerIds(db: Db): Promise<Map<string, string>> {
	const rows = rowsOf(await db.query(sql`SELECT record_id, customer_id FROM ${ident(customer)}`));
	return new Map(rows.map((row) => [String(row.record_id), String(row.customer_id)]));
}

/** The id a customer with no previous id gets: from its smallest record id. */
async function derivedId(db: Db, firstRecord: string): Promise<string> {
	const [row] = rowsOf(
		await db.query(sql`SELECT 'C' || upper(left(md5(${firstRecord}), 12)) AS id`)
	);
	return String(row?.id);
}

describe.each(engines)('clustering ($name)', (engine) => {
	let db: Db & { close(): void };
	beforeEach(async () => {
		db = await engine.open();
	});
	afterEach(() => db.close());

	it('labels each component with its smallest rid, however long and shuffled its links', async () => {
		// A chain of 64 linked in a scrambled order, a star, a cycle, a repeated link, loners.
		const chain = Array.from({ length: 63 }, (_, i) => (i * 37) % 63).map((k) =>
			k % 2 === 0 ? [100 + k, 101 + k] : [101 + k, 100 + k]
		);
		const links = [
			...chain,
			[7, 3],
			[7, 5],
			[7, 9],
			[20, 21],
			[21, 22],
			[22, 20],
			[20, 21],
			[300, 301]
		];
		const nodes = Array.from({ length: 310 }, (_, i) => sql`(${i})`);
		await db.exec(sql`CREATE OR REPLACE TEMP TABLE test_node AS
			SELECT rid::INTEGER AS rid FROM (VALUES ${join(nodes)}) v(rid)`);
		await db.exec(sql`CREATE OR REPLACE TEMP TABLE test_link AS
			SELECT l::INTEGER AS l, r::INTEGER AS r
			FROM (VALUES ${join(links.map(([l, r]) => sql`(${l ?? 0}, ${r ?? 0})`))}) v(l, r)`);
		const rounds = await connectedComponents(db, 'test_node', 'test_link', cluster);
		expect(rounds).toBeLessThanOrEqual(10);
		const got = await labels(db);
		expect(got.size).toBe(310);
		const expected = (rid: number) => {
			if (rid >= 100 && rid < 164) return 100;
			if ([3, 5, 7, 9].includes(rid)) return 3;
			if ([20, 21, 22].includes(rid)) return 20;
			if (rid === 301) return 300;
			return rid;
		};
		for (const [node, label] of got) expect([node, label]).toEqual([node, expected(node)]);
	});

	it('keeps, derives and hands over customer ids as the stable-id rules say', async () => {
		const records = Array.from({ length: 8 }, (_, i) => sql`(${i + 1}, ${`s:${i + 1}`}, 's')`);
		await db.exec(sql`CREATE OR REPLACE TABLE ${ident(record)} AS
			SELECT rid::INTEGER AS rid, record_id, source_id
			FROM (VALUES ${join(records)}) v(rid, record_id, source_id)`);
		// Before any run: ids derived from each customer's smallest record id.
		await writeClusters(db, [[1, 2, 3], [4, 5], [6], [7, 8]]);
		await assignCustomerIds(db);
		const first = await customerIds(db);
		expect(first.size).toBe(8);
		expect(first.get('s:2')).toBe(await derivedId(db, 's:1'));
		expect(first.get('s:5')).toBe(await derivedId(db, 's:4'));
		// The same clusters again: the replaced table gives every record the id it had.
		await assignCustomerIds(db);
		expect(await customerIds(db)).toEqual(first);
		// 1–3 split: the part with most records keeps the id; the other part holds record 1, the
		// id's own record, so it gets the split id. 4–5 join 6: they keep 4's id. 7–8 unchanged.
		await writeClusters(db, [[2, 3], [1], [4, 5, 6], [7, 8]]);
		await assignCustomerIds(db);
		const second = await customerIds(db);
		expect(second.get('s:2')).toBe(first.get('s:2'));
		expect(second.get('s:3')).toBe(first.get('s:2'));
		expect(second.get('s:1')).toBe(await derivedId(db, 's:1|split'));
		expect(second.get('s:6')).toBe(first.get('s:4'));
		expect(second.get('s:7')).toBe(first.get('s:7'));
		expect(new Set(second.values()).size).toBe(4);
	});

	it('keeps the ids of a previous run whose table has the earlier shape', async () => {
		await db.exec(sql`CREATE TABLE ${ident(customer)} (
			record_id VARCHAR PRIMARY KEY, source_id VARCHAR NOT NULL, customer_id VARCHAR NOT NULL)`);
		await db.exec(sql`INSERT INTO ${ident(customer)} VALUES
			('s:1', 's', 'CKEPT1'), ('s:2', 's', 'CKEPT1'), ('s:3', 's', 'CKEPT3')`);
		await db.exec(sql`CREATE OR REPLACE TABLE ${ident(record)} AS
			SELECT rid::INTEGER AS rid, record_id, source_id
			FROM (VALUES (1, 's:1', 's'), (2, 's:2', 's'), (3, 's:3', 's'), (4, 's:4', 's')) v(rid, record_id, source_id)`);
		await writeClusters(db, [
			[1, 2],
			[3, 4]
		]);
		await assignCustomerIds(db);
		expect(await customerIds(db)).toEqual(
			new Map([
				['s:1', 'CKEPT1'],
				['s:2', 'CKEPT1'],
				['s:3', 'CKEPT3'],
				['s:4', 'CKEPT3']
			])
		);
	});

	it.each([
		{ name: 'a candidate pair', acCandidate: true, other: 'Mary,Smith,1995-07-23', split: true },
		{
			name: 'never a candidate pair',
			acCandidate: false,
			other: 'Mary,Smith,1995-07-23',
			split: true
		},
		{ name: 'one person', acCandidate: false, other: 'John,Smith,1980-01-01', split: false }
	])('cuts two people chained by a third: $name', async ({ acCandidate, other, split }) => {
		const file = joinPath(dir, `${engine.name}-chain-${String(acCandidate)}-${String(split)}.csv`);
		writeFileSync(
			file,
			['id,first,last,born', 'A,John,Smith,1980-01-01', 'B,J,Smith,', `C,${other}`, ''].join('\n')
		);
		await ensureCatalog(db);
		await importLocalCsv(db, file, {
			roles: { id: 'record_key', first: 'first_name', last: 'last_name', born: 'birth_date' }
		});
		await resolveIdentities(db);
		const state = await loadRunState(db);
		if (!state) throw new Error('no run');
		const model = scoringModelOf(state.model);
		const rid = async (key: string) => {
			const [row] = rowsOf(
				await db.query(sql`SELECT rid FROM ${ident(record)} WHERE record_id LIKE ${`%:${key}`}`)
			);
			return Number(row?.rid);
		};
		const [a, b, c] = [await rid('A'), await rid('B'), await rid('C')];
		// A–B strong, B–C weak; A–C a candidate pair or not, as the case says. The probabilities
		// are written over the model's (three records train no model worth the name).
		const candidate = (x: number, y: number, p: number) =>
			sql`(${Math.min(x, y)}, ${Math.max(x, y)}, ${p})`;
		const candidates = [candidate(a, b, 0.95), candidate(b, c, 0.6)];
		if (acCandidate) candidates.push(candidate(a, c, 0.01));
		await db.exec(sql`CREATE OR REPLACE TEMP TABLE test_candidate AS
			SELECT l::INTEGER AS l, r::INTEGER AS r, 0::BIGINT AS rules, p::DOUBLE AS p
			FROM (VALUES ${join(candidates)}) v(l, r, p)`);
		await compareCandidates(db, model.comparisons, 'test_candidate', COMPARED_PAIRS);
		await scorePairs(db, model, COMPARED_PAIRS, { into: pair });
		await db.exec(sql`ALTER TABLE ${ident(pair)} ADD COLUMN IF NOT EXISTS rule VARCHAR`);
		await db.exec(sql`UPDATE ${ident(pair)} SET rule = NULL, household = FALSE, probability = t.p
			FROM test_candidate t WHERE ${ident(pair)}.l = t.l AND ${ident(pair)}.r = t.r`);
		await db.exec(
			sql`CREATE OR REPLACE TEMP TABLE cc_id_decided (l INTEGER, r INTEGER, same BOOLEAN)`
		);
		await writeClusters(db, [[a, b, c]]);
		const result = await splitLooseClusters(db, model, 0.5, true);
		expect(result.checked).toBe(1);
		expect(result.split).toBe(split ? 1 : 0);
		const got = await labels(db);
		expect(got.get(a)).toBe(got.get(b));
		expect(got.get(c) === got.get(a)).toBe(!split);
	});
});
