// Pairwise precision, recall and F1 of a clustering against a truth: counted over pairs of
// records, as record-linkage benchmarks are. With n records in a group there are n(n−1)/2 pairs
// in it, so no pair list is ever built.
import type { Db } from '../db';
import { rowsOf } from '../sql/rows';
import { sql, type Sql } from '../sql/sql';

export interface PairwiseAccuracy {
	truePairs: number;
	predictedPairs: number;
	correctPairs: number;
	precision: number;
	recall: number;
	f1: number;
}

/** `rows` is a query with columns record_id, predicted and truth (both non-null). */
export async function pairwiseAccuracy(db: Db, rows: Sql): Promise<PairwiseAccuracy> {
	const pairs = (n: Sql) => sql`sum(${n} * (${n} - 1) / 2)`;
	const [row] = rowsOf(
		await db.query(sql`WITH r AS (${rows}),
			t AS (SELECT count(*) AS n FROM r GROUP BY truth),
			p AS (SELECT count(*) AS n FROM r GROUP BY predicted),
			b AS (SELECT count(*) AS n FROM r GROUP BY predicted, truth)
			SELECT (SELECT ${pairs(sql`n`)} FROM t) AS true_pairs,
				(SELECT ${pairs(sql`n`)} FROM p) AS predicted_pairs,
				(SELECT ${pairs(sql`n`)} FROM b) AS correct_pairs`)
	);
	const truePairs = Number(row?.true_pairs ?? 0);
	const predictedPairs = Number(row?.predicted_pairs ?? 0);
	const correctPairs = Number(row?.correct_pairs ?? 0);
	const precision = predictedPairs > 0 ? correctPairs / predictedPairs : 1;
	const recall = truePairs > 0 ? correctPairs / truePairs : 1;
	const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
	return { truePairs, predictedPairs, correctPairs, precision, recall, f1 };
}
