// One customer's explanation as the page holds it: loaded from the engine once it is ready, told
// apart as "identity has not run" or "no such customer" when there is none, and the decisions made
// on its pairs. A decision is saved at once but only changes the customers at the next identity
// run, so the page remembers which it saved; the explanation is read again after each, so a pair's
// reason shows the decision.
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type { CustomerExplanation, PairExplanation } from '$lib/core/identity/explain';
import type { IdentityRunInfo } from '$lib/engine/api';
import { pairKey } from './explain-pairs';
import type { Workspace } from './workspace.svelte';

export type ExplanationStatus = 'loading' | 'ready' | 'not-run' | 'unknown' | 'failed';

export class CustomerExplanationState {
	status = $state<ExplanationStatus>('loading');
	explanation = $state.raw<CustomerExplanation | null>(null);
	run = $state.raw<IdentityRunInfo | null>(null);
	error = $state<string | null>(null);
	/** Pairs whose decision is being saved, by pair key. */
	readonly saving = new SvelteSet<string>();
	/** Decisions saved on this page, by pair key (null: a decision undone). */
	readonly saved = new SvelteMap<string, boolean | null>();
	private started = false;

	constructor(
		private readonly workspace: Workspace,
		readonly customerId: string
	) {}

	/** Loads once; later calls do nothing. */
	async load(): Promise<void> {
		const engine = this.workspace.engine;
		if (!engine || this.started) return;
		this.started = true;
		try {
			this.run = await engine.api.identityRun();
			if (!this.run) {
				this.status = 'not-run';
				return;
			}
			this.explanation = await engine.api.explainIdentity(this.customerId);
			this.status = this.explanation ? 'ready' : 'unknown';
		} catch (error) {
			this.status = 'failed';
			this.error = messageOf(error);
		}
	}

	/** Saves (or, with null, removes) the decision on a pair of this customer's records. */
	async decide(pair: Pick<PairExplanation, 'recordA' | 'recordB'>, same: boolean | null) {
		await this.decideAll([pair], same);
	}

	/** Says a record is not the same person as any other record of this customer. */
	async splitOut(recordId: string): Promise<void> {
		const others = this.explanation?.records.filter((r) => r.recordId !== recordId) ?? [];
		await this.decideAll(
			others.map((r) => ({ recordA: recordId, recordB: r.recordId })),
			false
		);
	}

	private async decideAll(
		pairs: readonly Pick<PairExplanation, 'recordA' | 'recordB'>[],
		same: boolean | null
	): Promise<void> {
		const engine = this.workspace.engine;
		if (!engine || pairs.length === 0) return;
		const keys = pairs.map((p) => pairKey(p.recordA, p.recordB));
		for (const key of keys) this.saving.add(key);
		this.error = null;
		try {
			for (const [i, pair] of pairs.entries()) {
				await engine.api.decidePair(pair.recordA, pair.recordB, same, 'manual');
				this.saved.set(keys[i] ?? '', same);
			}
			this.explanation = (await engine.api.explainIdentity(this.customerId)) ?? this.explanation;
		} catch (error) {
			this.error = `The decision could not be saved: ${messageOf(error)}`;
		} finally {
			for (const key of keys) this.saving.delete(key);
		}
	}
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
