// Which deterministic rule, if any, each candidate pair meets: the first in the user's order.
// The rule's pairs were generated as a blocking rule of their own, so a pair meets the rule
// exactly when that blocking rule's bit is set in its `rules` mask.
import { join, sql, type Sql } from '../sql/sql';
import type { BlockingRule } from './blocking';
import type { MatchRule } from './types';

/** The id of the first deterministic rule the pair `p` meets, or NULL (a pair table column). */
export function ruleMatchOf(usable: readonly BlockingRule[], rules: readonly MatchRule[]): Sql {
	const cases = rules.flatMap((rule) => {
		const bit = usable.findIndex((b) => b.id === `rule:${rule.id}`);
		return bit < 0 ? [] : [sql`WHEN p.rules & (1::BIGINT << ${bit}) <> 0 THEN ${rule.id}`];
	});
	return cases.length > 0 ? sql`CASE ${join(cases, ' ')} END` : sql`NULL::VARCHAR`;
}
