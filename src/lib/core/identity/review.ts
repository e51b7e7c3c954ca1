// The review queue: the pairs the model is least sure about — scored nearest the threshold, on
// either side — that nobody has labelled yet and no rule settles, for a person to label quickly
// as the same person or not. Labels are decisions (origin 'review').
import type { Db } from '../db';
import { rowsOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';
import { decidedPairs, ensureDecisionTable } from './decisions';
import { recordDetails, type RecordDetail } from './record-details';
import { IDENTITY_TABLES } from './tables';

export interface ReviewPair {
	recordA: RecordDetail;
	recordB: RecordDetail;
	probability: number;
	/** Whether the pair is currently a link (at or above the threshold, no guard). */
	linked: boolean;
}

export async function reviewQueue(db: Db, threshold: number, limit = 20): Promise<ReviewPair[]> {
	const { pair, record } = IDENTITY_TABLES;
	await ensureDecisionTable(db);
	// Distance on the log-odds scale: 0.49 and 0.51 are close, 0.98 and 0.999 are not.
	const logit = (p: number) => Math.log2(p / (1 - p));
	const rows = rowsOf(
		await db.query(sql`WITH d AS (${decidedPairs()})
			SELECT ra.record_id AS a, rb.record_id AS b, p.probability, p.household
			FROM ${ident(pair)} p
			JOIN ${ident(record)} ra ON ra.rid = p.l JOIN ${ident(record)} rb ON rb.rid = p.r
			LEFT JOIN d USING (l, r)
			WHERE d.same IS NULL AND p.rule IS NULL AND NOT p.household
			ORDER BY abs(p.weight - ${logit(threshold)}), p.l, p.r LIMIT ${limit}`)
	);
	const details = await recordDetails(
		db,
		rows.flatMap((row) => [String(row.a), String(row.b)])
	);
	const byId = new Map(details.map((d) => [d.recordId, d]));
	return rows.flatMap((row) => {
		const a = byId.get(String(row.a));
		const b = byId.get(String(row.b));
		if (!a || !b) return [];
		const probability = Number(row.probability);
		return [{ recordA: a, recordB: b, probability, linked: probability >= threshold }];
	});
}
