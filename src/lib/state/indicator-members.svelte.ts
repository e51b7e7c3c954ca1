// The customers behind the mark selected in the Indicators area (an RFM cell or segment, or the
// movers between two lifecycle stages): their count, the first page of them, and saving them as
// a segment. The tricky point: a click made while an older request is still out must not have
// its answer overwritten by the older one, so each answer is checked against a counter.
import type { IndicatorFilter } from '$lib/core/indicators/members';
import { segmentOfFilter } from '$lib/core/segments/definition';
import { plainCopy } from '$lib/persist/plain-copy';
import { putSegment } from '$lib/persist/segments';
import { plainRowsOfIpc } from './arrow-rows';
import { messageOf } from './failure';
import type { Workspace } from './workspace.svelte';

/** Members shown at a time. */
export const MEMBER_PAGE = 100;

export interface MemberRow {
	customer_id: string;
	first_name: string | null;
	last_name: string | null;
	email: string | null;
	recency_days: number | null;
	frequency: number | null;
	monetary: number | null;
	rfm_segment: string | null;
	p_alive: number | null;
	clv: number | null;
	lifecycle_stage: string | null;
}

export class IndicatorMembers {
	filter = $state<IndicatorFilter | null>(null);
	total = $state<number | null>(null);
	rows = $state<MemberRow[]>([]);
	loading = $state(false);
	error = $state<string | null>(null);
	/** The name of the segment last saved from the current filter. */
	saved = $state<string | null>(null);
	private generation = 0;

	constructor(private readonly workspace: Workspace) {}

	select(filter: IndicatorFilter | null): Promise<void> {
		this.filter = filter;
		this.saved = null;
		this.total = null;
		this.rows = [];
		return this.reload();
	}

	/** Reads the count and first page again (after a new build, for instance). */
	async reload(): Promise<void> {
		const api = this.workspace.engine?.api;
		const filter = this.filter;
		const generation = ++this.generation;
		if (!api || !filter) return;
		this.loading = true;
		try {
			const page = await api.indicatorMembers(plainCopy(filter), 0, MEMBER_PAGE);
			if (generation !== this.generation) return;
			this.total = page.total;
			this.rows = plainRowsOfIpc<MemberRow>(page.rows);
			this.error = null;
		} catch (error) {
			if (generation === this.generation) this.error = messageOf(error);
		} finally {
			if (generation === this.generation) this.loading = false;
		}
	}

	/** Saves the selected customers' rule as a new segment. */
	async save(name: string, description: string): Promise<void> {
		const filter = this.filter;
		if (!filter || !name.trim()) return;
		try {
			const segment = segmentOfFilter(
				crypto.randomUUID(),
				name.trim(),
				description.trim(),
				plainCopy(filter),
				Date.now()
			);
			await putSegment(segment);
			this.saved = segment.name;
			this.error = null;
		} catch (error) {
			this.error = messageOf(error);
		}
	}
}
