// Identity resolution as the Identity page sees it: the settings (kept in IndexedDB), the last
// run read back with why it is stale, a sample of its golden records, the review queue and the
// accuracy against truth columns.
// A run is the workspace's job (progress bar, cancel); every other call is one quick request.
import { SvelteSet } from 'svelte/reactivity';
import type { TruthColumn } from '$lib/core/identity/accuracy';
import type { GoldenSampleRow } from '$lib/core/identity/golden-sample';
import type { IdentitySettings } from '$lib/core/identity/types';
import type {
	IdentityOverview,
	PairwiseAccuracy,
	ReviewPair
} from '$lib/core/identity/workspace-identity';
import { loadIdentity, saveIdentity } from '$lib/persist/identity';
import { plainCopy } from '$lib/persist/plain-copy';
import { normaliseSettings } from './identity-settings';
import { workspace, type Workspace } from './workspace.svelte';

/** Pairs fetched for the review queue at a time. */
const QUEUE_SIZE = 20;
/** Golden records shown of the last run. */
const SAMPLE_SIZE = 10;

const pairKey = (pair: ReviewPair) => `${pair.recordA.recordId}|${pair.recordB.recordId}`;

export class Identity {
	settings = $state<IdentitySettings>(normaliseSettings());
	truths = $state<TruthColumn[]>([]);
	overview = $state<IdentityOverview | null>(null);
	queue = $state<ReviewPair[]>([]);
	goldenSample = $state<GoldenSampleRow[]>([]);
	accuracy = $state<PairwiseAccuracy | null>(null);
	/** The saved settings and the last run have been read. */
	loaded = $state(false);
	/** A label is being saved. */
	deciding = $state(false);
	/** The last label given here, so that it can be taken back. */
	lastLabel = $state<{ pair: ReviewPair; same: boolean } | null>(null);
	error = $state<string | null>(null);
	private readonly skipped = new SvelteSet<string>();
	private settingsRead = false;

	constructor(private readonly workspace: Workspace) {}

	private get api() {
		return this.workspace.engine?.api ?? null;
	}

	/** Reads the saved settings once, then the last run, its review queue and accuracy. */
	async refresh(): Promise<void> {
		const api = this.api;
		if (!api) return;
		await this.attempt(async () => {
			const saved = this.settingsRead ? null : await loadIdentity();
			if (saved) {
				this.settings = normaliseSettings(saved.settings);
				this.truths = saved.truths ?? [];
			}
			this.overview = await api.identityOverview(this.plainSettings());
			if (!this.settingsRead && !saved && this.overview) {
				// Nothing kept in this browser: the settings are those of the last run.
				this.settings = normaliseSettings(this.overview.settings);
				this.overview = await api.identityOverview(this.plainSettings());
			}
			this.settingsRead = true;
			await this.refreshSample();
			await this.refreshQueue();
			await this.measure();
		});
		this.loaded = true;
	}

	/** Runs identity resolution (or runs it again) with the current settings; false when it did not complete. */
	async run(): Promise<boolean> {
		const settings = this.plainSettings();
		const result: { overview?: IdentityOverview } = {};
		const done = await this.workspace.runAsJob('Resolving identities', async (client, progress) => {
			result.overview = await client.runIdentity(settings, progress);
		});
		if (!done || !result.overview) return false;
		this.overview = result.overview;
		this.skipped.clear();
		this.lastLabel = null;
		await this.attempt(async () => {
			await this.refreshSample();
			await this.refreshQueue();
			await this.measure();
		});
		return true;
	}

	/** Keeps new settings; the customers are then stale until the next run. */
	async change(next: IdentitySettings): Promise<void> {
		this.settings = normaliseSettings(next);
		await this.attempt(async () => {
			await this.save();
			const api = this.api;
			if (api && this.overview) this.overview = await api.identityOverview(this.plainSettings());
		});
	}

	/** Labels a pair of the queue as the same person or not; kept as a decision. */
	async label(pair: ReviewPair, same: boolean): Promise<void> {
		await this.decide(pair, same);
		this.lastLabel = { pair, same };
	}

	/** Takes back the last label: the pair goes back to the head of the queue. */
	async undoLabel(): Promise<void> {
		const last = this.lastLabel;
		if (!last) return;
		await this.decide(last.pair, null);
		this.lastLabel = null;
		this.queue = [last.pair, ...this.queue.filter((p) => pairKey(p) !== pairKey(last.pair))];
	}

	/** Leaves a pair unlabelled and moves on. */
	skip(pair: ReviewPair): void {
		this.skipped.add(pairKey(pair));
		this.queue = this.queue.filter((p) => pairKey(p) !== pairKey(pair));
	}

	async setTruths(truths: TruthColumn[]): Promise<void> {
		this.truths = truths;
		await this.attempt(async () => {
			await this.save();
			await this.measure();
		});
	}

	private async decide(pair: ReviewPair, same: boolean | null): Promise<void> {
		const api = this.api;
		if (!api || this.deciding) return;
		this.deciding = true;
		await this.attempt(async () => {
			await api.decidePair(pair.recordA.recordId, pair.recordB.recordId, same, 'review');
			this.queue = this.queue.filter((p) => pairKey(p) !== pairKey(pair));
			// The labels' agreement with the model, and the stale reasons, change with each label.
			this.overview = await api.identityOverview(this.plainSettings());
			if (this.queue.length < QUEUE_SIZE / 4) await this.refreshQueue();
		});
		this.deciding = false;
	}

	/** Runs a quick call; a failure is shown on the page instead of thrown. */
	private async attempt(work: () => Promise<void>): Promise<void> {
		try {
			await work();
			this.error = null;
		} catch (error) {
			this.error = messageOf(error);
		}
	}

	private async refreshQueue(): Promise<void> {
		const api = this.api;
		if (!api || !this.overview) {
			this.queue = [];
			return;
		}
		const pairs = await api.identityReview(QUEUE_SIZE + this.skipped.size);
		this.queue = pairs.filter((p) => !this.skipped.has(pairKey(p))).slice(0, QUEUE_SIZE);
	}

	private async refreshSample(): Promise<void> {
		const api = this.api;
		this.goldenSample = api && this.overview ? await api.goldenSample(SAMPLE_SIZE) : [];
	}

	private async measure(): Promise<void> {
		const api = this.api;
		this.accuracy =
			api && this.overview && this.truths.length > 0
				? await api.identityAccuracy(plainCopy(this.truths))
				: null;
	}

	private async save(): Promise<void> {
		await saveIdentity({ settings: this.plainSettings(), truths: plainCopy(this.truths) });
	}

	/** The settings without Svelte's proxies, as they cross to the worker and IndexedDB. */
	private plainSettings(): IdentitySettings {
		return $state.snapshot(this.settings) as IdentitySettings;
	}
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

export const identity = new Identity(workspace);
