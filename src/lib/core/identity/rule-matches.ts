// Which deterministic rule, if any, each candidate pair meets: the first in the user's order.
// The rule's pairs were generated as a blocking rule of their own, so a pair meets the rule
// exactly when that blocking rule's bit is set in its `rules` mask.
import type { Db } from '../db';
import { ident, join, sql } from '../sql/sql';
import type { BlockingRule } from './blocking';
import { IDENTITY_TABLES } from './tables';
import type { MatchRule } from './types';

/** Adds `rule` (the id of the first deterministic rule the pair meets, or NULL) to the pair table. */
export async function markRuleMatches(
	db: Db,
	usable: readonly BlockingRule[],
	rules: readonly MatchRule[]
): Promise<void> {
	const pair = ident(IDENTITY_TABLES.pair);
	const cases = rules.flatMap((rule) => {
		const bit = usable.findIndex((b) => b.id === `rule:${rule.id}`);
		return bit < 0 ? [] : [sql`WHEN rules & (1::BIGINT << ${bit}) <> 0 THEN ${rule.id}`];
	});
	const rule = cases.length > 0 ? sql`CASE ${join(cases, ' ')} END` : sql`NULL::VARCHAR`;
	await db.exec(sql`ALTER TABLE ${pair} ADD COLUMN IF NOT EXISTS rule VARCHAR`);
	await db.exec(sql`UPDATE ${pair} SET rule = ${rule}`);
}
