// A reference evaluator of rule trees in TypeScript: given the customers' rows, their
// indicators and their events as plain objects, the ids of the customers a rule selects, with
// the semantics the SQL compiler gives DuckDB (see rules.ts, test-sql.ts, behaviour-sql.ts),
// written the plain way, customer by customer. The property tests hold the compiler to it over
// random data and rules. The rule is checked by the same validate.ts, so both refuse alike.
// Lifecycle movers need the workspace's lifecycle settings and history and are not evaluated.
import type { Rule } from './definition';
import { dayNumber, passes, type CellValue } from './reference-values';
import type { CheckedBehaviour, CheckedRule, RuleContext, RuleError } from './validate';
import { checkRule } from './validate';

export type { CellValue };
export type DataRow = Readonly<Record<string, CellValue>>;

export interface ReferenceData {
	/** Rows of cc_customer_360 (customer_id and the fields the rules use). */
	customers: readonly DataRow[];
	/** Rows of cc_indicator, one per customer ([] when not computed). */
	indicators: readonly DataRow[];
	/** Rows of cc_event. */
	events: readonly DataRow[];
}

export type ReferenceResult = { ok: true; ids: string[] } | { ok: false; errors: RuleError[] };

/** Words of a cancelled or refunded order's type, as event-types.ts reads them. */
const CANCELLED = /(cancel|annul|refund|rembours|void|return|retour)/;

const lower = (value: CellValue) =>
	value === null || value === undefined ? null : String(value).toLowerCase();

function behaviourCounts(b: CheckedBehaviour, events: readonly DataRow[], asOfDay: number) {
	const orders = new Map<string, Set<string>>();
	const counts = new Map<string, number>();
	for (const e of events) {
		const customer = e.customer_id;
		const day = dayNumber(e.event_at);
		if (e.status !== 'linked' || customer === null || customer === undefined) continue;
		if (e.event_at !== null && e.event_at !== undefined && (day === null || day > asOfDay))
			continue;
		if (e.kind !== b.event) continue;
		if (b.event === 'purchase') {
			const type = lower(e.event_type);
			if (
				(type !== null && CANCELLED.test(type)) ||
				e.order_key === null ||
				e.order_key === undefined
			) {
				continue;
			}
		}
		if (b.eventType !== null && lower(e.event_type) !== b.eventType.toLowerCase()) continue;
		if (!b.where.every((f) => passes(e[f.field], f.test, asOfDay))) continue;
		const w = b.window;
		if (w.kind !== 'ever') {
			const from = w.kind === 'last-days' ? asOfDay - w.days : (dayNumber(w.from) ?? NaN);
			const to = w.kind === 'between' ? (dayNumber(w.to) ?? NaN) : Infinity;
			if (day === null || day < from || day > to) continue;
		}
		const id = String(customer);
		if (b.event === 'purchase') {
			const keys = orders.get(id) ?? new Set<string>();
			keys.add(String(e.order_key));
			orders.set(id, keys);
		} else {
			counts.set(id, (counts.get(id) ?? 0) + 1);
		}
	}
	for (const [id, keys] of orders) counts.set(id, keys.size);
	return counts;
}

interface Evaluation {
	data: ReferenceData;
	indicators: Map<string, DataRow>;
	asOfDay: number;
	counts: Map<CheckedBehaviour, Map<string, number>>;
}

function holds(rule: CheckedRule, customer: DataRow, ev: Evaluation): boolean {
	const id = String(customer.customer_id);
	switch (rule.kind) {
		case 'group': {
			const test = (child: CheckedRule) => holds(child, customer, ev);
			const result =
				rule.combinator === 'and' ? rule.children.every(test) : rule.children.some(test);
			return rule.negate ? !result : result;
		}
		case 'attribute': {
			const row = rule.field.table === 'indicator' ? ev.indicators.get(id) : customer;
			return passes(row?.[rule.field.name], rule.test, ev.asOfDay);
		}
		case 'behaviour': {
			let counts = ev.counts.get(rule);
			if (!counts) {
				counts = behaviourCounts(rule, ev.data.events, ev.asOfDay);
				ev.counts.set(rule, counts);
			}
			const n = counts.get(id) ?? 0;
			if (rule.count === 'at-least') return n >= rule.times;
			return rule.count === 'at-most' ? n <= rule.times : n === rule.times;
		}
		case 'indicator': {
			const row = ev.indicators.get(id);
			const filter = rule.filter;
			if (filter.kind === 'rfm-cell') return row?.r_score === filter.r && row?.f_score === filter.f;
			if (filter.kind === 'rfm-segment') return row?.rfm_segment === filter.segment;
			return false;
		}
		case 'segment':
			return holds(rule.rule, customer, ev);
	}
}

function hasLifecycleMovers(rule: CheckedRule): boolean {
	if (rule.kind === 'group') return rule.children.some(hasLifecycleMovers);
	if (rule.kind === 'segment') return hasLifecycleMovers(rule.rule);
	return rule.kind === 'indicator' && rule.filter.kind === 'lifecycle-shift';
}

/** The ids of the customers `rule` selects in `data`, sorted, or why it cannot. */
export function evaluateRule(
	rule: Rule,
	context: RuleContext,
	data: ReferenceData
): ReferenceResult {
	const checked = checkRule(rule, context);
	if (!checked.ok) return checked;
	if (hasLifecycleMovers(checked.rule)) {
		return {
			ok: false,
			errors: [{ path: [], message: 'The reference evaluator has no lifecycle movers' }]
		};
	}
	const ev: Evaluation = {
		data,
		indicators: new Map(data.indicators.map((row) => [String(row.customer_id), row])),
		asOfDay: dayNumber(context.asOf) ?? NaN,
		counts: new Map()
	};
	const ids = data.customers
		.filter((c) => holds(checked.rule, c, ev))
		.map((c) => String(c.customer_id));
	return { ok: true, ids: ids.sort() };
}
