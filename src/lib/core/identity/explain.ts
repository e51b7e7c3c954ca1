// Why a customer is who they are: its records side by side, every pair of them compared field by
// field with each comparison's contribution to the match weight (the waterfall: the prior, then
// one step per comparison, then the total), which pairs were links and why, and the decisions.
import type { Db } from '../db';
import { rowsOf } from '../sql/rows';
import { ident, join, sql } from '../sql/sql';
import { DIFFERENT } from './comparisons';
import { decidedPairs, ensureDecisionTable } from './decisions';
import { levelWeights } from './em';
import { isLink } from './links';
import { compareCandidates, gammaColumn } from './pairs';
import { recordDetails, type RecordDetail } from './record-details';
import { priorWeight, scorePairs, tfColumn, type ScoringModel } from './score';
import { dropTables, IDENTITY_TABLES } from './tables';

export interface Contribution {
	comparison: string;
	label: string;
	/** The level's name, or null when a record lacks the field. */
	level: string | null;
	/** Bits added to the match weight (term-frequency adjustment included). */
	weight: number;
}

export interface PairExplanation {
	recordA: string;
	recordB: string;
	prior: number;
	contributions: Contribution[];
	weight: number;
	probability: number;
	/** Why the pair is a link: a rule id, 'model', 'decision', or null when it is not one. */
	linkedBy: string | null;
	/** The household guard holds: the pair is never a link by the model. */
	household: boolean;
	decision: boolean | null;
}

export interface CustomerExplanation {
	customerId: string;
	records: RecordDetail[];
	pairs: PairExplanation[];
}

const MEMBERS = 'cc_id_explain_member';
const COMPARED = 'cc_id_explain_pair';
/** Pairs compared at most: a customer of 60 records already has 1,770. */
const MAX_RECORDS = 60;

export async function explainCustomer(
	db: Db,
	customerId: string,
	model: ScoringModel,
	threshold: number
): Promise<CustomerExplanation | null> {
	const { customer, record, pair } = IDENTITY_TABLES;
	const members = rowsOf(
		await db.query(sql`SELECT r.rid, r.record_id FROM ${ident(customer)} c
			JOIN ${ident(record)} r USING (record_id)
			WHERE c.customer_id = ${customerId} ORDER BY r.rid LIMIT ${MAX_RECORDS}`)
	);
	if (members.length === 0) return null;
	const records = await recordDetails(
		db,
		members.map((m) => String(m.record_id))
	);
	await ensureDecisionTable(db);
	await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${ident(MEMBERS)} AS
		SELECT a.rid AS l, b.rid AS r, 0::BIGINT AS rules
		FROM (SELECT r.rid FROM ${ident(customer)} c JOIN ${ident(record)} r USING (record_id)
			WHERE c.customer_id = ${customerId} ORDER BY r.rid LIMIT ${MAX_RECORDS}) a
		JOIN (SELECT r.rid FROM ${ident(customer)} c JOIN ${ident(record)} r USING (record_id)
			WHERE c.customer_id = ${customerId} ORDER BY r.rid LIMIT ${MAX_RECORDS}) b ON a.rid < b.rid`);
	try {
		await compareCandidates(db, model.comparisons, MEMBERS, COMPARED);
		await scorePairs(db, model, COMPARED);
		const tf = model.comparisons
			.filter((c) => c.termFrequency)
			.map(
				(c) => sql`, ra.${ident(tfColumn(c))} AS ${ident(`tf_${c.id}`)},
				(ra.${ident(c.field)} = rb.${ident(c.field)}) AS ${ident(`same_${c.id}`)}`
			);
		const rows = rowsOf(
			await db.query(sql`WITH d AS (${decidedPairs()})
				SELECT m.*, ra.record_id AS record_a, rb.record_id AS record_b, d.same AS decision,
					CASE WHEN d.same THEN 'decision' WHEN p.rule IS NOT NULL AND d.same IS NULL THEN p.rule
						WHEN ${isLink(threshold, true)} THEN 'model' END AS linked_by
					${join(tf, '')}
				FROM ${ident(COMPARED)} m
				JOIN ${ident(record)} ra ON ra.rid = m.l JOIN ${ident(record)} rb ON rb.rid = m.r
				LEFT JOIN ${ident(pair)} p ON p.l = m.l AND p.r = m.r
				LEFT JOIN d ON d.l = m.l AND d.r = m.r
				ORDER BY m.probability DESC`)
		);
		const weights = levelWeights(model.parameters);
		const pairs = rows.map((row): PairExplanation => {
			const contributions = model.comparisons.map((c, i): Contribution => {
				const level = Number(row[gammaColumn(c)] ?? -1);
				if (level < 0) return { comparison: c.id, label: c.label, level: null, weight: 0 };
				let weight = weights[i]?.[level] ?? 0;
				const tf = Number(row[`tf_${c.id}`] ?? 0);
				const exact = model.exactByChance[c.id] ?? 0;
				if (c.termFrequency && level === 0 && row[`same_${c.id}`] === true && tf > 0 && exact > 0) {
					weight += Math.log2(exact / tf);
				}
				return {
					comparison: c.id,
					label: c.label,
					level: c.levels[level]?.label ?? DIFFERENT,
					weight
				};
			});
			return {
				recordA: String(row.record_a),
				recordB: String(row.record_b),
				prior: priorWeight(model.parameters),
				contributions,
				weight: Number(row.weight),
				probability: Number(row.probability),
				linkedBy: row.linked_by === null ? null : String(row.linked_by),
				household: row.household === true,
				decision: row.decision === null ? null : row.decision === true
			};
		});
		return { customerId, records, pairs };
	} finally {
		await dropTables(db, [MEMBERS, COMPARED]);
	}
}
