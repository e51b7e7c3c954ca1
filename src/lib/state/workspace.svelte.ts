// The workspace as the UI sees it: the engine's phase and status, the sources, the running job
// with its progress. Components read this and call its actions; they never talk to the worker.
import type { Table } from 'apache-arrow';
import type { MappedView } from '$lib/core/mapped';
import type { TableProfile } from '$lib/core/profile';
import type { QualityReport } from '$lib/core/quality';
import { previewQuery } from '$lib/core/sources/preview';
import type { BenchTiming } from '$lib/core/bench/scenario';
import type {
	ColumnMapping,
	EngineInfo,
	EngineStatus,
	FileImportChoice,
	ImportOutcome,
	Progress,
	ProgressCallback,
	SourceChange,
	WorkspaceSummary
} from '$lib/engine/api';
import { EngineClient } from '$lib/engine/client';
import { clearSmallState, loadSettings, saveSettings } from '$lib/persist/settings';
import { acquireWorkspaceLock } from './tab-lock';

export type EnginePhase = 'idle' | 'starting' | 'ready' | 'locked' | 'failed';

export interface Job {
	label: string;
	progress: Progress | null;
	startedAt: number;
}

export interface StorageEstimate {
	usage: number;
	quota: number;
}

const EMPTY: WorkspaceSummary = { sources: [], demoPersons: null };

export class Workspace {
	phase = $state<EnginePhase>('idle');
	info = $state<EngineInfo | null>(null);
	status = $state<EngineStatus | null>(null);
	storage = $state<StorageEstimate | null>(null);
	summary = $state<WorkspaceSummary>(EMPTY);
	job = $state<Job | null>(null);
	error = $state<string | null>(null);
	notice = $state<string | null>(null);
	/** The country (ISO code) phone numbers without an international prefix are read as. */
	phoneCountry = $state<string | null>(null);
	private client: EngineClient | null = null;

	/** The engine client, for state classes of other areas (never for components). */
	get engine(): EngineClient | null {
		return this.phase === 'ready' ? this.client : null;
	}

	get ready(): boolean {
		return this.phase === 'ready';
	}

	get hasData(): boolean {
		return this.summary.sources.length > 0;
	}

	async boot(): Promise<void> {
		if (this.phase !== 'idle') return;
		this.phase = 'starting';
		try {
			if (!(await acquireWorkspaceLock())) {
				this.phase = 'locked';
				return;
			}
			this.client = new EngineClient();
			const { phoneCountry } = await loadSettings();
			this.info = await this.client.start({
				persistent: true,
				origin: location.origin,
				phoneCountry
			});
			this.phoneCountry = phoneCountry;
			// Ready only once the saved workspace is read, so no page flashes an empty state.
			this.summary = await this.client.api.workspace();
			this.phase = 'ready';
			await this.refreshStatus();
		} catch (error) {
			this.phase = 'failed';
			this.error = messageOf(error);
		}
	}

	async refreshStatus(): Promise<void> {
		if (!this.client || this.phase !== 'ready') return;
		this.status = await this.client.api.status();
		const estimate = await navigator.storage?.estimate?.();
		this.storage = estimate ? { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0 } : null;
	}

	async loadDemo(persons: number): Promise<void> {
		const client = this.client;
		if (!client || this.job) return;
		await this.runJob(
			`Generating the demo retailer (${persons.toLocaleString('en-US')} persons)`,
			async () => {
				this.summary = await client.loadDemo(persons, this.showProgress);
				this.notice = `Demo loaded: ${this.summary.sources.length} sources.`;
			}
		);
	}

	/** Times one benchmark scenario in the engine (see src/lib/core/bench); not a job. */
	async runBenchmark(scenario: string, size: number, file?: File): Promise<BenchTiming> {
		if (!this.client || this.phase !== 'ready') throw new Error('The engine is not ready yet.');
		return this.client.api.runBenchmark(scenario, size, file);
	}

	async importFile(fileId: string, choice: FileImportChoice): Promise<ImportOutcome | null> {
		const client = this.client;
		if (!client || this.job) return null;
		let outcome: ImportOutcome | null = null;
		await this.runJob(`Importing ${choice.name}`, async () => {
			outcome = await client.importFile(fileId, choice, this.showProgress);
			this.summary = outcome.summary;
			const rate = outcome.seconds > 0 ? Math.round(outcome.rowCount / outcome.seconds) : 0;
			this.notice = [
				`Imported ${outcome.rowCount.toLocaleString('en-US')} rows into '${choice.name}' in ${outcome.seconds.toFixed(1)} s (${rate.toLocaleString('en-US')} rows/s).`,
				...outcome.warnings
			].join(' ');
		});
		return outcome;
	}

	async removeSource(sourceId: string): Promise<void> {
		const client = this.client;
		if (!client || this.job) return;
		await this.runJob('Removing the source', async () => {
			this.summary = await client.api.removeSource(sourceId);
		});
	}

	/** The data quality report of all sources, computed as a job (with progress and cancel). */
	async qualityReport(): Promise<QualityReport | null> {
		const client = this.client;
		if (!client || this.job) return null;
		let report: QualityReport | null = null;
		await this.runJob('Assessing data quality', async () => {
			report = await client.qualityReport(this.showProgress);
		});
		return report;
	}

	async sourceMapping(sourceId: string): Promise<ColumnMapping[]> {
		return this.client ? this.client.api.sourceMapping(sourceId) : [];
	}

	/** What the builder of the source's mapped view decided, as last built. */
	async mappedView(sourceId: string): Promise<MappedView | null> {
		return this.client ? this.client.api.mappedView(sourceId) : null;
	}

	async updateSource(sourceId: string, change: SourceChange): Promise<void> {
		const client = this.client;
		if (!client || this.job) return;
		await this.runJob(`Saving ${change.name}`, async () => {
			this.summary = await client.api.updateSource(sourceId, change);
			this.notice = `Saved '${change.name}'.`;
		});
	}

	/** The countries whose phone numbers the engine reads (ISO codes). */
	async phoneCountries(): Promise<string[]> {
		return this.client ? this.client.api.phoneCountries() : [];
	}

	/** Reads every phone again with `country` as the default country, then remembers it. */
	async setPhoneCountry(country: string): Promise<void> {
		const client = this.client;
		if (!client || this.job) return;
		await this.runJob(`Reading phone numbers again as ${country} numbers`, async () => {
			await client.api.setPhoneCountry(country);
			await saveSettings({ ...(await loadSettings()), phoneCountry: country });
			this.phoneCountry = country;
			this.notice = `Phone numbers without an international prefix are now read as ${country} numbers.`;
		});
	}

	async profileSource(sourceId: string): Promise<TableProfile | null> {
		return this.client ? this.client.api.profileSource(sourceId) : null;
	}

	/**
	 * Runs another area's long action as the workspace's job: the job bar shows its progress and
	 * offers cancel. Resolves false when another job is running or the action failed.
	 */
	async runAsJob(
		label: string,
		work: (client: EngineClient, onProgress: ProgressCallback) => Promise<void>
	): Promise<boolean> {
		const client = this.client;
		if (!client || this.job) return false;
		let done = false;
		await this.runJob(label, async () => {
			await work(client, this.showProgress);
			done = true;
		});
		return done;
	}

	async cancelJob(): Promise<void> {
		await this.client?.api.cancel();
	}

	async preview(tableName: string): Promise<Table | null> {
		if (!this.client) return null;
		return this.client.query(previewQuery(tableName));
	}

	/** Deletes the database and every small-state key, then starts again from an empty workspace. */
	async clearAllData(): Promise<void> {
		await this.runJob('Deleting all local data', async () => {
			await this.client?.api.destroyDatabase();
			this.client?.terminate();
			this.client = null;
			await clearSmallState();
		});
		location.reload();
	}

	/** Passed to the engine as a job's progress callback. */
	private readonly showProgress = (progress: Progress): void => {
		if (this.job) this.job.progress = progress;
	};

	private async runJob(label: string, work: () => Promise<void>): Promise<void> {
		this.job = { label, progress: null, startedAt: performance.now() };
		this.error = null;
		this.notice = null;
		try {
			await work();
		} catch (error) {
			const message = messageOf(error);
			this.error = message === 'Cancelled' ? null : message;
			this.notice = message === 'Cancelled' ? 'Cancelled: the workspace is as it was.' : null;
		} finally {
			this.job = null;
			await this.refreshStatus().catch(() => undefined);
		}
	}
}

function messageOf(error: unknown): string {
	if (error instanceof Error) return error.message;
	return String(error);
}

export const workspace = new Workspace();
