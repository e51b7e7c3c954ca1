// The segment builder's edits of a rule tree, as pure functions: each takes the plain rule and
// a path (child indices from the root group, as in RuleError.path) and returns a new tree that
// shares every untouched branch, the given one left as it was. The tricky point: an edit that
// makes no sense (a path that leads nowhere, removing the root, moving past either end) returns
// the very same tree rather than throwing, so a stale click can never break the rule.
import type { Rule, RuleGroup } from '$lib/core/segments/definition';

export type RulePath = readonly number[];

/** The node at `path`; null when the path leads nowhere. */
export function nodeAt(rule: RuleGroup, path: RulePath): Rule | null {
	let node: Rule = rule;
	for (const index of path) {
		if (node.kind !== 'group') return null;
		const child: Rule | undefined = node.children[index];
		if (!child) return null;
		node = child;
	}
	return node;
}

/** The group at `path`; null when there is none. */
export function groupAt(rule: RuleGroup, path: RulePath): RuleGroup | null {
	const node = nodeAt(rule, path);
	return node?.kind === 'group' ? node : null;
}

/** The tree with the group at `path` replaced by `change(group)`; the same tree if none. */
function withGroup(
	rule: RuleGroup,
	path: RulePath,
	change: (group: RuleGroup) => RuleGroup
): RuleGroup {
	if (path.length === 0) return change(rule);
	const [index, ...rest] = path as [number, ...number[]];
	const child = rule.children[index];
	if (child?.kind !== 'group') return rule;
	const changed = withGroup(child, rest, change);
	if (changed === child) return rule;
	const children = [...rule.children];
	children[index] = changed;
	return { ...rule, children };
}

/** The parent group's path and the child's index; null for the root. */
function split(path: RulePath): { parent: RulePath; index: number } | null {
	if (path.length === 0) return null;
	return { parent: path.slice(0, -1), index: path[path.length - 1]! };
}

/** Adds `child` to the group at `path`, at `index` (at the end by default). */
export function addChild(rule: RuleGroup, path: RulePath, child: Rule, index?: number): RuleGroup {
	return withGroup(rule, path, (group) => {
		const at = Math.max(0, Math.min(index ?? group.children.length, group.children.length));
		const children = [...group.children];
		children.splice(at, 0, child);
		return { ...group, children };
	});
}

/** Removes the node at `path` (never the root). */
export function removeAt(rule: RuleGroup, path: RulePath): RuleGroup {
	const at = split(path);
	if (!at) return rule;
	return withGroup(rule, at.parent, (group) =>
		at.index < group.children.length
			? { ...group, children: group.children.filter((_, i) => i !== at.index) }
			: group
	);
}

/** Moves the node at `path` by `delta` places among its siblings (not past either end). */
export function moveAt(rule: RuleGroup, path: RulePath, delta: number): RuleGroup {
	const at = split(path);
	if (!at || !Number.isInteger(delta) || delta === 0) return rule;
	return withGroup(rule, at.parent, (group) => {
		const to = at.index + delta;
		if (at.index >= group.children.length || to < 0 || to >= group.children.length) return group;
		const children = [...group.children];
		const [node] = children.splice(at.index, 1);
		children.splice(to, 0, node!);
		return { ...group, children };
	});
}

/** Replaces the node at `path` by `node`; the root only by a group. */
export function replaceAt(rule: RuleGroup, path: RulePath, node: Rule): RuleGroup {
	const at = split(path);
	if (!at) return node.kind === 'group' ? node : rule;
	return withGroup(rule, at.parent, (group) => {
		if (at.index >= group.children.length) return group;
		const children = [...group.children];
		children[at.index] = node;
		return { ...group, children };
	});
}

/** Inserts a deep copy of the node at `path` right after it (the root is not duplicated). */
export function duplicateAt(rule: RuleGroup, path: RulePath): RuleGroup {
	const at = split(path);
	const node = nodeAt(rule, path);
	if (!at || !node) return rule;
	return addChild(rule, at.parent, structuredClone(node), at.index + 1);
}

/** Where the node at `path` is after `moveAt(rule, path, delta)` moved it. */
export function movedPath(path: RulePath, delta: number): number[] {
	const at = split(path);
	return at ? [...at.parent, at.index + delta] : [];
}
