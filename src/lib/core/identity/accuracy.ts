// Pairwise precision, recall and F1 of a clustering against a truth: counted over pairs of
// records, as record-linkage benchmarks are. With n records in a group there are n(n−1)/2 pairs
// in it, so no pair list is ever built.
import type { Db } from '../db';
import { rowsOf } from '../sql/rows';
import { ident, join, sql, type Sql } from '../sql/sql';
import { findSource } from '../workspace/catalog';
import { loadMappedView } from '../workspace/mapped-views';
import { IDENTITY_TABLES } from './tables';

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

export interface TruthColumn {
	sourceId: string;
	/** A raw column of the source holding the true person (a cluster or person id). */
	column: string;
}

/**
 * Pairwise accuracy of the current customers against truth columns chosen by the user, over
 * the records of those sources whose truth is filled. The truth is read from the raw table
 * through the mapped view's source_row, so any column can serve, mapped or not.
 */
export async function truthAccuracy(
	db: Db,
	truths: readonly TruthColumn[]
): Promise<PairwiseAccuracy | null> {
	const parts: Sql[] = [];
	for (const truth of truths) {
		const source = await findSource(db, truth.sourceId);
		const view = await loadMappedView(db, truth.sourceId);
		if (!source || !view) continue;
		parts.push(sql`SELECT c.record_id, c.customer_id AS predicted,
				nullif(trim(t.${ident(truth.column)}::VARCHAR), '') AS truth
			FROM ${ident(IDENTITY_TABLES.customer)} c
			JOIN ${ident(view.view)} v ON v.record_id = c.record_id
			JOIN ${ident(source.tableName)} t ON t.rowid = v.source_row
			WHERE c.source_id = ${truth.sourceId}`);
	}
	if (parts.length === 0) return null;
	return pairwiseAccuracy(
		db,
		sql`SELECT * FROM (${join(parts, ' UNION ALL ')}) WHERE truth IS NOT NULL`
	);
}
