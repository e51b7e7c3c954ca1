// Taking one saved segment out of Concord: its members as a file (CSV or Parquet with columns
// chosen from the 360° table, or the hashed audience for ad platforms), written as the
// workspace's job with its progress, and its definition as standalone DuckDB SQL. The columns
// offered are the 360° table's, read once; the ones ticked first are those the Customers table
// shows. The customer id is always the first column, so a file can be joined back.
import type { SegmentAnswer } from '$lib/core/segments/answers';
import type { SegmentExportRequest } from '$lib/engine/api';
import { loadCustomers360 } from '$lib/persist/customers360';
import { plainCopy } from '$lib/persist/plain-copy';
import { DEFAULT_COLUMNS } from './customers360.svelte';
import { saveFile, type SavedFile } from './save-file';
import { segmentLibrary, type SegmentLibrary } from './segment-library.svelte';
import { workspace, type Workspace } from './workspace.svelte';

export type MemberFileFormat = 'csv' | 'parquet' | 'hashed';

export const KEY_COLUMN = 'customer_id';

export class SegmentExport {
	/** The segment whose members are being exported; null when the dialog is closed. */
	segmentId = $state<string | null>(null);
	format = $state<MemberFileFormat>('csv');
	/** The chosen columns besides the customer id, in the table's order. */
	columns = $state<string[]>([]);
	/** The 360° table's columns with their DuckDB types. */
	available = $state<{ name: string; type: string }[]>([]);
	/** Whether the columns were read once (the first reading ticks the defaults). */
	columnsRead = $state(false);
	problems = $state<string[]>([]);
	exporting = $state(false);
	/** The segment whose SQL is shown, and the engine's answer (null while it is asked). */
	sqlFor = $state<string | null>(null);
	sql = $state<SegmentAnswer<string> | null>(null);
	private defaults: string[] = DEFAULT_COLUMNS;

	constructor(
		private readonly library: SegmentLibrary,
		private readonly workspace: Workspace
	) {}

	async open(segmentId: string): Promise<void> {
		this.segmentId = segmentId;
		this.problems = [];
		const api = this.workspace.engine?.api;
		if (!api) return;
		try {
			// Read at each opening: a rebuilt 360° view may have other columns.
			const settings = await loadCustomers360();
			const info = await api.customers360(settings.asOf, plainCopy(settings.kinds));
			const first = !this.columnsRead;
			this.available = info.columns.filter((c) => c.name !== KEY_COLUMN);
			this.defaults = settings.columns ?? DEFAULT_COLUMNS;
			if (first) this.useDefaults();
			else this.columns = this.columns.filter((c) => this.available.some((a) => a.name === c));
			this.columnsRead = true;
		} catch (error) {
			this.problems = [messageOf(error)];
		}
	}

	close(): void {
		this.segmentId = null;
		this.problems = [];
	}

	toggleColumn(name: string): void {
		const chosen = this.columns.includes(name)
			? this.columns.filter((c) => c !== name)
			: [...this.columns, name];
		this.columns = this.available.map((c) => c.name).filter((c) => chosen.includes(c));
	}

	useDefaults(): void {
		this.columns = this.available.map((c) => c.name).filter((c) => this.defaults.includes(c));
	}

	setAll(on: boolean): void {
		this.columns = on ? this.available.map((c) => c.name) : [];
	}

	/** Writes the file as the workspace's job and hands it to the browser's download. */
	async download(): Promise<void> {
		const segmentId = this.segmentId;
		const segment = segmentId ? this.library.byId(segmentId) : undefined;
		if (!segmentId || !segment || this.exporting) return;
		const request: SegmentExportRequest =
			this.format === 'hashed'
				? { format: 'hashed' }
				: { format: this.format, columns: [KEY_COLUMN, ...this.columns] };
		const segments = plainCopy(this.library.segments);
		const result: { answer?: SegmentAnswer<SavedFile> } = {};
		this.exporting = true;
		this.problems = [];
		const done = await this.workspace.runAsJob(
			`Exporting the members of ${segment.name}`,
			async (client, progress) => {
				result.answer = await client.exportSegment(segmentId, segments, request, progress);
			}
		);
		this.exporting = false;
		const answer = result.answer;
		if (!done || !answer) {
			this.problems = [this.workspace.error ?? 'Another task is running: try again when it ends.'];
		} else if (answer.status === 'ok') {
			saveFile(answer.value);
			this.close();
		} else if (answer.status === 'invalid') {
			this.problems = answer.errors.map((e) => e.message);
		}
	}

	/** Asks the engine for the segment's standalone SQL. */
	async showSql(segmentId: string): Promise<void> {
		const api = this.workspace.engine?.api;
		this.sqlFor = segmentId;
		this.sql = null;
		if (!api) return;
		try {
			const answer = await api.segmentSql(segmentId, plainCopy(this.library.segments));
			if (this.sqlFor === segmentId) this.sql = answer;
		} catch (error) {
			const errors = [{ path: [], message: messageOf(error) }];
			if (this.sqlFor === segmentId) this.sql = { status: 'invalid', errors };
		}
	}

	hideSql(): void {
		this.sqlFor = null;
		this.sql = null;
	}
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

export const segmentExport = new SegmentExport(segmentLibrary, workspace);
