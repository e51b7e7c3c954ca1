// Where the keyboard focus goes after the builder's tree changed under it: a moved node's own
// button at its new place, a new node's first control, the group's "add" button after a removal.
// The tricky point: the page updates after the edit, so the element is looked for once Svelte
// has drawn the new tree (after `tick`), and a disabled button hands over to the next choice.
import { tick } from 'svelte';

const FOCUSABLE = 'button:not(:disabled), select:not(:disabled), input:not(:disabled)';

/** Focuses the first of these element ids that exists and can take the focus. */
export async function focusFirst(...ids: string[]): Promise<void> {
	await tick();
	for (const id of ids) {
		const element = document.getElementById(id);
		if (element && element.matches(FOCUSABLE)) {
			element.focus();
			return;
		}
	}
}

/** Focuses the first control inside the element of this id. */
export async function focusInside(id: string): Promise<void> {
	await tick();
	document.getElementById(id)?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
}

/** The element id of a rule node, from its path key (see rule-paths.ts). */
export const nodeId = (key: string) => `rule-${key}`;
