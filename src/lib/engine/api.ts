// The one typed API between the page and the engine worker. Calls are coarse (one per user
// action); query results cross as Arrow IPC bytes, transferred rather than copied.
import type { ColumnSuggestion, KindSuggestion } from '../core/roles';
import type { MappedView, ReadingChoice, ReadingDecision } from '../core/mapped';
import type { TableProfile } from '../core/profile';
import type { QualityReport } from '../core/quality';
import type { CsvOptions } from '../core/sources/csv-options';
import type { FileFormat, WorkbookSheets } from '../core/sources/formats/record-batch';
import type {
	CustomerExplanation,
	CustomerHit,
	IdentityOverview,
	PairwiseAccuracy,
	ReviewPair,
	TruthColumn
} from '../core/identity/workspace-identity';
import type { GoldenSampleRow } from '../core/identity/golden-sample';
import type { IdentitySettings } from '../core/identity/types';
import type { Build360Options } from '../core/customer360/build';
import type { Build360State } from '../core/customer360/build-state';
import type { EventKind } from '../core/customer360/event-kinds';
import type { CustomerListQuery } from '../core/customer360/customer-list';
import type { CustomerProfile } from '../core/customer360/customer-profile';
import type { IndicatorsInfo } from '../core/indicators/build';
import type { IndicatorCharts } from '../core/indicators/charts-data';
import type { IndicatorFilter } from '../core/indicators/members';
import type { IndicatorState } from '../core/indicators/run-state';
import type { IndicatorSettings, LifecycleStage } from '../core/indicators/settings';
import type { BenchTiming } from '../core/bench/scenario';
import type { SegmentAnswer } from '../core/segments/answers';
import type { SegmentCount } from '../core/segments/count';
import type { Rule, SegmentDefinition } from '../core/segments/definition';
import type { Waterfall } from '../core/segments/exclusive';
import type { Overlaps } from '../core/segments/overlaps';
import type { HintSource, ValueHints } from '../core/segments/value-hints';
import type { MemberExportRequest, SegmentFieldsInfo } from '../core/segments/workspace-segments';
import type { PipelineStep, StepReading } from '../core/workspace/pipeline-plan';
import type { PipelineSettings } from '../core/workspace/pipeline-status';
import type { WorkspaceDecision, WorkspaceFile } from '../core/workspace/workspace-file';
import type { PageSettings } from '../core/workspace/workspace-export';
import type { AppliedSources } from '../core/workspace/workspace-file-sources';

export type { IndicatorsInfo };

export type BundleName = 'eh' | 'mvp';
export type Persistence = 'opfs' | 'memory';

export interface EngineInfo {
	duckdbVersion: string;
	bundle: BundleName;
	persistence: Persistence;
	/** Why the database is not persistent, when it is not; what was recovered on opening, when it is. */
	persistenceNote: string | null;
	/** Milliseconds from the start call to a usable connection. */
	startMs: number;
}

export interface EngineStatus extends EngineInfo {
	/** Memory held by DuckDB's buffer manager, in bytes. */
	memoryBytes: number;
	memoryLimitBytes: number;
	/** Size of the database file, in bytes (0 in memory). */
	databaseBytes: number;
}

export interface SourceSummary {
	sourceId: string;
	name: string;
	kind: 'profile' | 'event';
	tableName: string;
	fileName: string;
	origin: 'demo' | 'file';
	rowCount: number;
	columnCount: number;
	addedAt: number;
}

export interface WorkspaceSummary {
	sources: SourceSummary[];
	demoPersons: number | null;
}

export interface Progress {
	done: number;
	total: number;
	label: string;
	/** Set when `done` and `total` count bytes of a file being read: how many are read a second. */
	bytesPerSecond?: number;
}

export type ProgressCallback = (progress: Progress) => void;

export interface StartOptions {
	/** Try to keep the database on OPFS. */
	persistent: boolean;
	/** The site's own origin: extension requests, if any slipped through, stay on it. */
	origin: string;
	/** The country (ISO code) phone numbers without an international prefix belong to; 'FR' if unset. */
	phoneCountry?: string;
}

export interface EngineApi {
	start(options: StartOptions): Promise<EngineInfo>;
	status(): Promise<EngineStatus>;
	/** Runs one query; resolves with Arrow IPC stream bytes. Cancellable with `cancel`. */
	query(sqlText: string): Promise<Uint8Array>;
	exec(sqlText: string): Promise<void>;
	/** Makes a user's file readable by DuckDB under `name` without copying it into memory. */
	registerFile(name: string, file: File): Promise<void>;
	dropFile(name: string): Promise<void>;
	workspace(): Promise<WorkspaceSummary>;
	/** Generates the demo retailer's exports; replaces any earlier demo. */
	loadDemo(persons: number, onProgress: ProgressCallback): Promise<WorkspaceSummary>;
	/**
	 * Times one benchmark scenario (src/lib/core/bench) in a scratch in-memory database: the
	 * seconds of its run step only, set-up excluded. `file` is the CSV a CSV scenario reads.
	 */
	runBenchmark(scenario: string, size: number, file?: File): Promise<BenchTiming>;
	/**
	 * Reads a file's first bytes and rows; `options` re-reads a delimited text file with the
	 * user's choices, `sheet` reads that sheet of an Excel workbook (else its first with data).
	 * Parquet, JSON, NDJSON and Excel files are read in JavaScript in the worker.
	 */
	inspectFile(file: File, options?: CsvOptions, sheet?: string): Promise<FileInspection>;
	/** Imports an inspected file as a new source, in one transaction. */
	importFile(
		fileId: string,
		choice: FileImportChoice,
		onProgress: ProgressCallback
	): Promise<ImportOutcome>;
	/** Forgets an inspected file that will not be imported. */
	discardFile(fileId: string): Promise<void>;
	removeSource(sourceId: string): Promise<WorkspaceSummary>;
	/** The confirmed role and reading choices of each column of a source, in column order. */
	sourceMapping(sourceId: string): Promise<ColumnMapping[]>;
	/** Renames a source, changes its kind or its mapping, and rebuilds its mapped view (one transaction). */
	updateSource(sourceId: string, change: SourceChange): Promise<WorkspaceSummary>;
	/** What the builder of a source's mapped view decided (notes, readings); null before it is built. */
	mappedView(sourceId: string): Promise<MappedView | null>;
	/** Per column: type, fill, distinct values, top values, range, patterns, role failures. */
	profileSource(sourceId: string): Promise<TableProfile>;
	/** Contactability, validity, duplicates, overlaps, junk and freshness of all sources. */
	qualityReport(onProgress: ProgressCallback): Promise<QualityReport>;
	/** The countries whose phone numbers the engine reads (ISO codes such as 'FR'). */
	phoneCountries(): Promise<string[]>;
	/**
	 * Makes `country` the default country of phone numbers written without an international
	 * prefix, reading every phone of the workspace again with it (one transaction).
	 */
	setPhoneCountry(country: string): Promise<void>;
	/** Resolves the profile records into customers with these settings (one transaction). */
	runIdentity(settings: IdentitySettings, onProgress: ProgressCallback): Promise<IdentityOverview>;
	/**
	 * The last run read back (model, metrics, threshold explorer), and why it is stale against
	 * `settings` and the workspace as it is now; null when identity resolution never ran.
	 */
	identityOverview(settings: IdentitySettings): Promise<IdentityOverview | null>;
	/** The pairs the model is least sure about, unlabelled, nearest the threshold first. */
	identityReview(limit: number): Promise<ReviewPair[]>;
	/** Labels two records as the same person or not; null forgets the label. */
	decidePair(
		recordA: string,
		recordB: string,
		same: boolean | null,
		origin: 'manual' | 'review'
	): Promise<void>;
	/** Pairwise precision, recall and F1 of the customers against truth columns; null before a run. */
	identityAccuracy(truths: TruthColumn[]): Promise<PairwiseAccuracy | null>;
	/** When identity resolution last ran, its threshold and rules; null when it never ran. */
	identityRun(): Promise<IdentityRunInfo | null>;
	/**
	 * The first `limit` golden records of the last run, customers with most records first; empty
	 * when identity resolution never ran.
	 */
	goldenSample(limit: number): Promise<GoldenSampleRow[]>;
	/**
	 * A customer's records side by side and every pair of them scored, comparison by comparison;
	 * null when identity resolution never ran or no customer has this id.
	 */
	explainIdentity(customerId: string): Promise<CustomerExplanation | null>;
	/** Customers by part of a name, an e-mail, a phone, a record or customer id (at most 20). */
	searchCustomers(text: string): Promise<CustomerHit[]>;
	/** Links every event to the customers and computes their KPIs (one transaction). */
	build360(options: Build360Options, onProgress: ProgressCallback): Promise<Build360State>;
	/** The last 360° build, why it is stale ([] when current) and the 360 table's columns. */
	customers360(asOf: string | null, kinds: Record<string, EventKind>): Promise<Customers360Info>;
	/** The matching customers' count and one page of them (Arrow IPC bytes). */
	customerPage(query: CustomerListQuery): Promise<{ total: number; rows: Uint8Array }>;
	/** One customer's golden record, records, KPIs and events; null when unknown. */
	customerProfile(customerId: string): Promise<CustomerProfile | null>;
	/** The 360 table's chosen columns as a CSV or Parquet file. */
	export360(
		columns: string[],
		format: 'csv' | 'parquet',
		onProgress: ProgressCallback
	): Promise<{ bytes: Uint8Array; fileName: string; mimeType: string }>;
	/** The last indicator build and why it is stale ([] when current) for these settings. */
	indicators(settings: IndicatorSettings): Promise<IndicatorsInfo>;
	/** RFM, purchase and spend models, scores and lifecycle stages of every customer. */
	buildIndicators(
		settings: IndicatorSettings,
		onProgress: ProgressCallback
	): Promise<IndicatorState>;
	/** The RFM grid and segments, churn, CLV and propensity distributions of the last build. */
	indicatorCharts(): Promise<IndicatorCharts>;
	/** Customers per (stage at `from`, stage at `to`), every customer of the 360° view counted. */
	lifecycleShift(from: string, to: string, stages: LifecycleStage[]): Promise<ShiftCell[]>;
	/** How many customers a mark selects and one page of them (Arrow IPC bytes, CLV first). */
	indicatorMembers(
		filter: IndicatorFilter,
		offset: number,
		limit: number
	): Promise<{ total: number; rows: Uint8Array }>;
	/**
	 * What segment conditions can use: the fields of the 360° table and indicators, the kinds of
	 * linked events with their types, and the as-of date relative dates count from.
	 */
	segmentFields(): Promise<SegmentFields>;
	/** Top values (text) or range and quartiles (numbers, days) of a field; null if unknown. */
	valueHints(source: HintSource): Promise<ValueHints | null>;
	/**
	 * The audience of a rule being edited: customers, share, revenue and its share. `segments`
	 * are the saved ones its membership conditions may use; `segmentId` the segment edited (a
	 * condition must not refer back to it). Latest wins: a count still waiting or running when a
	 * newer one arrives answers 'superseded' (the running query is interrupted).
	 */
	segmentCount(
		rule: Rule,
		segments: SegmentDefinition[],
		segmentId: string | null
	): Promise<SegmentAnswer<SegmentCount & { ms: number }>>;
	/** The first `limit` members (≤ 500; Arrow IPC, PREVIEW_COLUMNS), highest revenue first; latest wins. */
	segmentPreview(
		rule: Rule,
		segments: SegmentDefinition[],
		segmentId: string | null,
		limit: number
	): Promise<SegmentAnswer<Uint8Array>>;
	/** Sizes, pairwise overlaps and exact intersections of saved segments (≤ 12), by id. */
	segmentOverlaps(segments: SegmentDefinition[], ids: string[]): Promise<SegmentAnswer<Overlaps>>;
	/** The priority waterfall of saved segments in the order of `ids`, with the rest. */
	exclusiveSegments(
		segments: SegmentDefinition[],
		ids: string[]
	): Promise<SegmentAnswer<Waterfall>>;
	/**
	 * A saved segment's members as a file: CSV or Parquet with chosen columns of the 360° table,
	 * or the hashed audience for ad platforms (SHA-256 of normalised e-mails and E.164 phones).
	 */
	exportSegment(
		segmentId: string,
		segments: SegmentDefinition[],
		request: SegmentExportRequest,
		onProgress: ProgressCallback
	): Promise<SegmentAnswer<{ bytes: Uint8Array; fileName: string; mimeType: string }>>;
	/** A saved segment's definition as standalone DuckDB SQL over the exported tables. */
	segmentSql(segmentId: string, segments: SegmentDefinition[]): Promise<SegmentAnswer<string>>;
	/** Whether each pipeline step ran and why it is out of date, from its saved run alone. */
	pipelineStatus(settings: PipelineSettings): Promise<Record<PipelineStep, StepReading>>;
	/** The workspace file: the sources' mappings and decisions, with the page's settings. */
	workspaceFile(settings: PageSettings): Promise<WorkspaceFile>;
	/**
	 * Applies a workspace file's sources to those here (same file name): name, kind, mapping and
	 * decisions; the others are returned as waiting for their file.
	 */
	applyWorkspaceFile(
		file: WorkspaceFile
	): Promise<{ applied: AppliedSources; summary: WorkspaceSummary }>;
	/**
	 * Saves the decisions of a workspace file whose two sources are here now, `ids` naming the
	 * file's source ids as here; returns how many.
	 */
	applyWaitingDecisions(decisions: WorkspaceDecision[], ids: [string, string][]): Promise<number>;
	/** Cancels the running call; its changes are rolled back. */
	cancel(): Promise<void>;
	/** Closes the database and deletes its files. The engine must be started again afterwards. */
	destroyDatabase(): Promise<void>;
}

/** One cell of the lifecycle shift matrix. */
export interface ShiftCell {
	from_stage: string;
	to_stage: string;
	customers: number;
}

/** The 360° view as the Customers area first sees it. */
export interface Customers360Info {
	state: Build360State | null;
	stale: string[];
	columns: { name: string; type: string }[];
	/** The event sources with the kind suggested for each (or chosen), for the kind pickers. */
	eventSources: { sourceId: string; name: string; kind: EventKind }[];
}

/** What a customer's explanation needs to know of the last identity run. */
export interface IdentityRunInfo {
	ranAt: number;
	threshold: number;
	/** The deterministic rules of that run: a link's reason names one by its id. */
	rules: { id: string; label: string }[];
}

/** How a file will be read, as shown to the user before importing it (all choices editable). */
export interface FileInspection {
	/** A handle for the file kept by the worker until it is imported or discarded. */
	fileId: string;
	fileName: string;
	sizeBytes: number;
	/** What the first bytes say about the file, in words. */
	encodingNote: string | null;
	/** The format found from the name and first bytes; null when Concord does not read it. */
	format: FileFormat | null;
	/** How a Parquet, JSON or Excel file is read ("Sheet 'Customers' …"), in words. */
	formatNote: string | null;
	/** An Excel workbook's sheets and the one read, kept when that sheet cannot be read. */
	sheets: WorkbookSheets | null;
	/** Remarks on the columns (renamed, differing between records), in words. */
	warnings: string[];
	/** How a delimited text file is read; null for the other formats. */
	options: CsvOptions | null;
	/** Why the file cannot be imported, when it cannot. */
	error: string | null;
	columns: string[];
	kind: KindSuggestion | null;
	mapping: ColumnSuggestion[];
	/** How the date and number columns read in the first rows, and why. */
	readings: ReadingDecision[];
	/** The first rows as Arrow IPC bytes. */
	preview: Uint8Array | null;
}

export interface FileImportChoice {
	name: string;
	kind: 'profile' | 'event';
	/** The delimited text reading options; null for Parquet, JSON, NDJSON and Excel. */
	options: CsvOptions | null;
	/** The sheet of an Excel workbook to import; absent for the other formats. */
	sheet?: string;
	mapping: ColumnMapping[];
	/** The source this file is a newer export of. */
	replaces?: string;
}

/** A column's role, and how the user wants it read when not as the data decide. */
export interface ColumnMapping extends ReadingChoice {
	column: string;
	role: string;
}

export interface SourceChange {
	name: string;
	kind: 'profile' | 'event';
	mapping: ColumnMapping[];
}

export interface ImportOutcome {
	summary: WorkspaceSummary;
	sourceId: string;
	rowCount: number;
	seconds: number;
	warnings: string[];
}

export type SegmentFields = SegmentFieldsInfo;
export type SegmentExportRequest = MemberExportRequest;
