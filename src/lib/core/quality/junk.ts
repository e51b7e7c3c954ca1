// Junk identifiers: placeholders (test@test.com, 0000000000…) and identifiers held by
// implausibly many records — a store's own phone typed by cashiers, a family mailbox used for
// a whole club. They are reported, and removed (`clean`) before anything counts contacts,
// duplicates or overlaps. The tricky point is what "implausibly many" means: in a profile
// source each record is meant to be a person, so a few records sharing an e-mail are already
// suspicious; in an event source a person has many events, so the bar is much higher.
import type { Db } from '../db';
import { rowsOf } from '../sql/rows';
import { join, sql } from '../sql/sql';
import { placeholderOf } from './identifiers';
import type { PlannedSource } from './plan';
import type { Scratch } from './scratch';
import type { IdentifierKind, JunkIdentifier, JunkReason } from './types';

export interface JunkThresholds {
	/** An identifier held by more profile records of one source than this is junk. */
	crowdedRecords: number;
	/** An identifier on more events of one source than this is junk. */
	crowdedEvents: number;
}

export const DEFAULT_JUNK_THRESHOLDS: JunkThresholds = { crowdedRecords: 10, crowdedEvents: 200 };

/** Fills `junk` from `ids`, then `clean` with the identifiers that are not junk. */
export async function buildJunk(
	db: Db,
	scratch: Scratch,
	sources: readonly PlannedSource[],
	thresholds: JunkThresholds
): Promise<void> {
	const profileNos = sources.filter((s) => s.mapping.kind === 'profile').map((s) => s.no);
	const isProfile =
		profileNos.length > 0
			? sql`source_no IN (${join(profileNos.map((no) => sql`${no}`))})`
			: sql`FALSE`;
	// Junk is judged per source; only the few junk identifiers are then totalled over sources.
	await db.exec(sql`CREATE TEMP TABLE ${scratch.junk} AS
		WITH per_source AS (
			SELECT source_no, kind, id, count(*) AS records FROM ${scratch.ids} GROUP BY ALL
		), judged AS (
			SELECT kind, id, bool_or(placeholder) AS placeholder FROM (
				SELECT kind, id,
					CASE WHEN kind = 'email' THEN ${placeholderOf('email', sql`id`)}
						ELSE ${placeholderOf('phone', sql`id`)} END AS placeholder,
					records > CASE WHEN ${isProfile} THEN ${thresholds.crowdedRecords}
						ELSE ${thresholds.crowdedEvents} END AS crowded
				FROM per_source
			) WHERE placeholder OR crowded GROUP BY kind, id
		)
		SELECT p.kind, p.id, sum(p.records) AS records,
			string_agg(p.source_no::VARCHAR, ',' ORDER BY p.source_no) AS sources,
			CASE WHEN any_value(j.placeholder) THEN 'placeholder' ELSE 'shared' END AS reason
		FROM per_source p JOIN judged j ON j.kind = p.kind AND j.id = p.id
		GROUP BY p.kind, p.id;
		CREATE TEMP TABLE ${scratch.clean} AS
			SELECT * FROM ${scratch.ids} i
			WHERE NOT EXISTS (SELECT 1 FROM ${scratch.junk} j WHERE j.kind = i.kind AND j.id = i.id)`);
}

/** Source numbers written '0,2' back to source ids. */
export function sourceIdsOf(list: unknown, sources: readonly PlannedSource[]): string[] {
	if (typeof list !== 'string' || list === '') return [];
	return list
		.split(',')
		.map((no) => sources[Number(no)]?.mapping.sourceId)
		.filter((id): id is string => id !== undefined);
}

/** The junk identifiers, most used first. */
export async function readJunk(
	db: Db,
	scratch: Scratch,
	sources: readonly PlannedSource[],
	limit: number
): Promise<JunkIdentifier[]> {
	const rows = rowsOf(
		await db.query(sql`SELECT kind, left(id, 200) AS id, records, sources, reason
			FROM ${scratch.junk} ORDER BY records DESC, kind, id LIMIT ${limit}`)
	);
	return rows.map((row) => ({
		kind: (row.kind === 'phone' ? 'phone' : 'email') satisfies IdentifierKind,
		value: String(row.id),
		records: Number(row.records),
		sources: sourceIdsOf(row.sources, sources),
		reason: (row.reason === 'placeholder' ? 'placeholder' : 'shared') satisfies JunkReason
	}));
}
