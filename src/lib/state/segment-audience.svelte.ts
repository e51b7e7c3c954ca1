// The live audience of the segment being built: its count, share, revenue and revenue share
// after every edit, then a first page of its members. Edits come in bursts, so a count waits a
// moment for the typing to stop, and the preview waits for the count. The tricky point: answers
// may come back out of order, so each is checked against a counter and only the newest request's
// answer is shown ('superseded' answers, the engine dropping a stale request, are ignored).
import type { RuleError } from '$lib/core/segments/checked';
import type { SegmentCount } from '$lib/core/segments/count';
import type { RuleGroup, SegmentDefinition } from '$lib/core/segments/definition';
import { plainCopy } from '$lib/persist/plain-copy';
import { plainRowsOfIpc } from './arrow-rows';
import { messageOf } from './failure';
import type { Workspace } from './workspace.svelte';

/** Milliseconds an edit waits for the next before the audience is counted. */
export const COUNT_DELAY = 200;
/** Milliseconds after a count before its members are listed. */
export const PREVIEW_DELAY = 300;
/** Members listed in the preview. */
export const PREVIEW_ROWS = 50;

export type AudienceCount = SegmentCount & { ms: number };

export interface AudienceRequest {
	rule: RuleGroup;
	segments: readonly SegmentDefinition[];
	segmentId: string | null;
}

export interface PreviewRow {
	customer_id: string;
	first_name: string | null;
	last_name: string | null;
	email: string | null;
	city: string | null;
	orders: number | null;
	revenue: number | null;
	last_purchase_at: unknown;
}

export class SegmentAudience {
	count = $state.raw<AudienceCount | null>(null);
	/** Whether `count` is the count of the rule as it is now. */
	current = $state(false);
	/** The rule's problems, each on its condition's path; [] when it counts. */
	errors = $state.raw<RuleError[]>([]);
	updating = $state(false);
	failure = $state<string | null>(null);
	/** How many answers were shown: a test waits for it to move after an edit. */
	answers = $state(0);
	rows = $state.raw<PreviewRow[] | null>(null);
	/** Whether `rows` are the members of the rule last counted. */
	rowsCurrent = $state(false);
	previewing = $state(false);
	previewFailure = $state<string | null>(null);
	private request: AudienceRequest | null = null;
	private countGeneration = 0;
	private previewGeneration = 0;
	private countTimer: ReturnType<typeof setTimeout> | undefined;
	private previewTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(private readonly workspace: Workspace) {}

	/** Counts `request` once edits pause; the count shown until then is marked out of date. */
	schedule(request: AudienceRequest): void {
		this.request = request;
		this.current = false;
		this.rowsCurrent = false;
		this.updating = true;
		clearTimeout(this.countTimer);
		clearTimeout(this.previewTimer);
		this.previewGeneration++;
		this.countTimer = setTimeout(() => void this.countNow(request), COUNT_DELAY);
	}

	/** Lists the members of the rule last counted again, now. */
	refreshPreview(): Promise<void> {
		clearTimeout(this.previewTimer);
		return this.request ? this.previewNow(this.request) : Promise.resolve();
	}

	/** Forgets pending work (the page is left). */
	dispose(): void {
		clearTimeout(this.countTimer);
		clearTimeout(this.previewTimer);
		this.countGeneration++;
		this.previewGeneration++;
	}

	private async countNow(request: AudienceRequest): Promise<void> {
		const generation = ++this.countGeneration;
		const api = this.workspace.engine?.api;
		if (!api) {
			this.updating = false;
			return;
		}
		try {
			const answer = await api.segmentCount(
				plainCopy(request.rule),
				plainCopy([...request.segments]),
				request.segmentId
			);
			if (generation !== this.countGeneration || answer.status === 'superseded') return;
			this.failure = null;
			this.answers++;
			if (answer.status === 'ok') {
				this.count = answer.value;
				this.errors = [];
				this.current = true;
				this.previewTimer = setTimeout(() => void this.previewNow(request), PREVIEW_DELAY);
			} else {
				this.errors = answer.errors;
			}
		} catch (error) {
			if (generation === this.countGeneration) this.failure = messageOf(error);
		} finally {
			if (generation === this.countGeneration) this.updating = false;
		}
	}

	private async previewNow(request: AudienceRequest): Promise<void> {
		const generation = ++this.previewGeneration;
		const api = this.workspace.engine?.api;
		if (!api) return;
		this.previewing = true;
		try {
			const answer = await api.segmentPreview(
				plainCopy(request.rule),
				plainCopy([...request.segments]),
				request.segmentId,
				PREVIEW_ROWS
			);
			if (generation !== this.previewGeneration || answer.status === 'superseded') return;
			if (answer.status === 'ok') {
				this.rows = plainRowsOfIpc<PreviewRow>(answer.value);
				this.rowsCurrent = true;
				this.previewFailure = null;
			} else {
				this.previewFailure = answer.errors[0]?.message ?? 'The members could not be listed.';
			}
		} catch (error) {
			if (generation === this.previewGeneration) this.previewFailure = messageOf(error);
		} finally {
			if (generation === this.previewGeneration) this.previewing = false;
		}
	}
}
