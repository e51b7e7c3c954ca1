// How the segment builder names the nodes of a rule tree by their paths (child indices from the
// root group): in buttons' accessible names ("Remove condition 2 of group 1"), next to a problem
// the engine reported, and as stable keys for the page. The tricky point: the root group is not
// numbered — the groups a marketer adds are "group 1", "group 2", and their own groups "group 2.1".
import type { RuleError } from '$lib/core/segments/checked';
import type { RulePath } from './rule-tree-edits';

/** A key for the node at `path`, unique in its tree: 'root', '0', '1.2'. */
export function pathKey(path: RulePath): string {
	return path.length === 0 ? 'root' : path.join('.');
}

export function samePath(a: RulePath, b: RulePath): boolean {
	return a.length === b.length && a.every((index, i) => index === b[i]);
}

/** The group at `path` in words: 'the top group', 'group 2', 'group 2.1'. */
export function groupName(path: RulePath): string {
	return path.length === 0 ? 'the top group' : `group ${path.map((i) => i + 1).join('.')}`;
}

/** The condition at `path` in words: 'condition 2 of group 1', 'condition 3 of the top group'. */
export function conditionName(path: RulePath): string {
	if (path.length === 0) return 'the rule';
	return `condition ${path[path.length - 1]! + 1} of ${groupName(path.slice(0, -1))}`;
}

/** The node at `path` in words, as a group or a condition. */
export function nodeName(path: RulePath, isGroup: boolean): string {
	return isGroup ? groupName(path) : conditionName(path);
}

/** The problems reported on exactly this node. */
export function errorsAt(errors: readonly RuleError[], path: RulePath): RuleError[] {
	return errors.filter((e) => samePath(e.path, path));
}
