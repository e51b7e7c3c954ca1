// The segment being built on the builder page: its name, description, colour and rule tree, the
// saved segments a membership may refer to, what the workspace offers its conditions (fields,
// events and their types, the as-of date, values of a field), and saving it. Every edit of the
// rule goes through the pure edits of rule-tree-edits.ts and recounts the live audience. The
// tricky point: "unsaved changes" compares the segment with what was last opened or saved, so
// undoing an edit by hand leaves nothing to save.
import type { SegmentDefinition, Rule, RuleGroup } from '$lib/core/segments/definition';
import type { HintSource, ValueHints } from '$lib/core/segments/value-hints';
import type { SegmentFields } from '$lib/engine/api';
import { plainCopy } from '$lib/persist/plain-copy';
import { loadSegments, putSegment } from '$lib/persist/segments';
import {
	addChild,
	duplicateAt,
	moveAt,
	removeAt,
	replaceAt,
	type RulePath
} from './rule-tree-edits';
import { SegmentAudience } from './segment-audience.svelte';
import type { Workspace } from './workspace.svelte';

/** The colours a segment is offered, with their names; the first is a new segment's. */
export const SEGMENT_PALETTE = [
	{ value: '#2f6fde', name: 'Blue' },
	{ value: '#2f7d6d', name: 'Teal' },
	{ value: '#1b7f3b', name: 'Green' },
	{ value: '#e8890c', name: 'Amber' },
	{ value: '#d9480f', name: 'Orange' },
	{ value: '#c2255c', name: 'Raspberry' },
	{ value: '#7b4fd6', name: 'Violet' },
	{ value: '#5a5a5a', name: 'Grey' }
] as const;

const FIRST_COLOUR = SEGMENT_PALETTE[0].value;

const emptyRule = (): RuleGroup => ({
	kind: 'group',
	combinator: 'and',
	negate: false,
	children: []
});

const hintKey = (source: HintSource) => JSON.stringify(source);

export class SegmentBuilder {
	/** The saved segment edited; null until a new one is first saved. */
	id = $state<string | null>(null);
	name = $state('');
	description = $state('');
	colour = $state<string>(FIRST_COLOUR);
	rule = $state.raw<RuleGroup>(emptyRule());
	/** Every saved segment, the edited one included. */
	segments = $state.raw<SegmentDefinition[]>([]);
	fields = $state.raw<SegmentFields | null>(null);
	fieldsError = $state<string | null>(null);
	/** Whether the segment asked for was read (or a new one started). */
	opened = $state(false);
	/** The id asked for names no saved segment. */
	missing = $state(false);
	saving = $state(false);
	saveError = $state<string | null>(null);
	/** When the segment was last saved on this page. */
	savedAt = $state<number | null>(null);
	hints = $state.raw<Record<string, ValueHints | null>>({});
	readonly audience: SegmentAudience;
	private createdAt: number | null = null;
	private snapshot = $state('');
	/** Hints asked for, by key: each field's values are read once a page. */
	private askedHints: Record<string, true> = {};

	constructor(private readonly workspace: Workspace) {
		this.audience = new SegmentAudience(workspace);
	}

	/** Whether there are changes that were not saved. */
	get dirty(): boolean {
		return this.opened && this.snapshotNow() !== this.snapshot;
	}

	/** The saved segments a membership condition may name (not the one edited). */
	get others(): SegmentDefinition[] {
		return this.segments.filter((s) => s.id !== this.id);
	}

	/** Opens the saved segment `id`, or starts a new one (null). */
	async open(id: string | null): Promise<void> {
		this.segments = await loadSegments();
		const segment = id ? this.segments.find((s) => s.id === id) : undefined;
		this.missing = id !== null && !segment;
		this.id = segment?.id ?? null;
		this.name = segment?.name ?? '';
		this.description = segment?.description ?? '';
		this.colour = segment?.colour ?? FIRST_COLOUR;
		this.rule = segment ? plainCopy(segment.rule) : emptyRule();
		this.createdAt = segment?.createdAt ?? null;
		this.savedAt = null;
		this.saveError = null;
		this.snapshot = this.snapshotNow();
		this.opened = true;
		this.recount();
	}

	/** Reads what conditions can use from the engine (once it is ready), then counts. */
	async readFields(): Promise<void> {
		const api = this.workspace.engine?.api;
		if (!api) return;
		try {
			this.fields = await api.segmentFields();
			this.fieldsError = null;
			this.recount();
		} catch (error) {
			this.fieldsError = messageOf(error);
		}
	}

	add(path: RulePath, child: Rule): void {
		this.edit(addChild(this.rule, path, child));
	}

	remove(path: RulePath): void {
		this.edit(removeAt(this.rule, path));
	}

	move(path: RulePath, delta: number): void {
		this.edit(moveAt(this.rule, path, delta));
	}

	duplicate(path: RulePath): void {
		this.edit(duplicateAt(this.rule, path));
	}

	replace(path: RulePath, node: Rule): void {
		this.edit(replaceAt(this.rule, path, node));
	}

	/** The values known of a field (undefined while they are read or before they are asked for). */
	hintsOf(source: HintSource): ValueHints | null | undefined {
		return this.hints[hintKey(source)];
	}

	/** Reads the values of a field once; `hintsOf` has them afterwards. */
	async askHints(source: HintSource): Promise<void> {
		const key = hintKey(source);
		const api = this.workspace.engine?.api;
		if (!api || this.askedHints[key]) return;
		this.askedHints[key] = true;
		let hints: ValueHints | null = null;
		try {
			hints = await api.valueHints(plainCopy(source));
		} catch {
			hints = null;
		}
		this.hints = { ...this.hints, [key]: hints };
	}

	/** Saves the segment; resolves with its id, or null when it was not saved. */
	async save(): Promise<string | null> {
		const name = this.name.trim();
		if (!name) {
			this.saveError = 'Name the segment to save it.';
			return null;
		}
		this.saving = true;
		try {
			const now = Date.now();
			const segment: SegmentDefinition = plainCopy({
				id: this.id ?? crypto.randomUUID(),
				name,
				description: this.description.trim(),
				colour: this.colour,
				createdAt: this.createdAt ?? now,
				updatedAt: now,
				rule: this.rule
			});
			this.segments = await putSegment(segment);
			this.id = segment.id;
			this.createdAt = segment.createdAt;
			this.name = segment.name;
			this.description = segment.description;
			this.snapshot = this.snapshotNow();
			this.savedAt = now;
			this.saveError = null;
			return segment.id;
		} catch (error) {
			this.saveError = messageOf(error);
			return null;
		} finally {
			this.saving = false;
		}
	}

	/** Counts the audience of the rule as it is now. */
	recount(): void {
		if (!this.opened || !this.fields) return;
		this.audience.schedule({ rule: this.rule, segments: this.segments, segmentId: this.id });
	}

	dispose(): void {
		this.audience.dispose();
	}

	private edit(rule: RuleGroup): void {
		if (rule === this.rule) return;
		this.rule = rule;
		this.recount();
	}

	private snapshotNow(): string {
		return JSON.stringify([this.name.trim(), this.description.trim(), this.colour, this.rule]);
	}
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
