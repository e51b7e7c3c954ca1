// The segments chosen in the library to compare (at most twelve, in the order chosen) and what
// the engine answers about them: how they overlap, and the priority waterfall that gives each
// customer to the first segment it matches. The chosen order is the waterfall's priority, so
// moving a segment up or down asks for the waterfall again but not for the overlaps. Answers
// are asked a moment after the last change and checked against a counter, so a quick series
// of ticks asks once and an older answer never replaces a newer one.
import type { SegmentAnswer } from '$lib/core/segments/answers';
import type { Waterfall } from '$lib/core/segments/exclusive';
import { MAX_OVERLAP_SEGMENTS, type Overlaps } from '$lib/core/segments/overlaps';
import { plainCopy } from '$lib/persist/plain-copy';
import { segmentLibrary, type SegmentLibrary } from './segment-library.svelte';
import { workspace, type Workspace } from './workspace.svelte';

/** Milliseconds to wait after a change before asking the engine. */
const SETTLE_MS = 250;

export class SegmentComparison {
	/** Ids of the chosen segments, in priority order. */
	picked = $state<string[]>([]);
	overlaps = $state<SegmentAnswer<Overlaps> | null>(null);
	waterfall = $state<SegmentAnswer<Waterfall> | null>(null);
	loadingOverlaps = $state(false);
	loadingWaterfall = $state(false);
	error = $state<string | null>(null);
	private generations = { overlaps: 0, waterfall: 0 };
	private timer: ReturnType<typeof setTimeout> | undefined;
	private pendingBoth = false;

	constructor(
		private readonly library: SegmentLibrary,
		private readonly workspace: Workspace
	) {}

	/** The chosen segments that still exist, in priority order. */
	get chosen(): string[] {
		return this.picked.filter((id) => this.library.byId(id));
	}

	get full(): boolean {
		return this.chosen.length >= MAX_OVERLAP_SEGMENTS;
	}

	isChosen(id: string): boolean {
		return this.chosen.includes(id);
	}

	toggle(id: string): void {
		if (this.isChosen(id)) this.picked = this.chosen.filter((c) => c !== id);
		else if (!this.full) this.picked = [...this.chosen, id];
		this.schedule(true);
	}

	clear(): void {
		this.picked = [];
		this.schedule(true);
	}

	/** Moves a segment `by` places up (negative) or down the priority order. */
	move(id: string, by: number): void {
		const order = [...this.chosen];
		const from = order.indexOf(id);
		const to = from + by;
		if (from < 0 || to < 0 || to >= order.length) return;
		order.splice(to, 0, ...order.splice(from, 1));
		this.picked = order;
		this.schedule(false);
	}

	/** Asks again for the chosen segments as they are now (after an edit, for instance). */
	refresh(): Promise<void> {
		clearTimeout(this.timer);
		return this.ask(true);
	}

	private schedule(overlapsToo: boolean): void {
		clearTimeout(this.timer);
		// A tick asks for both; a move only for the waterfall (unless a tick is still waiting).
		const both = overlapsToo || this.pendingBoth;
		this.pendingBoth = both;
		this.timer = setTimeout(() => {
			this.pendingBoth = false;
			void this.ask(both);
		}, SETTLE_MS);
	}

	private async ask(overlapsToo: boolean): Promise<void> {
		const api = this.workspace.engine?.api;
		const ids = this.chosen;
		if (!api) return;
		const segments = plainCopy(this.library.segments);
		const overlaps = overlapsToo ? ++this.generations.overlaps : this.generations.overlaps;
		const waterfall = ++this.generations.waterfall;
		try {
			if (overlapsToo) {
				this.loadingOverlaps = ids.length > 0;
				const answer = ids.length > 0 ? await api.segmentOverlaps(segments, ids) : null;
				if (overlaps === this.generations.overlaps) this.overlaps = answer;
			}
			this.loadingWaterfall = ids.length > 0;
			const answer = ids.length > 0 ? await api.exclusiveSegments(segments, ids) : null;
			if (waterfall === this.generations.waterfall) this.waterfall = answer;
			this.error = null;
		} catch (error) {
			this.error = error instanceof Error ? error.message : String(error);
		} finally {
			if (overlapsToo && overlaps === this.generations.overlaps) this.loadingOverlaps = false;
			if (waterfall === this.generations.waterfall) this.loadingWaterfall = false;
		}
	}
}

export const segmentComparison = new SegmentComparison(segmentLibrary, workspace);
