// The workspace file: everything needed to run the pipeline again on the same exports — each
// source's file name, kind and mapping, and the settings of identity resolution, the 360° view,
// the indicators and the saved segments — and nothing of the data. The app exports and imports
// it; `npm run cli -- run` reruns the pipeline from it on native DuckDB. The tricky point: source
// ids belong to one workspace (the demo's differ from a dropped file's), so everything that
// names a source — golden-record source priorities, event kinds, decisions — names it by the
// file's own `id`, which whoever reads the file maps to its own sources.
// Manual same/not-same decisions are kept: they are pairs of record keys (the ids the source
// systems gave their rows), no field of any record, and without them a rerun would not find the
// customers the user confirmed.
import type { EventKind } from '../customer360/event-kinds';
import type { IdentitySettings } from '../identity/types';
import type { IndicatorSettings } from '../indicators/settings';
import type { SegmentDefinition } from '../segments/definition';
import type { FileFormat } from '../sources/formats/record-batch';
import { localDay } from '../segments/member-export';
import type { ColumnRole, ReadOptions, SourceKind } from './catalog';

export const WORKSPACE_FILE_KIND = 'workspace';
export const WORKSPACE_FILE_VERSION = 1;

export interface WorkspaceSourceSpec {
	/** How the rest of the file names this source (the id it had in the exporting workspace). */
	id: string;
	name: string;
	/** The file the source was imported from, as its user named it: how a rerun finds it. */
	fileName: string;
	kind: SourceKind;
	/** The file's format, from its name; null when the name does not say (read as it comes). */
	format: FileFormat | null;
	/** How the file was read (delimited text's delimiter, quote, header…; a workbook's sheet); null: as it comes. */
	read: ReadOptions | null;
	/** Each column's role and reading choices, in column order. */
	mapping: ColumnRole[];
	/** What an event source records, when the user chose it (else suggested again). */
	eventKind?: EventKind;
}

/** "These two records are (not) the same person", by source and record key. */
export interface WorkspaceDecision {
	a: { source: string; key: string };
	b: { source: string; key: string };
	same: boolean;
	origin: 'manual' | 'review';
}

export interface WorkspaceFile {
	concord: typeof WORKSPACE_FILE_KIND;
	version: typeof WORKSPACE_FILE_VERSION;
	/** When it was written (ISO time). */
	savedAt: string;
	/** The country (ISO code) phone numbers without an international prefix are read as. */
	phoneCountry: string;
	/** In the order the workspace lists them, which is the order a rerun imports them in. */
	sources: WorkspaceSourceSpec[];
	/** Rules, switches, threshold, junk guard and golden-record survivorship (by file source id). */
	identity: IdentitySettings;
	decisions: WorkspaceDecision[];
	customers360: { asOf: string | null };
	indicators: IndicatorSettings;
	segments: SegmentDefinition[];
}

/** The file's text: indented JSON, ending with a new line. */
export function workspaceFileText(file: WorkspaceFile): string {
	return `${JSON.stringify(file, null, 2)}\n`;
}

/** A file name with the day (local time): 'concord-workspace-2026-06-30.json'. */
export function workspaceFileName(now = new Date()): string {
	return `concord-workspace-${localDay(now)}.json`;
}

/** The format a file name says, or null (the reader then decides from the bytes). */
export function formatOfFileName(fileName: string): FileFormat | null {
	if (/\.parquet$/i.test(fileName)) return 'parquet';
	if (/\.(xlsx|xlsm)$/i.test(fileName)) return 'xlsx';
	if (/\.(ndjson|jsonl|ldjson)$/i.test(fileName)) return 'ndjson';
	if (/\.(json|geojson)$/i.test(fileName)) return 'json';
	if (/\.(csv|tsv|txt|tab|psv)(\.gz)?$/i.test(fileName)) return 'csv';
	return null;
}
