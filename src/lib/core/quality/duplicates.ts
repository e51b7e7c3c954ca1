// Duplicate rates on normalised identifiers among profile records: within each profile source,
// and over all profile sources together (the same e-mail in the CRM and the e-shop is then a
// duplicate too). Junk is already removed, so a placeholder shared by 900 records does not
// make the CRM look 900 times duplicated. The tricky point: both scopes run as one query by
// stacking the identifiers twice — once under their source's number, once under scope -1 —
// with a record known by (source, record number) so that records of different sources never
// merge by accident.
import type { Db } from '../db';
import { rowsOf, type Row } from '../sql/rows';
import { join, sql } from '../sql/sql';
import type { PlannedSource } from './plan';
import type { Scratch } from './scratch';
import { IDENTIFIER_KINDS, type DuplicateStats, type SourceDuplicates } from './types';

const OVERALL = -1;

function statsOf(rows: readonly Row[], scope: number): DuplicateStats[] {
	return IDENTIFIER_KINDS.map((kind) => {
		const row = rows.find((r) => Number(r.scope) === scope && r.kind === kind);
		const records = Number(row?.records ?? 0);
		const recordsSharing = Number(row?.sharing ?? 0);
		return {
			kind,
			records,
			identifiers: Number(row?.identifiers ?? 0),
			sharedIdentifiers: Number(row?.shared ?? 0),
			recordsSharing,
			rate: records > 0 ? recordsSharing / records : 0
		};
	});
}

/** Duplicate figures per profile source (kinds it maps) and over all profile sources. */
export async function readDuplicates(
	db: Db,
	scratch: Scratch,
	sources: readonly PlannedSource[]
): Promise<{ sources: SourceDuplicates[]; overall: DuplicateStats[] }> {
	const profiles = sources.filter((source) => source.mapping.kind === 'profile');
	if (profiles.length === 0) return { sources: [], overall: [] };
	const nos = join(profiles.map((source) => sql`${source.no}`));
	const rows = rowsOf(
		await db.query(sql`WITH profile_ids AS (
				SELECT * FROM ${scratch.clean} WHERE source_no IN (${nos})
			), scoped AS (
				SELECT source_no AS scope, source_no, record_no, kind, id FROM profile_ids
				UNION ALL
				SELECT ${OVERALL}, source_no, record_no, kind, id FROM profile_ids
			), per_id AS (
				SELECT scope, kind, id, count(*) AS holders FROM scoped GROUP BY ALL
			), per_record AS (
				SELECT s.scope, s.kind, s.source_no, s.record_no, max(p.holders) AS holders
				FROM scoped s JOIN per_id p USING (scope, kind, id) GROUP BY ALL
			), record_stats AS (
				SELECT scope, kind, count(*) AS records, count(*) FILTER (WHERE holders > 1) AS sharing
				FROM per_record GROUP BY ALL
			), id_stats AS (
				SELECT scope, kind, count(*) AS identifiers, count(*) FILTER (WHERE holders > 1) AS shared
				FROM per_id GROUP BY ALL
			)
			SELECT * FROM record_stats JOIN id_stats USING (scope, kind)`)
	);
	const mapsKind = (source: PlannedSource, kind: DuplicateStats['kind']) =>
		(kind === 'email' ? source.email : source.phone).length > 0;
	return {
		sources: profiles.map((source) => ({
			sourceId: source.mapping.sourceId,
			stats: statsOf(rows, source.no).filter((stats) => mapsKind(source, stats.kind))
		})),
		overall: statsOf(rows, OVERALL).filter((stats) =>
			profiles.some((source) => mapsKind(source, stats.kind))
		)
	};
}
