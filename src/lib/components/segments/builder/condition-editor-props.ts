// What every editor of one kind of condition (attribute, behaviour, membership) receives from
// the condition's card: the builder, the condition, its name in words for labels, and where the
// edited condition goes. The tricky point: an editor never changes the condition in place; it
// hands a new one to `onchange`, which the builder puts in the tree.
import type { SegmentBuilder } from '$lib/state/segment-builder.svelte';

export interface ConditionEditorProps<C> {
	builder: SegmentBuilder;
	condition: C;
	/** Where the condition stands, in words (see conditionName), for the controls' labels. */
	name: string;
	onchange: (next: C) => void;
}
