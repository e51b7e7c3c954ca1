// The page side of the engine: starts the worker, wraps it with comlink and decodes Arrow results.
// The only module on the page that knows the worker exists.
import * as Comlink from 'comlink';
import { tableFromIPC, type Table } from 'apache-arrow';
import type { IdentitySettings } from '$lib/core/identity/types';
import type { Sql } from '$lib/core/sql/sql';
import type { Build360Options } from '$lib/core/customer360/build';
import type { CustomerListQuery } from '$lib/core/customer360/customer-list';
import type { IndicatorSettings } from '$lib/core/indicators/settings';
import EngineWorker from '$workers/engine.worker.ts?worker';
import type { SegmentDefinition } from '$lib/core/segments/definition';
import { plainCopy } from '$lib/persist/plain-copy';
import type {
	EngineApi,
	FileImportChoice,
	ProgressCallback,
	SegmentExportRequest,
	StartOptions
} from './api';

export class EngineClient {
	private readonly worker: Worker;
	readonly api: Comlink.Remote<EngineApi>;

	constructor() {
		this.worker = new EngineWorker({ name: 'concord-engine' });
		this.api = Comlink.wrap<EngineApi>(this.worker);
	}

	start(options: StartOptions) {
		return this.api.start(options);
	}

	async query(statement: Sql): Promise<Table> {
		return tableFromIPC(await this.api.query(statement.text));
	}

	loadDemo(persons: number, onProgress: ProgressCallback) {
		return this.api.loadDemo(persons, Comlink.proxy(onProgress));
	}

	importFile(fileId: string, choice: FileImportChoice, onProgress: ProgressCallback) {
		return this.api.importFile(fileId, choice, Comlink.proxy(onProgress));
	}

	qualityReport(onProgress: ProgressCallback) {
		return this.api.qualityReport(Comlink.proxy(onProgress));
	}

	runIdentity(settings: IdentitySettings, onProgress: ProgressCallback) {
		return this.api.runIdentity(settings, Comlink.proxy(onProgress));
	}

	build360(options: Build360Options, onProgress: ProgressCallback) {
		return this.api.build360(options, Comlink.proxy(onProgress));
	}

	buildIndicators(settings: IndicatorSettings, onProgress: ProgressCallback) {
		return this.api.buildIndicators(settings, Comlink.proxy(onProgress));
	}

	async customerPage(query: CustomerListQuery): Promise<{ total: number; rows: Table }> {
		const page = await this.api.customerPage(query);
		return { total: page.total, rows: tableFromIPC(page.rows) };
	}

	export360(columns: string[], format: 'csv' | 'parquet', onProgress: ProgressCallback) {
		return this.api.export360(columns, format, Comlink.proxy(onProgress));
	}

	/** A saved segment's members as a file (`segments` are copied: page state cannot be posted). */
	exportSegment(
		segmentId: string,
		segments: SegmentDefinition[],
		request: SegmentExportRequest,
		onProgress: ProgressCallback
	) {
		return this.api.exportSegment(
			segmentId,
			plainCopy(segments),
			plainCopy(request),
			Comlink.proxy(onProgress)
		);
	}

	terminate(): void {
		this.api[Comlink.releaseProxy]();
		this.worker.terminate();
	}
}
