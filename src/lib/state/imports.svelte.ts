// Files on their way in: each one inspected by the engine, shown with its format (and, for
// delimited text, its reading options; for a workbook, the sheet read), first rows, suggested
// mapping and how its dates and numbers read, editable, then imported or discarded. A saved
// mapping (with its reading choices) is re-applied when a file with the same header comes again;
// a newer export of a source keeps that source's reading choices. A file an imported workspace
// file is waiting for (by file name) takes that source's saved name, kind and mapping instead.
import { tableFromIPC, type Table } from 'apache-arrow';
import { SvelteMap } from 'svelte/reactivity';
import type { ReadingChoice } from '$lib/core/mapped';
import { applySavedMapping, headerSignature, type SavedMapping } from '$lib/core/roles';
import type { CsvOptions } from '$lib/core/sources/csv-options';
import { sourceTitle } from '$lib/core/sources/source-names';
import type { FileInspection } from '$lib/engine/api';
import { loadSavedMapping, saveSavedMapping } from '$lib/persist/mappings';
import { loadWaitingSources, takeWaitingSource } from '$lib/persist/waiting-sources';
import { choicesOf, columnMapping } from './column-mapping';
import { adoptWaitingSource } from './workspace-file.svelte';
import type { Workspace } from './workspace.svelte';

export interface PendingImport {
	key: number;
	file: File;
	/** The source this file replaces (a newer export of it), if any. */
	replaces: { sourceId: string; name: string } | null;
	inspection: FileInspection | null;
	preview: Table | null;
	name: string;
	kind: 'profile' | 'event';
	roles: Record<string, string>;
	/** Day/month orders and decimal separators chosen by the user, by column. */
	choices: SvelteMap<string, ReadingChoice>;
	/** The mapping came from an earlier file with the same header. */
	remembered: boolean;
	/** The name, kind and mapping came from an imported workspace file waiting for this file. */
	fromWorkspaceFile: boolean;
	busy: boolean;
	error: string | null;
}

export class Imports {
	pending = $state<PendingImport[]>([]);
	private nextKey = 1;

	constructor(private readonly workspace: Workspace) {}

	/** Inspects files; with `replaces`, the (single) file is a newer export of that source. */
	async add(
		files: Iterable<File>,
		replaces: { sourceId: string; name: string } | null = null
	): Promise<void> {
		for (const file of files) {
			const item: PendingImport = {
				key: this.nextKey++,
				file,
				replaces,
				inspection: null,
				preview: null,
				name: sourceTitle(file.name),
				kind: 'profile',
				roles: {},
				choices: new SvelteMap(),
				remembered: false,
				fromWorkspaceFile: false,
				busy: true,
				error: null
			};
			this.pending.push(item);
			const added = this.pending[this.pending.length - 1]!;
			await this.inspect(added);
			if (replaces) await this.keepChoicesOf(added, replaces.sourceId);
		}
	}

	/** A newer export is read the way its source was: the source's choices, by column name. */
	private async keepChoicesOf(item: PendingImport, sourceId: string): Promise<void> {
		const columns = item.inspection?.columns ?? [];
		for (const [column, choice] of choicesOf(await this.workspace.sourceMapping(sourceId))) {
			if (columns.includes(column)) item.choices.set(column, choice);
		}
	}

	/** Reads the file again with the user's reading options. */
	async reread(item: PendingImport, options: CsvOptions): Promise<void> {
		const old = item.inspection?.fileId;
		await this.inspect(item, options);
		if (old) await this.workspace.engine?.api.discardFile(old);
	}

	/**
	 * Reads another sheet of a workbook: its preview, kind and roles replace the last sheet's, and
	 * the reading choices made for the last sheet's columns are dropped.
	 */
	async chooseSheet(item: PendingImport, sheet: string): Promise<void> {
		const old = item.inspection?.fileId;
		item.choices.clear();
		await this.inspect(item, undefined, sheet);
		if (old) await this.workspace.engine?.api.discardFile(old);
		if (item.replaces) await this.keepChoicesOf(item, item.replaces.sourceId);
	}

	private async inspect(item: PendingImport, options?: CsvOptions, sheet?: string): Promise<void> {
		item.busy = true;
		item.error = null;
		try {
			const engine = this.workspace.engine;
			if (!engine) throw new Error('The engine is not ready yet.');
			const inspection = await engine.api.inspectFile(
				item.file,
				options ? $state.snapshot(options) : undefined,
				sheet
			);
			item.inspection = inspection;
			item.preview = inspection.preview ? tableFromIPC(inspection.preview) : null;
			item.error = inspection.error;
			if (inspection.kind) item.kind = inspection.kind.kind;
			item.roles = Object.fromEntries(inspection.mapping.map((m) => [m.column, m.role]));
			// Another sheet (or reading) has another header: only its own saved mapping applies.
			item.remembered = false;
			item.fromWorkspaceFile = false;
			await this.applyRemembered(item);
			if (!item.replaces) await this.applyWaiting(item);
		} catch (error) {
			item.error = error instanceof Error ? error.message : String(error);
		} finally {
			item.busy = false;
		}
	}

	private async applyRemembered(item: PendingImport): Promise<void> {
		const columns = item.inspection?.columns ?? [];
		if (columns.length === 0) return;
		const saved = await loadSavedMapping(headerSignature(columns));
		if (!saved) return;
		const applied = applySavedMapping(saved, columns);
		for (const entry of applied) item.roles[entry.column] = entry.role;
		for (const [column, choice] of choicesOf(saved.columns)) {
			if (columns.includes(column)) item.choices.set(column, choice);
		}
		item.kind = saved.kind;
		item.remembered = true;
	}

	/** The saved source of an imported workspace file waiting for a file of this name. */
	private async applyWaiting(item: PendingImport): Promise<void> {
		const columns = item.inspection?.columns ?? [];
		const spec = (await loadWaitingSources()).find((s) => s.fileName === item.file.name);
		if (!spec || columns.length === 0) return;
		for (const entry of spec.mapping) {
			if (columns.includes(entry.column)) item.roles[entry.column] = entry.role;
		}
		for (const [column, choice] of choicesOf(spec.mapping)) {
			if (columns.includes(column)) item.choices.set(column, choice);
		}
		item.kind = spec.kind;
		item.name = spec.name;
		item.remembered = false;
		item.fromWorkspaceFile = true;
	}

	async commit(item: PendingImport): Promise<void> {
		const inspection = item.inspection;
		if (!inspection || inspection.columns.length === 0 || item.error) return;
		const columns = inspection.columns;
		const mapping = columnMapping(columns, item.roles, item.choices);
		const outcome = await this.workspace.importFile(inspection.fileId, {
			name: item.replaces?.name ?? item.name,
			kind: item.kind,
			replaces: item.replaces?.sourceId,
			// Delimited text carries its reading options, a workbook its sheet; the other formats
			// are read as they are.
			options: inspection.options ? $state.snapshot(inspection.options) : null,
			sheet: inspection.sheets?.chosen,
			mapping
		});
		if (!outcome) return;
		const saved: SavedMapping = {
			signature: headerSignature(columns),
			kind: item.kind,
			columns: mapping
		};
		await saveSavedMapping(saved);
		if (item.fromWorkspaceFile) {
			const spec = await takeWaitingSource(item.file.name);
			if (spec) await adoptWaitingSource(spec, outcome.sourceId);
		}
		this.pending = this.pending.filter((p) => p.key !== item.key);
	}

	async discard(item: PendingImport): Promise<void> {
		this.pending = this.pending.filter((p) => p.key !== item.key);
		if (item.inspection) await this.workspace.engine?.api.discardFile(item.inspection.fileId);
	}
}
