// A segment's definition as a standalone SQL file that runs on DuckDB against Concord's exported
// tables (the 360° customer table, the events, the indicators when the rule reads them): the
// same predicate the workspace counts with, on other table names, values written as escaped
// literals since a file has no bound parameters, the as-of date written out. A header comment
// names the segment, its description and the tables the query expects. The tricky point is the
// header: names and descriptions are free text, so every line of them is its own `--` comment
// and no line break can end the comment early. Lifecycle movers are read from the workspace's
// own tables and are refused here.
import type { IndicatorFilter } from '../indicators/members';
import { ident, sql, type Sql } from '../sql/sql';
import { fromWhere, readsIndicators, someCondition, type SqlTarget } from './compile';
import type { SegmentDefinition } from './definition';
import { checkRule, type CheckedRule, type RuleContext, type RuleError } from './validate';

export interface StandaloneTables {
	/** The exported 360° table, one row per customer (default 'customer_360'). */
	customers?: string;
	/** The exported events, with cc_event's columns (default 'events'). */
	events?: string;
	/** The exported indicators, one row per customer (default 'indicators'). */
	indicators?: string;
}

export type StandaloneResult = { ok: true; text: string } | { ok: false; errors: RuleError[] };

function indicatorIds(table: string) {
	return (filter: IndicatorFilter): Sql => {
		if (filter.kind === 'rfm-cell') {
			return sql`SELECT customer_id FROM ${ident(table)}
				WHERE r_score = ${filter.r} AND f_score = ${filter.f}`;
		}
		if (filter.kind === 'rfm-segment') {
			return sql`SELECT customer_id FROM ${ident(table)} WHERE rfm_segment = ${filter.segment}`;
		}
		// Refused before (see lifecycleMovers): no customer.
		return sql`SELECT NULL::VARCHAR AS customer_id WHERE false`;
	};
}

/** Paths of the lifecycle movers conditions (in referenced segments: the referring one). */
function lifecycleMovers(rule: CheckedRule, path: number[], at: number[] | null): number[][] {
	switch (rule.kind) {
		case 'group':
			return rule.children.flatMap((child, i) => lifecycleMovers(child, [...path, i], at));
		case 'indicator':
			return rule.filter.kind === 'lifecycle-shift' ? [at ?? path] : [];
		case 'segment':
			return lifecycleMovers(rule.rule, path, at ?? path);
		default:
			return [];
	}
}

function referenced(rule: CheckedRule): string[] {
	if (rule.kind === 'group') return rule.children.flatMap(referenced);
	if (rule.kind === 'segment') return [rule.segment.name, ...referenced(rule.rule)];
	return [];
}

/** Free text as comment lines: each line of it after `-- `, no line break left inside. */
function commentLines(text: string): string[] {
	return text
		.replaceAll('\u0000', '')
		.split(/\r\n|[\n\r\v\f\u0085\u2028\u2029]/)
		.map((line) => `-- ${line}`.trimEnd());
}

function header(
	segment: SegmentDefinition,
	rule: CheckedRule,
	asOf: string | null,
	tables: string[][]
): string {
	const used = [...new Set(referenced(rule))];
	return [
		...commentLines(`Concord segment: ${segment.name}`),
		...(segment.description.trim() ? commentLines(segment.description) : []),
		...(asOf
			? [`-- Customers as of ${asOf}: relative dates and events count up to that day.`]
			: []),
		...(used.length > 0 ? commentLines(`Includes the rules of: ${used.join(', ')}`) : []),
		'-- Runs on DuckDB against these tables exported from Concord:',
		...tables.flatMap(([name, what]) => commentLines(`  ${name}: ${what}`))
	].join('\n');
}

/** The segment as a DuckDB query of its customers' rows (every column of the 360° table). */
export function standaloneSql(
	segment: SegmentDefinition,
	context: RuleContext,
	names: StandaloneTables = {}
): StandaloneResult {
	const checked = checkRule(segment.rule, { ...context, segmentId: segment.id });
	if (!checked.ok) return checked;
	const movers = lifecycleMovers(checked.rule, [], null);
	if (movers.length > 0) {
		return {
			ok: false,
			errors: movers.map((path) => ({
				path,
				message: 'Lifecycle movers cannot be exported as standalone SQL yet'
			}))
		};
	}
	const tables = {
		customers: names.customers ?? 'customer_360',
		events: names.events ?? 'events',
		indicators: names.indicators ?? 'indicators'
	};
	const target: SqlTarget = {
		tables,
		asOf: context.asOf,
		indicatorIds: indicatorIds(tables.indicators),
		// The exported customer table has no activity days: behaviour reads the events.
		activity: false,
		// An events table of production need not keep the flag: sales are read from the types.
		saleFlag: false
	};
	const expected = [[tables.customers, 'the 360° customer table, one row per customer']];
	if (someCondition(checked.rule, (c) => c.kind === 'behaviour')) {
		expected.push([tables.events, 'the events (customer_id, status, kind, event_at, order_key…)']);
	}
	if (someCondition(checked.rule, (c) => c.kind === 'indicator' || readsIndicators(c))) {
		expected.push([tables.indicators, 'the indicators, one row per customer']);
	}
	const head = header(segment, checked.rule, context.asOf, expected);
	const query = sql`SELECT c.* ${fromWhere(checked.rule, target)}
ORDER BY c.customer_id;`;
	return { ok: true, text: `${head}\n${query.text}\n` };
}
