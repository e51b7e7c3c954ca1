// A saved segment's rule on one line, as the library lists it: "Orders ≥ 2 and (City is Paris or
// In segment VIP)". Membership conditions are named after the segment they refer to, which only
// the list of saved segments knows; an indicator mark reads as the Indicators area titles it.
import { conditionText } from '$lib/core/segments/describe';
import type { Rule, SegmentDefinition } from '$lib/core/segments/definition';
import { filterTitle } from './indicator-filters';

export function segmentRuleText(rule: Rule, segments: readonly SegmentDefinition[]): string {
	if (rule.kind === 'indicator') return filterTitle(rule.filter);
	if (rule.kind !== 'group') return conditionText(rule, segments);
	const parts = rule.children.map((child) =>
		child.kind === 'group' && child.children.length > 1 && !child.negate
			? `(${segmentRuleText(child, segments)})`
			: segmentRuleText(child, segments)
	);
	// An empty AND group is everyone, an empty OR group no one (as the compiler reads them).
	const empty = rule.combinator === 'and' ? 'everyone' : 'no one';
	const text = parts.length > 0 ? parts.join(rule.combinator === 'and' ? ' and ' : ' or ') : empty;
	return rule.negate ? `not (${text})` : text;
}
