// Which sources share which identifiers: for each usable e-mail and phone, the set of sources
// holding it; the sets counted give the Venn diagram, and every pair's shared count is the sum
// of the cells containing both. The tricky point: a set is a bit mask of source numbers, sent
// as text (a BIGINT would cross the engine boundary as a double and lose its high bits), and
// decoded here; beyond 62 sources it becomes a sorted text list, slower but unlimited.
import type { Db } from '../db';
import { rowsOf } from '../sql/rows';
import { sql } from '../sql/sql';
import { sourceIdsOf } from './junk';
import type { PlannedSource } from './plan';
import type { Scratch } from './scratch';
import {
	IDENTIFIER_KINDS,
	type IdentifierKind,
	type IdentifierOverlap,
	type SourcePair,
	type VennCell
} from './types';

function pairsOf(
	kind: IdentifierKind,
	venn: readonly VennCell[],
	sources: readonly PlannedSource[]
): SourcePair[] {
	const holders = sources.filter((s) => (kind === 'email' ? s.email : s.phone).length > 0);
	const pairs: SourcePair[] = [];
	holders.forEach((a, i) => {
		for (const b of holders.slice(i + 1)) {
			const [idA, idB] = [a.mapping.sourceId, b.mapping.sourceId];
			const shared = venn
				.filter((cell) => cell.sources.includes(idA) && cell.sources.includes(idB))
				.reduce((sum, cell) => sum + cell.count, 0);
			pairs.push({ a: idA, b: idB, shared });
		}
	});
	return pairs;
}

/** Sources a BIGINT bit mask can hold; more sources fall back to sorted text lists. */
const MASK_SOURCES = 62;

/** The source ids of a set written as a bit mask ('5' = sources 0 and 2). */
export function maskSources(mask: unknown, sources: readonly PlannedSource[]): string[] {
	if (typeof mask !== 'string' || !/^[0-9]+$/.test(mask)) return [];
	const bits = BigInt(mask);
	return sources
		.filter((source) => (bits >> BigInt(source.no)) & 1n)
		.map((source) => source.mapping.sourceId);
}

/** The Venn cells and pair counts of each identifier kind some source maps. */
export async function readOverlaps(
	db: Db,
	scratch: Scratch,
	sources: readonly PlannedSource[]
): Promise<IdentifierOverlap[]> {
	const masked = sources.length <= MASK_SOURCES;
	// A bit mask needs neither de-duplication nor ordering: OR-ing a bit twice changes nothing.
	const members = masked
		? sql`bit_or(1::BIGINT << source_no)::VARCHAR`
		: sql`string_agg(DISTINCT source_no::VARCHAR, ',' ORDER BY source_no::VARCHAR)`;
	const rows = rowsOf(
		await db.query(sql`WITH sets AS (
				SELECT kind, id, ${members} AS members FROM ${scratch.clean} GROUP BY kind, id
			)
			SELECT kind, members, count(*) AS n FROM sets GROUP BY kind, members
			ORDER BY kind, n DESC, members`)
	);
	const decode = (value: unknown) =>
		masked ? maskSources(value, sources) : sourceIdsOf(value, sources);
	return IDENTIFIER_KINDS.filter((kind) =>
		sources.some((s) => (kind === 'email' ? s.email : s.phone).length > 0)
	).map((kind) => {
		const venn = rows
			.filter((row) => row.kind === kind)
			.map((row) => ({ sources: decode(row.members), count: Number(row.n) }));
		return { kind, venn, pairs: pairsOf(kind, venn, sources) };
	});
}
