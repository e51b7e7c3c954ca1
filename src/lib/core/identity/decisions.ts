// Manual decisions: "these two records are the same person" / "they are not". They are kept by
// record id (stable across runs) and re-applied on every run: a "same" pair is always linked, a
// "not the same" pair is never in one customer — the cluster is cut between them. Review-queue
// labels are decisions too, and they measure how precise the model is.
import type { Db } from '../db';
import { rowsOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';
import { IDENTITY_TABLES } from './tables';

export interface Decision {
	recordA: string;
	recordB: string;
	same: boolean;
	/** Where it was made: on a customer's page, or in the review queue. */
	origin: 'manual' | 'review';
	decidedAt: number;
}

const decisions = ident(IDENTITY_TABLES.decision);

/** Now, to the millisecond, as a TIMESTAMP literal (UTC; the wasm build has no time zones). */
function timestampNow(): string {
	return new Date().toISOString().replace('T', ' ').replace('Z', '');
}

export async function ensureDecisionTable(db: Db): Promise<void> {
	await db.exec(sql`CREATE TABLE IF NOT EXISTS ${decisions} (
		record_a VARCHAR NOT NULL,
		record_b VARCHAR NOT NULL,
		same BOOLEAN NOT NULL,
		origin VARCHAR NOT NULL,
		decided_at TIMESTAMP NOT NULL,
		PRIMARY KEY (record_a, record_b)
	)`);
}

/** Saves (or replaces) the decision on a pair of records, whichever order they are given in. */
export async function saveDecision(
	db: Db,
	recordA: string,
	recordB: string,
	same: boolean,
	origin: Decision['origin'] = 'manual'
): Promise<void> {
	if (recordA === recordB) throw new Error('A record is always the same person as itself.');
	await ensureDecisionTable(db);
	const [a, b] = recordA < recordB ? [recordA, recordB] : [recordB, recordA];
	await db.exec(sql`INSERT OR REPLACE INTO ${decisions}
		VALUES (${a}, ${b}, ${same}, ${origin}, ${timestampNow()}::TIMESTAMP)`);
}

export async function removeDecision(db: Db, recordA: string, recordB: string): Promise<void> {
	await ensureDecisionTable(db);
	const [a, b] = recordA < recordB ? [recordA, recordB] : [recordB, recordA];
	await db.exec(sql`DELETE FROM ${decisions} WHERE record_a = ${a} AND record_b = ${b}`);
}

export async function listDecisions(db: Db): Promise<Decision[]> {
	await ensureDecisionTable(db);
	return rowsOf(
		await db.query(sql`SELECT * FROM ${decisions} ORDER BY decided_at DESC, record_a, record_b`)
	).map((row) => ({
		recordA: String(row.record_a),
		recordB: String(row.record_b),
		same: row.same === true,
		origin: row.origin === 'review' ? 'review' : 'manual',
		decidedAt: Number(row.decided_at)
	}));
}

/** The decisions on records of this run, by rid: columns l, r (l < r) and same. */
export function decidedPairs(): ReturnType<typeof sql> {
	const { record } = IDENTITY_TABLES;
	return sql`SELECT least(a.rid, b.rid) AS l, greatest(a.rid, b.rid) AS r, d.same
		FROM ${decisions} d
		JOIN ${ident(record)} a ON a.record_id = d.record_a
		JOIN ${ident(record)} b ON b.record_id = d.record_b`;
}

/** When the last decision was made (ms), or null when none was. */
export async function decisionsChangedAt(db: Db): Promise<number | null> {
	await ensureDecisionTable(db);
	const [row] = rowsOf(
		await db.query(sql`SELECT max(decided_at) AS at FROM ${ident(IDENTITY_TABLES.decision)}`)
	);
	return row?.at === null || row?.at === undefined ? null : Number(row.at);
}
