// When a scored pair is a link, in one place for clustering and for the cohesion check.
import { sql, type Sql } from '../sql/sql';

/**
 * Whether the candidate pair `p` (with `d`, its manual decision, or NULLs) is a link: a decision
 * says so; else a deterministic rule; else the match probability reaching the threshold where
 * the household guard does not hold.
 */
export function isLink(threshold: number, householdGuard: boolean): Sql {
	const model = householdGuard
		? sql`(p.probability >= ${threshold} AND NOT p.household)`
		: sql`p.probability >= ${threshold}`;
	return sql`coalesce(d.same, p.rule IS NOT NULL OR ${model}, FALSE)`;
}
