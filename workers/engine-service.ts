// The engine worker's implementation of EngineApi. It owns the one DuckDB connection, runs one
// user action at a time (a queue), wraps each writing action in a transaction so a failure or a
// cancel leaves the workspace as it was, and checkpoints so that OPFS holds the result.
import * as Comlink from 'comlink';
import type { Db } from '../src/lib/core/db';
import {
	findScenario,
	measureScenario,
	SCRATCH_DATABASE,
	type BenchInput,
	type BenchTiming
} from '../src/lib/core/bench';
import { offlineSettings } from '../src/lib/core/engine-settings';
import { rowsOf, scalarOf } from '../src/lib/core/sql/rows';
import { ident, sql, trusted } from '../src/lib/core/sql/sql';
import { ensureCatalog, listSources, removeSource } from '../src/lib/core/workspace/catalog';
import { importFileAsSource } from '../src/lib/core/workspace/file-import';
import type { CsvOptions } from '../src/lib/core/sources/csv-options';
import { inspectCsv, previewRowsQuery } from '../src/lib/core/sources/inspect-csv';
import { completeCsvOptions, sniffCsv } from '../src/lib/core/sources/sniff';
import { explainReadError } from '../src/lib/core/sources/import-errors';
import {
	fileSizeAdvice,
	isOutOfMemory,
	outOfMemoryMessage
} from '../src/lib/core/sources/file-size';
import { FileIntake, type IntakeFile } from './file-intake';
import { isRecordFormat, openReader } from '../src/lib/core/sources/formats/open-reader';
import type { FileFormat } from '../src/lib/core/sources/formats/record-batch';
import { inspectRecords } from '../src/lib/core/sources/inspect-records';
import { previewQuery } from '../src/lib/core/sources/preview';
import type { TableProfile } from '../src/lib/core/profile';
import { assessQuality, type QualityReport } from '../src/lib/core/quality';
import { profileSource, workspaceMappings } from '../src/lib/core/workspace/source-mappings';
import { loadMapping } from '../src/lib/core/workspace/catalog';
import {
	ensureMappedViews,
	loadMappedView,
	sourcesLackingViews
} from '../src/lib/core/workspace/mapped-views';
import {
	DEFAULT_PHONE_COUNTRY,
	phoneCountries,
	phoneReader
} from '../src/lib/core/mapped/phone-e164';
import { rereadPhoneLookup } from '../src/lib/core/mapped/phone-lookup';
import { changeSource } from '../src/lib/core/workspace/source-settings';
import type { MappedView } from '../src/lib/core/mapped';
import type { FileShape } from '../src/lib/core/sources/encoding';
import { demoPersons, loadDemoWorkspace } from '../src/lib/core/workspace/demo-workspace';
import {
	decidePair,
	explainIdentity,
	identityAccuracy,
	identityOverview,
	identityReview,
	runIdentity,
	searchCustomers,
	type CustomerExplanation,
	type CustomerHit,
	type IdentityOverview,
	type PairwiseAccuracy,
	type ReviewPair,
	type TruthColumn
} from '../src/lib/core/identity/workspace-identity';
import { goldenSample, type GoldenSampleRow } from '../src/lib/core/identity/golden-sample';
import type { IdentitySettings } from '../src/lib/core/identity/types';
import { loadRunState } from '../src/lib/core/identity/run-state';
import { build360, type Build360Options } from '../src/lib/core/customer360/build';
import { addSaleColumn, lacksSaleColumn } from '../src/lib/core/customer360/events';
import {
	loadBuildState,
	staleReasons360,
	type Build360State
} from '../src/lib/core/customer360/build-state';
import type { EventKind } from '../src/lib/core/customer360/event-kinds';
import { eventSourceKinds } from '../src/lib/core/customer360/event-sources';
import {
	customerColumns,
	customerPage,
	type CustomerListQuery
} from '../src/lib/core/customer360/customer-list';
import {
	customerProfile,
	type CustomerProfile
} from '../src/lib/core/customer360/customer-profile';
import { tableToIPC } from 'apache-arrow';
import { exportCustomer360 } from '../src/lib/core/customer360/export-360';
import { buildIndicators, indicatorsInfo } from '../src/lib/core/indicators/build';
import { indicatorCharts, type IndicatorCharts } from '../src/lib/core/indicators/charts-data';
import { lifecycleShift } from '../src/lib/core/indicators/lifecycle';
import { indicatorMembers, type IndicatorFilter } from '../src/lib/core/indicators/members';
import type { IndicatorState } from '../src/lib/core/indicators/run-state';
import type { IndicatorSettings, LifecycleStage } from '../src/lib/core/indicators/settings';
import type { SegmentAnswer } from '../src/lib/core/segments/answers';
import type { Rule, SegmentDefinition } from '../src/lib/core/segments/definition';
import { valueHints, type HintSource } from '../src/lib/core/segments/value-hints';
import {
	countRule,
	exportSegment,
	overlapsOfSegments,
	previewRule,
	segmentFields,
	sqlOfSegment,
	waterfallOfSegments
} from '../src/lib/core/segments/workspace-segments';
import type {
	ColumnMapping,
	EngineApi,
	EngineInfo,
	EngineStatus,
	FileImportChoice,
	FileInspection,
	IdentityRunInfo,
	Customers360Info,
	IndicatorsInfo,
	ShiftCell,
	ImportOutcome,
	ProgressCallback,
	SegmentExportRequest,
	SourceChange,
	StartOptions,
	WorkspaceSummary
} from '../src/lib/engine/api';
import { workspaceFileOf, type PageSettings } from '../src/lib/core/workspace/workspace-export';
import type { WorkspaceDecision, WorkspaceFile } from '../src/lib/core/workspace/workspace-file';
import { pipelineReadings, type PipelineSettings } from '../src/lib/core/workspace/pipeline-status';
import { applyWorkspaceSources } from '../src/lib/core/workspace/workspace-file-sources';
import { applyDecisionList, sourceIdsOf } from '../src/lib/core/workspace/workspace-file-apply';
import { AsyncDb, CancelledError } from './async-db';
import { ReadProgress } from './read-progress';
import { bootDuckDb, deleteDatabaseFiles, type BootedEngine } from './duckdb-boot';
import { DuckDBDataProtocol } from '@duckdb/duckdb-wasm';

/** The name a benchmark's CSV file is registered under while the scenario runs. */
const BENCH_FILE = 'cc_bench_input.csv';
/** The benchmark's scratch database on OPFS, deleted after each run. */
const BENCH_DATABASE_FILE = 'cc_bench.db';

export class EngineService implements EngineApi {
	private engine: BootedEngine | null = null;
	private conn: AsyncDb | null = null;
	private info: EngineInfo | null = null;
	private queue: Promise<unknown> = Promise.resolve();
	private intake: FileIntake | null = null;
	/** The default country of phone numbers, passed to every call that (re)builds a mapped view. */
	private phoneCountry: string = DEFAULT_PHONE_COUNTRY;
	/** The engine's memory limit, which decides which files are too big for the browser. */
	private memoryLimitBytes = 0;
	/** The latest live request of each channel of the segment builder (see `latest`). */
	private readonly tickets = { count: 0, preview: 0 };
	/** The channel of the live request running now, if one is. */
	private running: 'count' | 'preview' | null = null;

	/** Runs calls one after another: a DuckDB connection does one thing at a time. */
	private serial<T>(work: (db: AsyncDb) => Promise<T>): Promise<T> {
		const run = this.queue.then(() => {
			if (!this.conn) throw new Error('The engine is not started.');
			this.conn.resetCancel();
			return work(this.conn);
		});
		this.queue = run.catch(() => undefined);
		return run;
	}

	/** Runs a writing action in one transaction, then saves it to disk. */
	private async transaction<T>(db: AsyncDb, work: (db: Db) => Promise<T>): Promise<T> {
		await db.exec(sql`BEGIN TRANSACTION`);
		try {
			const result = await work(db);
			await db.exec(sql`COMMIT`);
			if (this.engine?.persistence === 'opfs') await db.exec(sql`CHECKPOINT`);
			return result;
		} catch (error) {
			db.resetCancel();
			await db.exec(sql`ROLLBACK`).catch(() => undefined);
			if (isOutOfMemory(error)) {
				throw new Error(outOfMemoryMessage('This step', this.memoryLimitBytes), { cause: error });
			}
			throw error;
		}
	}

	async start(options: StartOptions): Promise<EngineInfo> {
		if (this.info) return this.info;
		const started = performance.now();
		this.engine = await bootDuckDb(options.persistent);
		this.conn = await AsyncDb.connect(this.engine.db);
		this.intake = new FileIntake(this.engine.db);
		for (const statement of offlineSettings(`${options.origin}/duckdb-extensions`)) {
			await this.conn.exec(statement);
		}
		await ensureCatalog(this.conn);
		this.memoryLimitBytes = parseByteSize(
			String(scalarOf(await this.conn.query(sql`SELECT current_setting('memory_limit')`)))
		);
		// A setting saved by hand or by an older release must not stop the app: the default then.
		this.phoneCountry = (await knownCountry(options.phoneCountry)) ?? DEFAULT_PHONE_COUNTRY;
		// A workspace saved before mapped views existed gets them once; if that fails, each
		// source gets its view on its next change instead of the app not starting.
		// Only read first: a transaction checkpoints the file, half a second on every start.
		if ((await sourcesLackingViews(this.conn).catch(() => [])).length > 0) {
			await this.transaction(this.conn, (db) => ensureMappedViews(db, this.phoneCountry)).catch(
				() => undefined
			);
		}
		// An event table of an earlier version gets the sale flag segments and indicators read.
		if (await lacksSaleColumn(this.conn).catch(() => false)) {
			await this.transaction(this.conn, addSaleColumn).catch(() => undefined);
		}
		this.info = {
			duckdbVersion: String(scalarOf(await this.conn.query(sql`SELECT version()`))),
			bundle: this.engine.bundle,
			persistence: this.engine.persistence,
			persistenceNote: this.engine.persistenceNote,
			startMs: Math.round(performance.now() - started)
		};
		return this.info;
	}

	status(): Promise<EngineStatus> {
		return this.serial(async (db) => {
			const [memory] = rowsOf(
				await db.query(sql`SELECT sum(memory_usage_bytes)::DOUBLE AS used,
					(SELECT current_setting('memory_limit')) AS limit_text
				FROM duckdb_memory()`)
			);
			const [size] = rowsOf(
				await db.query(sql`SELECT (block_size * total_blocks)::DOUBLE AS bytes
				FROM pragma_database_size() LIMIT 1`)
			);
			if (!this.info) throw new Error('The engine is not started.');
			return {
				...this.info,
				memoryBytes: Number(memory?.used ?? 0),
				memoryLimitBytes: parseByteSize(String(memory?.limit_text ?? '')),
				databaseBytes: this.info.persistence === 'opfs' ? Number(size?.bytes ?? 0) : 0
			};
		});
	}

	query(sqlText: string): Promise<Uint8Array> {
		return this.serial(async (db) => {
			const bytes = await db.run(sqlText);
			return Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);
		});
	}

	exec(sqlText: string): Promise<void> {
		return this.serial(async (db) => {
			await db.exec(trusted(sqlText));
		});
	}

	async registerFile(name: string, file: File): Promise<void> {
		if (!this.engine) throw new Error('The engine is not started.');
		await this.engine.db.registerFileHandle(
			name,
			file,
			DuckDBDataProtocol.BROWSER_FILEREADER,
			true
		);
	}

	async dropFile(name: string): Promise<void> {
		await this.engine?.db.dropFile(name);
	}

	workspace(): Promise<WorkspaceSummary> {
		return this.serial((db) => summarise(db));
	}

	loadDemo(persons: number, onProgress: ProgressCallback): Promise<WorkspaceSummary> {
		return this.serial(async (db) => {
			await this.transaction(db, (tx) =>
				loadDemoWorkspace(
					tx,
					persons,
					(done, total, label) => onProgress({ done, total, label }),
					this.phoneCountry
				)
			);
			return summarise(db);
		});
	}

	runBenchmark(scenario: string, size: number, file?: File): Promise<BenchTiming> {
		return this.serial(async (db) => {
			const home = ident(String(scalarOf(await db.query(sql`SELECT current_database()`))));
			const input: BenchInput = {};
			if (file) {
				await this.registerFile(BENCH_FILE, file);
				input.csvFile = BENCH_FILE;
			}
			const scratch = await this.prepareScratchFile();
			try {
				return await measureScenario(db, findScenario(scenario), size, input, scratch);
			} finally {
				if (file) await this.dropFile(BENCH_FILE).catch(() => undefined);
				// A cancel also stops the scenario's own clean-up: make sure the workspace is current.
				db.resetCancel();
				await db.exec(sql`USE ${home}; DETACH DATABASE IF EXISTS ${ident(SCRATCH_DATABASE)}`);
				await this.removeScratchFile(scratch);
			}
		});
	}

	/** A scratch database file on OPFS when the workspace is there (it can evict blocks). */
	private async prepareScratchFile(): Promise<string> {
		if (this.engine?.persistence !== 'opfs') return ':memory:';
		await deleteDatabaseFiles(BENCH_DATABASE_FILE);
		// DuckDB opens the write-ahead log beside the file: both need an access handle.
		await this.engine.db.registerOPFSFileName(`opfs://${BENCH_DATABASE_FILE}`);
		await this.engine.db.registerOPFSFileName(`opfs://${BENCH_DATABASE_FILE}.wal`);
		return `opfs://${BENCH_DATABASE_FILE}`;
	}

	private async removeScratchFile(path: string): Promise<void> {
		if (path === ':memory:') return;
		await this.engine?.db.dropFile(path).catch(() => undefined);
		await this.engine?.db.dropFile(`${path}.wal`).catch(() => undefined);
		await deleteDatabaseFiles(BENCH_DATABASE_FILE);
	}

	inspectFile(file: File, options?: CsvOptions, sheet?: string): Promise<FileInspection> {
		return this.serial(async (db) => {
			if (!this.intake) throw new Error('The engine is not started.');
			const entry = await this.intake.add(file);
			const base: FileInspection = {
				fileId: entry.fileId,
				fileName: file.name,
				sizeBytes: file.size,
				encodingNote: entry.shape.kind === 'text' ? entry.shape.encoding.reason : null,
				format: entry.format,
				formatNote: null,
				sheets: null,
				warnings: [],
				options: null,
				error: null,
				columns: [],
				kind: null,
				mapping: [],
				readings: [],
				preview: null
			};
			const refusal = refusalFor(file.name, entry.shape, entry.format);
			if (refusal) return { ...base, error: refusal };
			const size = entry.format
				? fileSizeAdvice(
						file.name,
						file.size,
						entry.format,
						entry.compression,
						this.memoryLimitBytes
					)
				: null;
			if (size?.refusal) return { ...base, error: size.refusal };
			if (size?.warning) base.warnings.push(size.warning);
			if (isRecordFormat(entry.format)) return inspectRecordFile(db, entry, base, sheet);
			try {
				const chosen = options
					? await completeCsvOptions(db, entry.registeredName, options)
					: await sniffCsv(db, entry.registeredName, entry.encoding, entry.compression);
				const inspection = await inspectCsv(db, entry.registeredName, file.name, chosen);
				const preview = await db.run(previewRowsQuery(entry.registeredName, chosen).text);
				return Comlink.transfer(
					{
						...base,
						options: chosen,
						columns: inspection.columns,
						kind: inspection.kind,
						mapping: inspection.mapping,
						readings: inspection.readings,
						preview
					},
					[preview.buffer as ArrayBuffer]
				);
			} catch (error) {
				const message = error instanceof Error ? error.message : String(error);
				return {
					...base,
					error: message.startsWith(`'`) ? message : explainReadError(file.name, error)
				};
			}
		});
	}

	importFile(
		fileId: string,
		choice: FileImportChoice,
		onProgress: ProgressCallback
	): Promise<ImportOutcome> {
		return this.serial(async (db) => {
			if (!this.intake) throw new Error('The engine is not started.');
			const entry = this.intake.get(fileId);
			const { format, file } = entry;
			const started = performance.now();
			const read = new ReadProgress(file, onProgress);
			const pieces = choice.options && this.intake.pieces(entry, choice.options);
			read.begin(pieces !== null || isRecordFormat(format));
			const imported = await this.transaction(db, async (tx) =>
				importFileAsSource(tx, {
					fileName: entry.registeredName,
					displayName: file.name,
					name: choice.name,
					kind: choice.kind,
					options: choice.options,
					csv: pieces
						? { pieces, onRead: (bytesRead) => read.reportShare(bytesRead / entry.source.size) }
						: undefined,
					records: isRecordFormat(format)
						? {
								reader: await openReader(format, file, file.name, { sheet: choice.sheet }),
								onBatch: ({ rowsRead, bytesRead }) => {
									// Between batches: a cancel throws here and the transaction rolls back.
									db.throwIfCancelled();
									read.report(
										bytesRead,
										`Reading ${file.name} (${rowsRead.toLocaleString('en-US')} rows)`
									);
								}
							}
						: undefined,
					mapping: choice.mapping,
					replaces: choice.replaces,
					phoneCountry: this.phoneCountry,
					sheet: choice.sheet
				})
			);
			onProgress({ done: 1, total: 1, label: `${imported.rowCount} rows imported` });
			await this.intake.remove(fileId);
			return {
				summary: await summarise(db),
				sourceId: imported.sourceId,
				rowCount: imported.rowCount,
				seconds: (performance.now() - started) / 1000,
				warnings: imported.warnings
			};
		});
	}

	sourceMapping(sourceId: string): Promise<ColumnMapping[]> {
		return this.serial((db) => loadMapping(db, sourceId));
	}

	mappedView(sourceId: string): Promise<MappedView | null> {
		return this.serial((db) => loadMappedView(db, sourceId));
	}

	updateSource(sourceId: string, change: SourceChange): Promise<WorkspaceSummary> {
		return this.serial(async (db) => {
			await this.transaction(db, async (tx) => {
				await changeSource(tx, sourceId, change, this.phoneCountry);
			});
			return summarise(db);
		});
	}

	profileSource(sourceId: string): Promise<TableProfile> {
		return this.serial((db) => profileSource(db, sourceId));
	}

	qualityReport(onProgress: ProgressCallback): Promise<QualityReport> {
		return this.serial(async (db) =>
			assessQuality(db, await workspaceMappings(db), {
				onProgress: (done, total, label) => onProgress({ done, total, label })
			})
		);
	}

	async discardFile(fileId: string): Promise<void> {
		await this.intake?.remove(fileId);
	}

	removeSource(sourceId: string): Promise<WorkspaceSummary> {
		return this.serial(async (db) => {
			await this.transaction(db, (tx) => removeSource(tx, sourceId));
			return summarise(db);
		});
	}

	phoneCountries(): Promise<string[]> {
		return phoneCountries();
	}

	setPhoneCountry(country: string): Promise<void> {
		return this.serial(async (db) => {
			const { country: code } = await phoneReader(country);
			await this.transaction(db, (tx) => rereadPhoneLookup(tx, code));
			this.phoneCountry = code;
		});
	}

	runIdentity(settings: IdentitySettings, onProgress: ProgressCallback): Promise<IdentityOverview> {
		return this.serial((db) =>
			this.transaction(db, (tx) =>
				runIdentity(tx, settings, (done, total, label) => onProgress({ done, total, label }))
			)
		);
	}

	identityOverview(settings: IdentitySettings): Promise<IdentityOverview | null> {
		return this.serial((db) => identityOverview(db, settings));
	}

	identityReview(limit: number): Promise<ReviewPair[]> {
		return this.serial((db) => identityReview(db, limit));
	}

	decidePair(
		recordA: string,
		recordB: string,
		same: boolean | null,
		origin: 'manual' | 'review'
	): Promise<void> {
		return this.serial((db) =>
			this.transaction(db, (tx) => decidePair(tx, recordA, recordB, same, origin))
		);
	}

	identityAccuracy(truths: TruthColumn[]): Promise<PairwiseAccuracy | null> {
		return this.serial((db) => identityAccuracy(db, truths));
	}

	identityRun(): Promise<IdentityRunInfo | null> {
		return this.serial(async (db) => {
			const state = await loadRunState(db);
			if (!state) return null;
			const { threshold, rules } = state.settings;
			return {
				ranAt: state.ranAt,
				threshold,
				rules: rules.map(({ id, label }) => ({ id, label }))
			};
		});
	}

	goldenSample(limit: number): Promise<GoldenSampleRow[]> {
		return this.serial((db) => goldenSample(db, limit));
	}

	explainIdentity(customerId: string): Promise<CustomerExplanation | null> {
		return this.serial((db) => explainIdentity(db, customerId));
	}

	searchCustomers(text: string): Promise<CustomerHit[]> {
		return this.serial((db) => searchCustomers(db, text));
	}

	build360(options: Build360Options, onProgress: ProgressCallback): Promise<Build360State> {
		return this.serial((db) =>
			this.transaction(db, (tx) =>
				build360(tx, options, (done, total, label) => onProgress({ done, total, label }))
			)
		);
	}

	customers360(asOf: string | null, kinds: Record<string, EventKind>): Promise<Customers360Info> {
		return this.serial(async (db) => {
			const state = await loadBuildState(db);
			return {
				state,
				stale: await staleReasons360(db, state, asOf, kinds),
				columns: state ? await customerColumns(db) : [],
				eventSources: await eventSourceKinds(db, kinds)
			};
		});
	}

	customerPage(query: CustomerListQuery): Promise<{ total: number; rows: Uint8Array }> {
		return this.serial(async (db) => {
			const page = await customerPage(db, query);
			const bytes = tableToIPC(page.rows);
			return Comlink.transfer({ total: page.total, rows: bytes }, [bytes.buffer as ArrayBuffer]);
		});
	}

	export360(
		columns: string[],
		format: 'csv' | 'parquet',
		onProgress: ProgressCallback
	): Promise<{ bytes: Uint8Array; fileName: string; mimeType: string }> {
		return this.serial(async (db) => {
			const file = await exportCustomer360(db, columns, format, {
				onProgress: (done, total) => onProgress({ done, total, label: 'Writing customers' })
			});
			return Comlink.transfer(file, [file.bytes.buffer as ArrayBuffer]);
		});
	}

	customerProfile(customerId: string): Promise<CustomerProfile | null> {
		return this.serial((db) => customerProfile(db, customerId));
	}

	indicators(settings: IndicatorSettings): Promise<IndicatorsInfo> {
		return this.serial((db) => indicatorsInfo(db, settings));
	}

	buildIndicators(
		settings: IndicatorSettings,
		onProgress: ProgressCallback
	): Promise<IndicatorState> {
		return this.serial((db) =>
			this.transaction(db, (tx) =>
				buildIndicators(tx, settings, (done, total, label) => onProgress({ done, total, label }))
			)
		);
	}

	indicatorCharts(): Promise<IndicatorCharts> {
		return this.serial((db) => indicatorCharts(db));
	}

	lifecycleShift(from: string, to: string, stages: LifecycleStage[]): Promise<ShiftCell[]> {
		return this.serial(
			async (db) =>
				rowsOf(await db.query(lifecycleShift(from, to, stages))) as unknown as ShiftCell[]
		);
	}

	indicatorMembers(
		filter: IndicatorFilter,
		offset: number,
		limit: number
	): Promise<{ total: number; rows: Uint8Array }> {
		return this.serial(async (db) => {
			const page = await indicatorMembers(db, filter, offset, limit);
			const bytes = tableToIPC(page.rows);
			return Comlink.transfer({ total: page.total, rows: bytes }, [bytes.buffer as ArrayBuffer]);
		});
	}

	segmentFields() {
		return this.serial((db) => segmentFields(db));
	}

	valueHints(source: HintSource) {
		return this.serial((db) => valueHints(db, source));
	}

	segmentCount(rule: Rule, segments: SegmentDefinition[], segmentId: string | null) {
		return this.latest('count', (db) => countRule(db, rule, segments, segmentId));
	}

	segmentPreview(
		rule: Rule,
		segments: SegmentDefinition[],
		segmentId: string | null,
		limit: number
	): Promise<SegmentAnswer<Uint8Array>> {
		return this.latest('preview', async (db) => {
			const answer = await previewRule(db, rule, segments, segmentId, limit);
			if (answer.status !== 'ok') return answer;
			const bytes = tableToIPC(answer.value);
			return Comlink.transfer({ status: 'ok' as const, value: bytes }, [
				bytes.buffer as ArrayBuffer
			]);
		});
	}

	segmentOverlaps(segments: SegmentDefinition[], ids: string[]) {
		return this.serial((db) => overlapsOfSegments(db, segments, ids));
	}

	exclusiveSegments(segments: SegmentDefinition[], ids: string[]) {
		return this.serial((db) => waterfallOfSegments(db, segments, ids));
	}

	exportSegment(
		segmentId: string,
		segments: SegmentDefinition[],
		request: SegmentExportRequest,
		onProgress: ProgressCallback
	) {
		return this.serial(async (db) => {
			const answer = await exportSegment(db, segmentId, segments, request, {
				onProgress: (done, total) => onProgress({ done, total, label: 'Writing members' })
			});
			if (answer.status !== 'ok') return answer;
			return Comlink.transfer(answer, [answer.value.bytes.buffer as ArrayBuffer]);
		});
	}

	segmentSql(segmentId: string, segments: SegmentDefinition[]) {
		return this.serial((db) => sqlOfSegment(db, segmentId, segments));
	}

	workspaceFile(settings: PageSettings): Promise<WorkspaceFile> {
		return this.serial((db) => workspaceFileOf(db, settings));
	}

	pipelineStatus(settings: PipelineSettings) {
		return this.serial((db) => pipelineReadings(db, settings));
	}

	applyWorkspaceFile(file: WorkspaceFile) {
		return this.serial(async (db) => {
			const applied = await this.transaction(db, (tx) =>
				applyWorkspaceSources(tx, file, this.phoneCountry)
			);
			return { applied, summary: await summarise(db) };
		});
	}

	applyWaitingDecisions(decisions: WorkspaceDecision[], ids: [string, string][]) {
		return this.serial((db) =>
			this.transaction(db, (tx) => applyDecisionList(tx, decisions, sourceIdsOf(ids)))
		);
	}

	/**
	 * Runs a live request of the builder so that the latest wins: one still queued when a newer
	 * one of its channel arrives answers 'superseded' without running, one running is
	 * interrupted (only a request of the same channel is ever interrupted this way).
	 */
	private latest<T>(
		channel: 'count' | 'preview',
		work: (db: AsyncDb) => Promise<SegmentAnswer<T>>
	): Promise<SegmentAnswer<T>> {
		const ticket = ++this.tickets[channel];
		if (this.running === channel) this.conn?.cancel();
		return this.serial(async (db) => {
			if (ticket !== this.tickets[channel]) return { status: 'superseded' };
			this.running = channel;
			try {
				return await work(db);
			} catch (error) {
				if (error instanceof CancelledError && ticket !== this.tickets[channel]) {
					return { status: 'superseded' };
				}
				throw error;
			} finally {
				this.running = null;
			}
		});
	}

	async cancel(): Promise<void> {
		this.conn?.cancel();
	}

	async destroyDatabase(): Promise<void> {
		this.conn?.cancel();
		await this.queue;
		if (this.engine) {
			await this.engine.db.terminate();
		}
		this.engine = null;
		this.conn = null;
		this.info = null;
		// The terminated engine lets go of the file a moment later: deleting waits for it.
		await deleteDatabaseFiles(undefined, { waitForUnlock: true });
	}
}

/** Files Concord does not read, said plainly (`format` is null for all of them but empty ones). */
function refusalFor(fileName: string, shape: FileShape, format: FileFormat | null): string | null {
	if (shape.kind === 'empty') return `'${fileName}' is empty: there is nothing to import.`;
	if (format !== null) return null;
	switch (shape.kind) {
		case 'binary':
			return /\.xlsx?$/i.test(fileName)
				? `'${fileName}' is an Excel 97–2003 workbook (.xls) or a password-protected one: save it as an .xlsx workbook without a password, or as CSV.`
				: `'${fileName}': ${shape.reason}`;
		case 'zip':
			return `'${fileName}' is a zip archive, not an Excel workbook (.xlsx): unzip it first.`;
		case 'gzip':
			return `'${fileName}' is compressed JSON: unzip it first (Concord reads gzip-compressed CSV, and JSON or NDJSON uncompressed).`;
		default:
			return `'${fileName}' is not a format Concord reads: CSV or other delimited text, Parquet, JSON, NDJSON or Excel (.xlsx).`;
	}
}

/**
 * Inspects a Parquet, JSON, NDJSON or Excel file: its first rows, kind and roles, its preview.
 * A workbook's sheets are kept even when the sheet read fails, so that another can be chosen.
 */
async function inspectRecordFile(
	db: AsyncDb,
	entry: IntakeFile,
	base: FileInspection,
	sheet: string | undefined
): Promise<FileInspection> {
	const { file, format } = entry;
	if (!isRecordFormat(format)) return base;
	let sheets: FileInspection['sheets'] = null;
	try {
		const reader = await openReader(format, file, file.name, { sheet });
		sheets = reader.sheets ?? null;
		const taken: { preview?: Uint8Array } = {};
		const inspection = await inspectRecords(db, reader, file.name, async (table) => {
			taken.preview = await db.run(previewQuery(table, 20).text);
		});
		const preview = taken.preview ?? null;
		const found: FileInspection = {
			...base,
			formatNote: inspection.note,
			sheets,
			warnings: [...base.warnings, ...inspection.warnings],
			columns: inspection.columns,
			kind: inspection.kind,
			mapping: inspection.mapping,
			readings: inspection.readings,
			preview
		};
		return preview ? Comlink.transfer(found, [preview.buffer as ArrayBuffer]) : found;
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		return {
			...base,
			sheets,
			error: message.startsWith(`'`) ? message : `'${file.name}' could not be read: ${message}`
		};
	}
}

async function knownCountry(country: string | undefined): Promise<string | null> {
	try {
		return country ? (await phoneReader(country)).country : null;
	} catch {
		return null;
	}
}

async function summarise(db: Db): Promise<WorkspaceSummary> {
	return { sources: await listSources(db), demoPersons: await demoPersons(db) };
}

const UNITS: Record<string, number> = {
	B: 1,
	KB: 1e3,
	MB: 1e6,
	GB: 1e9,
	TB: 1e12,
	KIB: 2 ** 10,
	MIB: 2 ** 20,
	GIB: 2 ** 30,
	TIB: 2 ** 40
};

/** Reads DuckDB's human sizes ("3.1 GiB") back into bytes. */
function parseByteSize(text: string): number {
	const match = /^([\d.]+)\s*([KMGT]?i?B)$/i.exec(text.trim());
	if (!match) return 0;
	return Number(match[1]) * (UNITS[(match[2] ?? 'B').toUpperCase()] ?? 1);
}
