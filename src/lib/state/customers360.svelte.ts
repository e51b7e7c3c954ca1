// The 360° view as the Customers area sees it: its settings (as-of date, event kinds, columns;
// kept in IndexedDB), the last build read back with why it is stale, and the customers table —
// its search, quick filters and sort, and the rows fetched block by block as the table scrolls.
// A build is the workspace's job (progress bar, cancel); every other call is one quick request.
// The tricky point: a search or filter typed while an older request is still out must not
// have its answer overwritten by the older one, so each answer is checked against a counter.
import { SvelteSet } from 'svelte/reactivity';
import type { EventKind } from '$lib/core/customer360/event-kinds';
import type { QuickFilter } from '$lib/core/customer360/customer-list';
import type { Customers360Info } from '$lib/engine/api';
import {
	DEFAULT_CUSTOMERS_360,
	loadCustomers360,
	saveCustomers360,
	type Customers360Settings
} from '$lib/persist/customers360';
import { plainCopy } from '$lib/persist/plain-copy';
import { plainRows } from './arrow-rows';
import { failureOf } from './failure';
import { saveFile } from './save-file';
import { workspace, type Workspace } from './workspace.svelte';

/** Rows fetched at a time as the table scrolls. */
export const BLOCK_ROWS = 100;
/** The columns shown until the user chooses others. */
export const DEFAULT_COLUMNS = [
	'first_name',
	'last_name',
	'email',
	'city',
	'orders',
	'revenue',
	'last_purchase_at',
	'preferred_channel',
	'web_sessions_90d',
	'sources'
];

export type Cell = string | number | boolean | Date | null;
export type TableRow = Record<string, Cell>;

export class Customers360 {
	settings = $state<Customers360Settings>({ ...DEFAULT_CUSTOMERS_360 });
	info = $state<Customers360Info | null>(null);
	loaded = $state(false);
	error = $state<string | null>(null);
	search = $state('');
	filters = $state<QuickFilter[]>([]);
	sort = $state<{ column: string; descending: boolean }>({ column: 'revenue', descending: true });
	total = $state(0);
	/** Fetched rows by block number; a block is fetched once per query. */
	blocks = $state<Record<number, TableRow[]>>({});
	/** Milliseconds the last count-and-first-block took, shown beside the count. */
	lastQueryMs = $state<number | null>(null);
	/** Counts the queries answered, so that the table goes back to the top on a new one. */
	queryId = $state(0);
	private settingsRead = false;
	private generation = 0;
	private pending = new SvelteSet<number>();

	constructor(private readonly workspace: Workspace) {}

	get columns(): string[] {
		const known = this.info?.columns.map((c) => c.name) ?? [];
		const chosen = this.settings.columns ?? DEFAULT_COLUMNS;
		return chosen.filter((c) => known.includes(c));
	}

	get built(): boolean {
		return this.info?.state !== null && this.info !== null;
	}

	/** Reads the saved settings once, then the last build and the first rows. */
	async refresh(): Promise<void> {
		const api = this.workspace.engine?.api;
		if (!api) return;
		await this.attempt(async () => {
			if (!this.settingsRead) {
				this.settings = await loadCustomers360();
				this.settingsRead = true;
			}
			this.info = await api.customers360(this.settings.asOf, plainCopy(this.settings.kinds));
			if (this.info.state) await this.query();
		});
		this.loaded = true;
	}

	/** Builds (or rebuilds) the 360° view with the current settings; false when it did not complete. */
	async build(): Promise<boolean> {
		const options = { asOf: this.settings.asOf, kinds: plainCopy(this.settings.kinds) };
		const done = await this.workspace.runAsJob(
			'Building the 360° view',
			async (client, progress) => {
				await client.build360(options, progress);
			}
		);
		if (done) await this.refresh();
		return done;
	}

	/** Exports the shown columns of every customer as a file the browser saves. */
	async exportFile(format: 'csv' | 'parquet'): Promise<void> {
		const columns = ['customer_id', ...this.columns.filter((c) => c !== 'customer_id')];
		const result: { file?: { bytes: Uint8Array; fileName: string; mimeType: string } } = {};
		const label = `Exporting customers as ${format === 'csv' ? 'CSV' : 'Parquet'}`;
		await this.workspace.runAsJob(label, async (client, progress) => {
			result.file = await client.export360(columns, format, progress);
		});
		if (result.file) saveFile(result.file);
	}

	async setAsOf(asOf: string | null): Promise<void> {
		await this.change({ ...this.settings, asOf });
	}

	async setKind(sourceId: string, kind: EventKind): Promise<void> {
		await this.change({ ...this.settings, kinds: { ...this.settings.kinds, [sourceId]: kind } });
	}

	async setColumns(columns: string[]): Promise<void> {
		this.settings = { ...this.settings, columns };
		await this.attempt(() => saveCustomers360(this.settings));
		await this.query();
	}

	setSearch(text: string): Promise<void> {
		this.search = text;
		return this.query();
	}

	toggleFilter(filter: QuickFilter): Promise<void> {
		this.filters = this.filters.includes(filter)
			? this.filters.filter((f) => f !== filter)
			: [...this.filters, filter];
		return this.query();
	}

	sortBy(column: string): Promise<void> {
		this.sort =
			this.sort.column === column
				? { column, descending: !this.sort.descending }
				: { column, descending: true };
		return this.query();
	}

	/** Counts the matching customers and fetches the first block, dropping every other block. */
	async query(): Promise<void> {
		const client = this.workspace.engine;
		if (!client || !this.info?.state) return;
		const generation = ++this.generation;
		this.pending.clear();
		const started = performance.now();
		await this.attempt(async () => {
			const page = await client.customerPage(this.request(0));
			if (generation !== this.generation) return;
			this.total = page.total;
			this.blocks = { 0: plainRows<TableRow>(page.rows) };
			this.queryId += 1;
			this.lastQueryMs = Math.round(performance.now() - started);
		});
	}

	/** Fetches the block holding row `index` unless it is there or on its way. */
	async ensureRow(index: number): Promise<void> {
		const block = Math.floor(index / BLOCK_ROWS);
		const client = this.workspace.engine;
		if (!client || this.blocks[block] || this.pending.has(block) || index >= this.total) return;
		const generation = this.generation;
		this.pending.add(block);
		await this.attempt(async () => {
			const page = await client.customerPage(this.request(block * BLOCK_ROWS));
			if (generation !== this.generation) return;
			this.blocks = { ...this.blocks, [block]: plainRows<TableRow>(page.rows) };
		});
		this.pending.delete(block);
	}

	rowAt(index: number): TableRow | null {
		return this.blocks[Math.floor(index / BLOCK_ROWS)]?.[index % BLOCK_ROWS] ?? null;
	}

	private request(offset: number) {
		return {
			columns: [...this.columns],
			sort: { ...this.sort },
			filters: [...this.filters],
			search: this.search,
			offset,
			limit: BLOCK_ROWS
		};
	}

	private async change(next: Customers360Settings): Promise<void> {
		this.settings = next;
		await this.attempt(async () => {
			await saveCustomers360(this.settings);
			const api = this.workspace.engine?.api;
			if (api) this.info = await api.customers360(next.asOf, plainCopy(next.kinds));
		});
	}

	private async attempt(work: () => Promise<void>): Promise<void> {
		this.error = await failureOf(work);
	}
}

export const customers360 = new Customers360(workspace);
