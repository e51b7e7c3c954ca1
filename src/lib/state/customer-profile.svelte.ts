// One customer's page: its profile (golden record, records, KPIs, events) read from the engine,
// with what the page needs to say when the 360° view is missing or has no such customer.
import type { CustomerProfile } from '$lib/core/customer360/customer-profile';
import type { Workspace } from './workspace.svelte';

export type ProfileStatus = 'loading' | 'ready' | 'unknown' | 'failed';

export class CustomerProfileState {
	profile = $state<CustomerProfile | null>(null);
	status = $state<ProfileStatus>('loading');
	error = $state<string | null>(null);

	constructor(
		private readonly workspace: Workspace,
		readonly customerId: string
	) {}

	async load(): Promise<void> {
		const api = this.workspace.engine?.api;
		if (!api) return;
		this.status = 'loading';
		try {
			this.profile = await api.customerProfile(this.customerId);
			this.status = this.profile ? 'ready' : 'unknown';
		} catch (error) {
			this.error = error instanceof Error ? error.message : String(error);
			this.status = 'failed';
		}
	}
}
