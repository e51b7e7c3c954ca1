// What a run did, in numbers a marketer reads: records in and customers out, duplicates within
// each source and customers shared between sources, the links by reason, the cluster sizes,
// and how the model's verdicts compare with the pairs people labelled.
import type { Db } from '../db';
import { rowsOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';
import { decidedPairs, ensureDecisionTable } from './decisions';
import { isLink } from './links';
import { IDENTITY_TABLES } from './tables';

export interface SourceMetrics {
	sourceId: string;
	records: number;
	/** Distinct customers among the source's records. */
	customers: number;
	/** Records that are a second (third…) record of a customer within the same source. */
	duplicates: number;
	/** Customers of this source also found in another source. */
	sharedCustomers: number;
}

export interface SourceOverlap {
	a: string;
	b: string;
	customers: number;
}

export interface LabelAgreement {
	/** Labelled pairs the model (before the labels) put together, and how many were right. */
	predictedSame: number;
	correctSame: number;
	/** Labelled "same" pairs, and how many the model had found. */
	labelledSame: number;
	foundSame: number;
	/** correctSame / predictedSame, or null without such labels. */
	precision: number | null;
	recall: number | null;
}

export interface IdentityMetrics {
	records: number;
	customers: number;
	/** Customers with records in two sources or more. */
	multiSourceCustomers: number;
	sources: SourceMetrics[];
	overlaps: SourceOverlap[];
	/** Links by reason: a deterministic rule id, 'model' or 'decision'. */
	links: { reason: string; pairs: number }[];
	/** Customers by number of records. */
	clusterSizes: { size: number; customers: number }[];
	labels: LabelAgreement;
}

export async function identityMetrics(db: Db, threshold: number): Promise<IdentityMetrics> {
	const { customer, pair } = IDENTITY_TABLES;
	const members = ident(customer);
	const [totals] = rowsOf(
		await db.query(sql`SELECT count(*) AS records, count(DISTINCT customer_id) AS customers,
			(SELECT count(*) FROM (SELECT customer_id FROM ${members} GROUP BY customer_id
				HAVING count(DISTINCT source_id) > 1)) AS multi
			FROM ${members}`)
	);
	const sources = rowsOf(
		await db.query(sql`WITH spread AS (
				SELECT customer_id, count(DISTINCT source_id) AS n FROM ${members} GROUP BY customer_id
			)
			SELECT m.source_id, count(*) AS records, count(DISTINCT m.customer_id) AS customers,
				count(DISTINCT m.customer_id) FILTER (WHERE s.n > 1) AS shared
			FROM ${members} m JOIN spread s USING (customer_id)
			GROUP BY m.source_id ORDER BY m.source_id`)
	).map((row) => ({
		sourceId: String(row.source_id),
		records: Number(row.records),
		customers: Number(row.customers),
		duplicates: Number(row.records) - Number(row.customers),
		sharedCustomers: Number(row.shared)
	}));
	const overlaps = rowsOf(
		await db.query(sql`WITH s AS (SELECT DISTINCT source_id, customer_id FROM ${members})
			SELECT a.source_id AS a, b.source_id AS b, count(*) AS customers
			FROM s a JOIN s b ON a.customer_id = b.customer_id AND a.source_id < b.source_id
			GROUP BY ALL ORDER BY a, b`)
	).map((row) => ({ a: String(row.a), b: String(row.b), customers: Number(row.customers) }));
	await ensureDecisionTable(db);
	const links = rowsOf(
		await db.query(sql`WITH d AS (${decidedPairs()}),
			linked AS (
				SELECT CASE WHEN d.same IS NOT NULL THEN 'decision' WHEN p.rule IS NOT NULL THEN p.rule
						ELSE 'model' END AS reason
				FROM ${ident(pair)} p LEFT JOIN d USING (l, r)
				WHERE ${isLink(threshold, true)}
				-- A "same" decision on records no blocking rule paired is a link all the same.
				UNION ALL SELECT 'decision' FROM d WHERE d.same AND NOT EXISTS (
					SELECT 1 FROM ${ident(pair)} p WHERE p.l = d.l AND p.r = d.r)
			)
			SELECT reason, count(*) AS pairs FROM linked
			GROUP BY ALL ORDER BY pairs DESC`)
	).map((row) => ({ reason: String(row.reason), pairs: Number(row.pairs) }));
	const clusterSizes = rowsOf(
		await db.query(sql`SELECT n AS size, count(*) AS customers FROM (
			SELECT count(*) AS n FROM ${members} GROUP BY customer_id) GROUP BY n ORDER BY n`)
	).map((row) => ({ size: Number(row.size), customers: Number(row.customers) }));
	return {
		records: Number(totals?.records ?? 0),
		customers: Number(totals?.customers ?? 0),
		multiSourceCustomers: Number(totals?.multi ?? 0),
		sources,
		overlaps,
		links,
		clusterSizes,
		labels: await labelAgreement(db, threshold)
	};
}

/** The model's own verdict on the labelled pairs (rules and threshold, before the labels). */
async function labelAgreement(db: Db, threshold: number): Promise<LabelAgreement> {
	const { pair } = IDENTITY_TABLES;
	const [row] = rowsOf(
		await db.query(sql`WITH d AS (${decidedPairs()}),
			judged AS (
				SELECT d.same, coalesce(p.rule IS NOT NULL
					OR (p.probability >= ${threshold} AND NOT p.household), FALSE) AS predicted
				FROM d LEFT JOIN ${ident(pair)} p USING (l, r)
			)
			SELECT count(*) FILTER (WHERE predicted) AS predicted_same,
				count(*) FILTER (WHERE predicted AND same) AS correct_same,
				count(*) FILTER (WHERE same) AS labelled_same,
				count(*) FILTER (WHERE same AND predicted) AS found_same
			FROM judged`)
	);
	const predictedSame = Number(row?.predicted_same ?? 0);
	const correctSame = Number(row?.correct_same ?? 0);
	const labelledSame = Number(row?.labelled_same ?? 0);
	const foundSame = Number(row?.found_same ?? 0);
	return {
		predictedSame,
		correctSame,
		labelledSame,
		foundSame,
		precision: predictedSame > 0 ? correctSame / predictedSame : null,
		recall: labelledSame > 0 ? foundSame / labelledSame : null
	};
}
