// Cohesion of clusters: connected components chain records together through single links, so
// one weak or wrong link (a family e-mail, a namesake in the same town) can join two people.
// Each cluster of three or more records is therefore checked on all of its member pairs: when two
// of its records are plainly two people (first names and birth dates both plainly different),
// the cluster is cut at its weakest link that separates them; a conflict held together by strong
// links only is flagged for review instead. Clusters too big to check pair by pair are flagged.
import type { Db } from '../db';
import { rowsOf } from '../sql/rows';
import { ident, join, sql } from '../sql/sql';
import { compareCandidates } from './pairs';
import { isLink } from './links';
import { CONFLICT_COMPARISONS, conflictPair, type ScoringModel } from './score';
import { dropTables, IDENTITY_TABLES } from './tables';

const MEMBERS = 'cc_id_member';
const MEMBER_CANDIDATES = 'cc_id_member_candidate';
const MEMBER_PAIRS = 'cc_id_member_pair';
/** Rows written back per statement. */
const BATCH = 2000;

export interface CohesionResult {
	/** Clusters checked pair by pair. */
	checked: number;
	/** Clusters that were split, and the clusters they became. */
	split: number;
	parts: number;
	/** Clusters holding a conflict that no weak link separates: left whole, for review. */
	flagged: number;
	/** Clusters too big to check, by record count, largest first. */
	oversized: number[];
}

/** One pair of records of a cluster, as the cut sees it. */
export interface MemberPair {
	l: number;
	r: number;
	/** Its match probability; 0 for a pair that was no candidate (never a link a cut weighs). */
	p: number;
	/** A link: the pair alone would join the two records. */
	link: boolean;
	/** A link no cut may undo (a manual "same" decision). */
	kept: boolean;
	/** A link by a deterministic rule: only a manual decision may cut it. */
	byRule: boolean;
	/** The two are two people: 'data' (first names and birth dates both plainly different) or 'decided'. */
	conflict: 'data' | 'decided' | null;
}

/** Links stronger than this are never cut for a conflict in the data, only for a decision. */
const STRONG_LINK = 0.99;

/** The groups of `members` connected by `links`, as a map rid → smallest rid of its group. */
function groupsOf(members: readonly number[], links: readonly MemberPair[]): Map<number, number> {
	const parent = new Map(members.map((rid) => [rid, rid]));
	const find = (x: number): number => {
		let root = x;
		while (parent.get(root) !== root) root = parent.get(root) ?? root;
		parent.set(x, root);
		return root;
	};
	for (const { l, r } of links) {
		const a = find(l);
		const b = find(r);
		if (a !== b) parent.set(Math.max(a, b), Math.min(a, b));
	}
	return new Map(members.map((rid) => [rid, find(rid)]));
}

function cuttable(link: MemberPair, conflicts: readonly MemberPair[]): boolean {
	if (link.kept) return false;
	if (conflicts.some((c) => c.conflict === 'decided')) return true;
	return !link.byRule && link.p < STRONG_LINK;
}

/**
 * Splits one cluster at its weak points: while two of its records are a conflict and are joined,
 * the weakest cuttable link whose removal separates a conflicting pair is cut. A cluster whose
 * conflicts no such link separates stays whole and is reported as flagged.
 */
export function splitAtWeakLinks(
	members: readonly number[],
	pairs: readonly MemberPair[]
): { labels: Map<number, number>; flagged: boolean } {
	const conflicts = pairs.filter((p) => p.conflict !== null);
	let links = pairs.filter((p) => p.link && (p.conflict === null || p.kept));
	const conflicted = (groups: Map<number, number>) =>
		conflicts.filter((c) => groups.get(c.l) === groups.get(c.r));
	let groups = groupsOf(members, links);
	for (;;) {
		const open = conflicted(groups);
		if (open.length === 0) return { labels: groups, flagged: false };
		const weak = links.filter((link) => cuttable(link, open)).sort((a, b) => a.p - b.p);
		let cut = false;
		for (const link of weak) {
			const without = links.filter((other) => other !== link);
			const next = groupsOf(members, without);
			if (next.get(link.l) === next.get(link.r)) continue;
			if (conflicted(next).length >= open.length) continue;
			links = without;
			groups = next;
			cut = true;
			break;
		}
		if (!cut) return { labels: groups, flagged: true };
	}
}

export async function splitLooseClusters(
	db: Db,
	model: ScoringModel,
	threshold: number,
	householdGuard: boolean,
	maxSize = 200
): Promise<CohesionResult> {
	const { cluster, pair } = IDENTITY_TABLES;
	const sizes = rowsOf(
		await db.query(sql`SELECT label, count(*) AS n FROM ${ident(cluster)} GROUP BY label
			HAVING count(*) >= 3 ORDER BY n DESC`)
	).map((row) => ({ label: Number(row.label), n: Number(row.n) }));
	const oversized = sizes.filter((s) => s.n > maxSize).map((s) => s.n);
	const checked = sizes.filter((s) => s.n <= maxSize);
	if (checked.length === 0) return { checked: 0, split: 0, parts: 0, flagged: 0, oversized };
	// Member pairs that were candidate pairs were compared and scored with the same model
	// already. The others are no link but for a decision, which no cut undoes, so they only
	// need telling whether they are a conflict.
	await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${ident(MEMBERS)} AS
		WITH c AS (
			SELECT node, label FROM ${ident(cluster)} WHERE label IN (
				SELECT label FROM ${ident(cluster)} GROUP BY label HAVING count(*) BETWEEN 3 AND ${maxSize})
		)
		SELECT a.label, a.node AS l, b.node AS r FROM c a JOIN c b ON a.label = b.label AND a.node < b.node`);
	await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${ident(MEMBER_CANDIDATES)} AS
		SELECT l, r, 0::BIGINT AS rules FROM ${ident(MEMBERS)} ANTI JOIN ${ident(pair)} USING (l, r)`);
	// A member pair that was no candidate is compared only on what conflictPair reads.
	const conflictComparisons = model.comparisons.filter((c) => CONFLICT_COMPARISONS.includes(c.id));
	await compareCandidates(db, conflictComparisons, MEMBER_CANDIDATES, MEMBER_PAIRS);
	const unlike = sql`CASE WHEN p.l IS NULL THEN ${conflictPair(model.comparisons, sql`m`)}
		ELSE ${conflictPair(model.comparisons, sql`p`)} END`;
	const rows = rowsOf(
		await db.query(sql`SELECT x.label, x.l, x.r, coalesce(p.probability, 0) AS p,
				${isLink(threshold, householdGuard)} AS link,
				coalesce(d.same, FALSE) AS kept, p.rule IS NOT NULL AS by_rule,
				CASE WHEN d.same = FALSE THEN 'decided' WHEN ${unlike} AND d.same IS NULL THEN 'data' END AS conflict
			FROM ${ident(MEMBERS)} x
			LEFT JOIN ${ident(pair)} p ON p.l = x.l AND p.r = x.r
			LEFT JOIN ${ident(MEMBER_PAIRS)} m ON m.l = x.l AND m.r = x.r
			LEFT JOIN cc_id_decided d ON d.l = x.l AND d.r = x.r
			ORDER BY x.label, x.l, x.r`)
	);
	await dropTables(db, [MEMBERS, MEMBER_CANDIDATES, MEMBER_PAIRS]);
	const byLabel = new Map<number, MemberPair[]>();
	for (const row of rows) {
		const label = Number(row.label);
		const list = byLabel.get(label) ?? [];
		list.push({
			l: Number(row.l),
			r: Number(row.r),
			p: Number(row.p),
			link: row.link === true,
			kept: row.kept === true,
			byRule: row.by_rule === true,
			conflict: row.conflict === 'decided' || row.conflict === 'data' ? row.conflict : null
		});
		byLabel.set(label, list);
	}
	const relabelled: [number, number][] = [];
	let split = 0;
	let parts = 0;
	let flagged = 0;
	for (const [, pairs] of byLabel) {
		const members = [...new Set(pairs.flatMap((p) => [p.l, p.r]))];
		const result = splitAtWeakLinks(members, pairs);
		if (result.flagged) flagged++;
		const distinct = new Set(result.labels.values()).size;
		if (distinct === 1) continue;
		split++;
		parts += distinct;
		for (const [rid, label] of result.labels) relabelled.push([rid, label]);
	}
	for (let i = 0; i < relabelled.length; i += BATCH) {
		const values = relabelled.slice(i, i + BATCH).map(([rid, label]) => sql`(${rid}, ${label})`);
		await db.exec(sql`UPDATE ${ident(cluster)} SET label = v.label
			FROM (VALUES ${join(values)}) v(node, label) WHERE ${ident(cluster)}.node = v.node`);
	}
	return { checked: checked.length, split, parts, flagged, oversized };
}
