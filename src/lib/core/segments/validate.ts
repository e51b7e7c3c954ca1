// A rule tree checked against the workspace: every field known and of the right type, every
// value usable, every referenced segment found, resolved into a checked tree that the compiler
// (compile.ts) and the reference evaluator (reference.ts) both read, so they cannot disagree on
// what is valid. Problems are values with the path of the condition they concern (child indices
// from the root group). The tricky point is membership of other segments: a referenced
// segment's rule is checked in place, with the chain of segments being checked, so a loop
// ("A in B, B in A") is an error rather than an endless recursion; problems inside a referenced
// segment are reported on the condition that refers to it.
import { checkAttribute, checkBehaviour, checkIndicator } from './check-conditions';
import type { CheckedRule, CheckResult, RuleContext, RuleError } from './checked';
import type { Rule, SegmentDefinition } from './definition';

export type { CheckedBehaviour, CheckedRule, CheckResult, RuleContext, RuleError } from './checked';

interface Walk {
	context: RuleContext;
	errors: RuleError[];
	/** Ids of the referenced segments being checked, outermost first. */
	chain: string[];
	/** Inside a referenced segment: the referring condition's path and that segment. */
	via: { path: number[]; segment: SegmentDefinition } | null;
	done: Map<string, CheckedRule>;
}

function report(walk: Walk, path: number[], message: string): null {
	if (walk.via) {
		walk.errors.push({ path: walk.via.path, message: `'${walk.via.segment.name}': ${message}` });
	} else {
		walk.errors.push({ path, message });
	}
	return null;
}

/** A leaf's check: the checked condition, or null with its message reported on `path`. */
function leaf<T>(walk: Walk, path: number[], checked: T | string): T | null {
	return typeof checked === 'string' ? report(walk, path, checked) : checked;
}

function checkMembership(walk: Walk, rule: Record<string, unknown>, path: number[]) {
	if (rule.segmentId === walk.context.segmentId && walk.context.segmentId) {
		const message = walk.via
			? `Segment '${walk.via.segment.name}' refers back to this segment`
			: 'A segment cannot contain itself';
		walk.errors.push({ path: walk.via?.path ?? path, message });
		return null;
	}
	const segment = walk.context.segments.find((s) => s.id === rule.segmentId);
	if (!segment) {
		const message = rule.segmentId
			? 'The segment this condition refers to was deleted'
			: 'Choose a segment';
		return report(walk, path, message);
	}
	if (walk.chain.includes(segment.id)) {
		const loop = [...walk.chain.slice(walk.chain.indexOf(segment.id)), segment.id];
		const names = loop.map((id) => `'${walk.context.segments.find((s) => s.id === id)?.name}'`);
		return report(walk, path, `segments refer to each other in a loop: ${names.join(' → ')}`);
	}
	const done = walk.done.get(segment.id);
	if (done) return { kind: 'segment' as const, segment, rule: done };
	const inner: Walk = {
		...walk,
		chain: [...walk.chain, segment.id],
		via: walk.via ?? { path, segment }
	};
	const checked = checkNode(inner, segment.rule, path);
	if (!checked) return null;
	walk.done.set(segment.id, checked);
	return { kind: 'segment' as const, segment, rule: checked };
}

function checkNode(walk: Walk, rule: unknown, path: number[]): CheckedRule | null {
	const node = (typeof rule === 'object' && rule !== null ? rule : {}) as Record<string, unknown>;
	switch (node.kind) {
		case 'group': {
			const combinator = node.combinator;
			if (combinator !== 'and' && combinator !== 'or') {
				return report(walk, path, 'A group joins its conditions with AND or OR');
			}
			const list = Array.isArray(node.children) ? (node.children as unknown[]) : [];
			const children = list.map((child, i) => checkNode(walk, child, [...path, i]));
			if (children.some((c) => c === null)) return null;
			return {
				kind: 'group',
				combinator,
				negate: node.negate === true,
				children: children as CheckedRule[]
			};
		}
		case 'attribute':
			return leaf(walk, path, checkAttribute(node, walk.context));
		case 'behaviour':
			return leaf(walk, path, checkBehaviour(node, walk.context));
		case 'indicator':
			return leaf(walk, path, checkIndicator(node, walk.context));
		case 'segment':
			return checkMembership(walk, node, path);
		default:
			return report(walk, path, 'This condition is not one Concord knows');
	}
}

/** Checks a rule tree; every problem is reported, each on its condition's path. */
export function checkRule(rule: Rule, context: RuleContext): CheckResult {
	const walk: Walk = {
		context,
		errors: [],
		chain: [],
		via: null,
		done: new Map()
	};
	const checked = checkNode(walk, rule, []);
	if (checked && walk.errors.length === 0) return { ok: true, rule: checked };
	// A referenced segment's problem is met once per condition referring to it: report it once.
	const errors = new Map(walk.errors.map((e) => [JSON.stringify(e), e]));
	return { ok: false, errors: [...errors.values()] };
}
