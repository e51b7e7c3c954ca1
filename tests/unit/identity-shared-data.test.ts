// Identity resolution on the reference data sets with ground truth, unsupervised (no label is
// used to fit anything), through the same core the app runs: the file is imported and mapped
// as a dropped file is, then resolved with the default settings. Pairwise F1 targets: ≥ 0.99
// on FEBRL dataset1 and dataset2, ≥ 0.95 on Splink's fake_1000. Run on native DuckDB and on the
// wasm build.
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { pairwiseAccuracy } from '../../src/lib/core/identity/accuracy';
import { IDENTITY_TABLES } from '../../src/lib/core/identity/tables';
import { resolveIdentities } from '../../src/lib/core/identity/resolve';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { ident, sql, type Sql } from '../../src/lib/core/sql/sql';
import { ensureCatalog, findSource } from '../../src/lib/core/workspace/catalog';
import { importLocalCsv } from '../../src/lib/core/workspace/local-file';
import { engines } from '../support/engines';

const dataFile = (path: string) =>
	fileURLToPath(new URL(`../../../shared/data/${path}`, import.meta.url));

interface Case {
	file: string;
	target: number;
	/** The truth of a record, over the raw table `s` joined on the record key. */
	truth: Sql;
	key: string;
}

const CASES: Case[] = [
	{
		file: 'febrl/dataset1.csv',
		target: 0.99,
		truth: sql`regexp_extract(trim(s.rec_id), 'rec-(\\d+)', 1)`,
		key: 'rec_id'
	},
	{
		file: 'febrl/dataset2.csv',
		target: 0.99,
		truth: sql`regexp_extract(trim(s.rec_id), 'rec-(\\d+)', 1)`,
		key: 'rec_id'
	},
	{ file: 'splink/fake_1000.csv', target: 0.95, truth: sql`s.cluster`, key: 'unique_id' }
];

describe.each(engines)('identity resolution on reference data ($name)', (engine) => {
	let db: Db & { close(): void };
	beforeEach(async () => {
		db = await engine.open();
		await ensureCatalog(db);
	});
	afterEach(() => db.close());

	it.each(CASES)(
		'$file reaches pairwise F1 ≥ $target',
		async ({ file, target, truth, key }) => {
			const { sourceId } = await importLocalCsv(db, dataFile(file));
			const result = await resolveIdentities(db);
			const source = await findSource(db, sourceId);
			expect(source).not.toBeNull();
			const { record, cluster } = IDENTITY_TABLES;
			const accuracy = await pairwiseAccuracy(
				db,
				sql`SELECT r.record_id, c.label AS predicted, ${truth} AS truth
				FROM ${ident(record)} r JOIN ${ident(cluster)} c ON c.node = r.rid
				JOIN ${ident(source?.tableName ?? '')} s ON r.record_id = ${sourceId} || ':' || trim(s.${ident(key)})`
			);
			// Every record was resolved, and was matched back to its truth.
			const [count] = rowsOf(await db.query(sql`SELECT count(*) AS n FROM ${ident(record)}`));
			expect(Number(count?.n)).toBe(result.records);
			expect(accuracy.truePairs).toBeGreaterThan(0);
			expect(accuracy.f1).toBeGreaterThanOrEqual(target);
		},
		120_000
	);
});
