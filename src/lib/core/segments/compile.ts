// A segment's rule tree as one SQL query of its customers' ids:
//   SELECT c.customer_id FROM cc_customer_360 c [LEFT JOIN cc_indicator i USING (customer_id)]
//   WHERE <predicate>
// Every leaf is a predicate that is TRUE or FALSE, never NULL (see test-sql), so AND, OR and NOT
// of groups follow two-valued logic and NOT (e-mail contains x) holds the customers without an
// e-mail. An empty AND group is everyone (TRUE), an empty OR group no one (FALSE): the neutral
// element of each, so adding a first condition narrows or widens from there. A referenced
// segment's rule is inlined as its predicate, checked for loops first (validate.ts). Problems
// are values (RuleError), never exceptions; identifiers are quoted by ident, values escaped by
// sql.
import { memberIds } from '../indicators/members';
import { ACTIVITY_COLUMN } from '../customer360/activity-days';
import { C360_TABLES } from '../customer360/tables';
import { PURCHASE_CATEGORY_TABLE } from '../customer360/purchase-categories';
import { INDICATOR_TABLES } from '../indicators/tables';
import type { IndicatorFilter } from '../indicators/members';
import { empty, ident, join, sql, type Sql } from '../sql/sql';
import { behaviourSql } from './behaviour-sql';
import type { Rule, SegmentDefinition } from './definition';
import { testSql } from './test-sql';
import type { FieldCatalogue } from './fields';
import { checkRule, type CheckedRule, type RuleContext, type RuleError } from './validate';

export type { RuleContext, RuleError };

/** The tables a compiled rule reads. */
export interface SegmentTables {
	customers: string;
	indicators: string;
	events: string;
}

export const WORKSPACE_TABLES: SegmentTables = {
	customers: C360_TABLES.customer,
	indicators: INDICATOR_TABLES.customer,
	events: C360_TABLES.event
};

/** The customers a rule selects as parts: `FROM customers c [LEFT JOIN …]` and a predicate. */
export interface Selection {
	from: Sql;
	/** TRUE or FALSE for each customer row, never NULL. */
	where: Sql;
}

export type CompileResult =
	| { ok: true; sql: Sql; selection: Selection; rule: CheckedRule; target: SqlTarget }
	| { ok: false; errors: RuleError[] };

/** Where a checked rule is written for: the tables, the as-of date, the indicator marks' ids. */
export interface SqlTarget {
	tables: SegmentTables;
	asOf: string | null;
	indicatorIds(filter: IndicatorFilter): Sql;
	/** Whether the customer table holds activity days (behaviour counts read them first). */
	activity: boolean;
	/** Whether the events keep each line's sale flag (the workspace's do, see EventReading). */
	saleFlag: boolean;
	/** Where event-reading conditions' counts may be kept between counts (condition-memo.ts). */
	memo?: (counts: Sql) => Sql;
	/** The table of the categories customers bought, when kept (purchase-categories.ts). */
	purchaseCategories?: string | null;
}

const WORKSPACE_TARGET = (asOf: string | null, fields: FieldCatalogue): SqlTarget => ({
	tables: WORKSPACE_TABLES,
	asOf,
	indicatorIds: memberIds,
	activity: fields.activity === true,
	saleFlag: true,
	purchaseCategories: fields.purchaseCategories === true ? PURCHASE_CATEGORY_TABLE : null
});

/** The predicate of a checked rule on the customer row `c` (and its indicators `i`). */
export function predicateOf(rule: CheckedRule, target: SqlTarget): Sql {
	switch (rule.kind) {
		case 'group': {
			const children = rule.children.map((child) => predicateOf(child, target));
			const joined =
				children.length === 0
					? sql`${rule.combinator === 'and'}`
					: sql`(${join(children, rule.combinator === 'and' ? ' AND ' : ' OR ')})`;
			return rule.negate ? sql`(NOT ${joined})` : joined;
		}
		case 'attribute': {
			const table = rule.field.table === 'indicator' ? sql`i` : sql`c`;
			return testSql(sql`${table}.${ident(rule.field.name)}`, rule.test, target.asOf);
		}
		case 'behaviour':
			return behaviourSql(rule, sql`c.customer_id`, target.tables.events, target.asOf ?? '', {
				days: target.activity ? sql`c.${ident(ACTIVITY_COLUMN)}` : null,
				memo: target.memo,
				sale: target.saleFlag,
				categories: target.purchaseCategories ?? null
			});
		case 'indicator':
			return sql`coalesce(c.customer_id IN (${target.indicatorIds(rule.filter)}), false)`;
		case 'segment':
			return predicateOf(rule.rule, target);
	}
}

/** Whether a condition of the rule (referenced segments' included) passes `test`. */
export function someCondition(
	rule: CheckedRule,
	test: (condition: CheckedRule) => boolean
): boolean {
	if (rule.kind === 'group') return rule.children.some((child) => someCondition(child, test));
	if (rule.kind === 'segment') return someCondition(rule.rule, test);
	return test(rule);
}

/** Whether the rule reads indicator columns (the query then joins the indicator table). */
export function readsIndicators(rule: CheckedRule): boolean {
	return someCondition(rule, (c) => c.kind === 'attribute' && c.field.table === 'indicator');
}

/** `FROM customers c [LEFT JOIN indicators i …]` and the rule's predicate. */
export function selectionOf(rule: CheckedRule, target: SqlTarget): Selection {
	const indicators = readsIndicators(rule)
		? sql` LEFT JOIN ${ident(target.tables.indicators)} i USING (customer_id)`
		: empty;
	return {
		from: sql`FROM ${ident(target.tables.customers)} c${indicators}`,
		where: predicateOf(rule, target)
	};
}

/** `FROM customers c [LEFT JOIN indicators i …] WHERE predicate`. */
export function fromWhere(rule: CheckedRule, target: SqlTarget): Sql {
	const { from, where } = selectionOf(rule, target);
	return sql`${from}
WHERE ${where}`;
}

/**
 * The ids of the customers the rule selects in the workspace, or why it cannot. `memo` keeps
 * the counts of conditions that read the events between counts (condition-memo.ts).
 */
export function compileRule(
	rule: Rule,
	context: RuleContext,
	memo?: (counts: Sql) => Sql
): CompileResult {
	const checked = checkRule(rule, context);
	if (!checked.ok) return checked;
	const target = { ...WORKSPACE_TARGET(context.asOf, context.fields), memo };
	const selection = selectionOf(checked.rule, target);
	return {
		ok: true,
		sql: sql`SELECT c.customer_id ${selection.from}
WHERE ${selection.where}`,
		selection,
		rule: checked.rule,
		target
	};
}

/** A saved segment's customers: its rule, which must not refer back to the segment. */
export function compileSegment(segment: SegmentDefinition, context: RuleContext): CompileResult {
	return compileRule(segment.rule, { ...context, segmentId: segment.id });
}
