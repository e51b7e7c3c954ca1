// The lifecycle shift of the Indicators area: how many customers moved from each stage at one
// date to each stage at another, every customer of the 360° view counted once on each side.
// The dates default to a year before the as-of date (not before the first event) and the as-of
// date. Stages are the settings' own, so the matrix follows an edit of the stages at once.
import { NO_STAGE, NOT_YET_KNOWN } from '$lib/core/indicators/lifecycle';
import type { LifecycleStage } from '$lib/core/indicators/settings';
import type { ShiftCell } from '$lib/engine/api';
import { plainCopy } from '$lib/persist/plain-copy';
import type { Workspace } from './workspace.svelte';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The day a year before `day` (29 February goes to 28 February). */
export function yearBefore(day: string): string {
	const year = String(Number(day.slice(0, 4)) - 1).padStart(4, '0');
	const monthDay = day.slice(5) === '02-29' ? '02-28' : day.slice(5);
	return `${year}-${monthDay}`;
}

export class LifecycleShift {
	from = $state('');
	to = $state('');
	cells = $state<ShiftCell[] | null>(null);
	/** The stages the cells were counted with, in order. */
	stages = $state<LifecycleStage[]>([]);
	error = $state<string | null>(null);
	private asOf: string | null = null;
	private generation = 0;

	constructor(private readonly workspace: Workspace) {}

	/** Every stage id a cell can hold, in the order of the matrix. */
	get order(): string[] {
		return [NOT_YET_KNOWN, ...this.stages.map((s) => s.id), NO_STAGE];
	}

	/** Sets the default dates for this as-of date (once per as-of date), then counts. */
	async prepare(
		asOf: string | null,
		firstEventDay: string | null,
		stages: LifecycleStage[]
	): Promise<void> {
		if (asOf && asOf !== this.asOf) {
			this.asOf = asOf;
			const yearAgo = yearBefore(asOf);
			this.from = firstEventDay && firstEventDay > yearAgo ? firstEventDay : yearAgo;
			this.to = asOf;
		}
		await this.load(stages);
	}

	setDates(from: string, to: string, stages: LifecycleStage[]): Promise<void> {
		this.from = from;
		this.to = to;
		return this.load(stages);
	}

	/** Counts the customers per pair of stages; waits for two well-formed dates. */
	async load(stages: LifecycleStage[]): Promise<void> {
		const api = this.workspace.engine?.api;
		const generation = ++this.generation;
		if (!api || !ISO_DAY.test(this.from) || !ISO_DAY.test(this.to)) return;
		const plain = plainCopy(stages);
		try {
			const cells = await api.lifecycleShift(this.from, this.to, plain);
			if (generation !== this.generation) return;
			this.cells = cells.map((c) => ({ ...c, customers: Number(c.customers) }));
			this.stages = plain;
			this.error = null;
		} catch (error) {
			if (generation === this.generation) {
				this.error = error instanceof Error ? error.message : String(error);
			}
		}
	}
}
