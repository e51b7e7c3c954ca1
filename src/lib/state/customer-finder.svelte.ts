// Finding a customer as a person types: a search a moment after the last key (not one per key),
// and only the answer to the latest text is kept, so a slow early answer never replaces a later
// one. One finder for the session, so going back to it keeps what was found.
import type { CustomerHit } from '$lib/core/identity/customer-search';
import type { IdentityRunInfo } from '$lib/engine/api';
import { workspace, type Workspace } from './workspace.svelte';

const DELAY_MS = 250;

export class CustomerFinder {
	text = $state('');
	hits = $state.raw<CustomerHit[]>([]);
	/** The text the hits answer; null before any search. */
	searchedFor = $state<string | null>(null);
	searching = $state(false);
	error = $state<string | null>(null);
	/** The last identity run; undefined until asked, null when identity has never run. */
	run = $state.raw<IdentityRunInfo | null | undefined>(undefined);
	private timer: ReturnType<typeof setTimeout> | null = null;
	private latest = 0;

	constructor(private readonly workspace: Workspace) {}

	/**
	 * Asks whether (and when) identity resolution ran — the finder only works after it has — and
	 * searches the text again, since a run since the last search may have changed the customers.
	 */
	async refresh(): Promise<void> {
		const engine = this.workspace.engine;
		if (!engine) return;
		this.run = await engine.api.identityRun();
		if (this.run && this.text.trim() !== '') await this.search(this.text);
	}

	/** Takes the text typed so far and searches once typing pauses. */
	type(text: string): void {
		this.text = text;
		if (this.timer) clearTimeout(this.timer);
		if (text.trim() === '') {
			this.latest++;
			this.hits = [];
			this.searchedFor = null;
			this.searching = false;
			return;
		}
		this.timer = setTimeout(() => void this.search(text), DELAY_MS);
	}

	private async search(text: string): Promise<void> {
		const engine = this.workspace.engine;
		if (!engine) return;
		const ticket = ++this.latest;
		this.searching = true;
		try {
			const hits = await engine.api.searchCustomers(text);
			if (ticket !== this.latest) return;
			this.hits = hits;
			this.searchedFor = text;
			this.error = null;
		} catch (error) {
			if (ticket === this.latest)
				this.error = error instanceof Error ? error.message : String(error);
		} finally {
			if (ticket === this.latest) this.searching = false;
		}
	}
}

export const customerFinder = new CustomerFinder(workspace);
