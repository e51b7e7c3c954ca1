// The workspace file on the Workspace page: exporting it (the sources' mappings and decisions
// from the engine, the settings and segments this browser keeps) and importing one — its
// sources applied to those already here, its settings and segments saved, and the sources whose
// files are not here yet kept waiting, so that dropping such a file uses its saved mapping.
// The tricky point: an area's state that has read its settings already would write them back
// over the imported ones, so a loaded area is changed through its state, the others directly
// in IndexedDB (read when the area is first opened).
import {
	workspaceFileName,
	workspaceFileText,
	type WorkspaceFile,
	type WorkspaceSourceSpec
} from '$lib/core/workspace/workspace-file';
import {
	eventKindsHere,
	identitySettingsHere,
	sourceIdsOf,
	waitingDecisions,
	withSourceIds
} from '$lib/core/workspace/workspace-file-apply';
import { parseWorkspaceFile } from '$lib/core/workspace/workspace-file-read';
import type { AppliedSources } from '$lib/core/workspace/workspace-file-sources';
import { loadCustomers360, saveCustomers360 } from '$lib/persist/customers360';
import { loadIdentity, saveIdentity } from '$lib/persist/identity';
import { loadIndicatorSettings, saveIndicatorSettings } from '$lib/persist/indicators';
import { plainCopy } from '$lib/persist/plain-copy';
import { loadSegments, putSegments } from '$lib/persist/segments';
import { loadSettings } from '$lib/persist/settings';
import {
	loadWaitingDecisions,
	loadWaitingSources,
	saveWaitingDecisions,
	saveWaitingSources
} from '$lib/persist/waiting-sources';
import { customers360 } from './customers360.svelte';
import { failureOf } from './failure';
import { identity } from './identity.svelte';
import { normaliseSettings } from './identity-settings';
import { indicators } from './indicators.svelte';
import { saveText } from './save-file';
import { segmentLibrary } from './segment-library.svelte';
import { workspace, type Workspace } from './workspace.svelte';

export interface WorkspaceFileReport {
	fileName: string;
	/** Why the file was not applied; [] when it was. */
	errors: string[];
	/** The names of the sources whose mapping was applied. */
	applied: string[];
	segments: number;
	decisions: number;
}

export class WorkspaceFileTransfer {
	/** The imported file's sources still waiting for their file, by file name. */
	waiting = $state<WorkspaceSourceSpec[]>([]);
	report = $state<WorkspaceFileReport | null>(null);
	error = $state<string | null>(null);

	constructor(private readonly workspace: Workspace) {}

	async loadWaiting(): Promise<void> {
		this.waiting = await loadWaitingSources();
	}

	/** Downloads the workspace file: mappings, decisions, settings and segments, never data. */
	async exportFile(): Promise<void> {
		const api = this.workspace.engine?.api;
		if (!api) return;
		this.error = await failureOf(async () => {
			const saved = await loadCustomers360();
			const file = await api.workspaceFile(
				plainCopy({
					phoneCountry: this.workspace.phoneCountry ?? (await loadSettings()).phoneCountry,
					identity: normaliseSettings((await loadIdentity())?.settings),
					customers360: { asOf: saved.asOf, kinds: saved.kinds },
					indicators: await loadIndicatorSettings(),
					segments: await loadSegments()
				})
			);
			saveText(workspaceFileText(file), workspaceFileName(), 'application/json');
		});
	}

	/** Reads a workspace file and applies it; the report says what was applied and what waits. */
	async importFile(chosen: File): Promise<void> {
		const report: WorkspaceFileReport = {
			fileName: chosen.name,
			errors: [],
			applied: [],
			segments: 0,
			decisions: 0
		};
		this.report = null;
		this.error = await failureOf(async () => {
			const read = parseWorkspaceFile(await chosen.text());
			if (!read.value) {
				report.errors = read.errors;
				return;
			}
			const file = read.value;
			const result: { applied?: AppliedSources } = {};
			await this.workspace.runAsJob('Applying the workspace file', async (client) => {
				const answer = await client.api.applyWorkspaceFile(plainCopy(file));
				result.applied = answer.applied;
				this.workspace.summary = answer.summary;
			});
			const applied = result.applied;
			if (!applied) return;
			const ids = sourceIdsOf(applied.ids);
			await applySettings(file, ids);
			await putSegments(file.segments);
			await segmentLibrary.load();
			const kept = (await loadWaitingSources()).filter(
				(s) => !file.sources.some((t) => t.fileName === s.fileName)
			);
			await saveWaitingSources([...kept, ...applied.waiting]);
			// The decisions this file could not save yet replace those an earlier file left waiting.
			await saveWaitingDecisions({
				ids: applied.ids,
				decisions: waitingDecisions(file.decisions, ids)
			});
			await this.loadWaiting();
			report.applied = file.sources.filter((s) => ids.has(s.id)).map((s) => s.name);
			report.segments = file.segments.length;
			report.decisions = applied.decisions;
			if (file.phoneCountry !== this.workspace.phoneCountry) {
				await this.workspace.setPhoneCountry(file.phoneCountry);
			}
		});
		this.report = report;
	}
}

/** Saves the file's identity, 360° and indicator settings, named by this workspace's sources. */
async function applySettings(file: WorkspaceFile, ids: ReadonlyMap<string, string>): Promise<void> {
	const settings = identitySettingsHere(file, ids);
	const kinds = eventKindsHere(file, ids);
	const savedIdentity = await loadIdentity();
	await saveIdentity({ settings, truths: savedIdentity?.truths ?? [] });
	const saved360 = await loadCustomers360();
	await saveCustomers360({
		...saved360,
		asOf: file.customers360.asOf,
		kinds: { ...saved360.kinds, ...kinds }
	});
	await saveIndicatorSettings(file.indicators);
	// Areas already open hold their settings in memory: they take the new ones too.
	if (identity.loaded) await identity.change(settings);
	if (indicators.loaded) await indicators.update(file.indicators);
	if (customers360.loaded) {
		await customers360.setAsOf(file.customers360.asOf);
		for (const [sourceId, kind] of Object.entries(kinds))
			await customers360.setKind(sourceId, kind);
	}
}

/**
 * A waiting source's file was imported as `sourceId`: the settings that named it by the
 * workspace file's id (golden-record source priorities, its event kind) now name it by its own,
 * and the file's decisions whose two sources are here now are saved.
 */
export async function adoptWaitingSource(
	spec: WorkspaceSourceSpec,
	sourceId: string
): Promise<void> {
	await saveReadyDecisions(spec.id, sourceId);
	const ids = sourceIdsOf([[spec.id, sourceId]]);
	const savedIdentity = await loadIdentity();
	if (savedIdentity) {
		const settings = withSourceIds(normaliseSettings(savedIdentity.settings), ids);
		await saveIdentity({ ...savedIdentity, settings });
	}
	if (identity.loaded)
		await identity.change(withSourceIds($state.snapshot(identity.settings), ids));
	if (!spec.eventKind) return;
	const saved360 = await loadCustomers360();
	await saveCustomers360({ ...saved360, kinds: { ...saved360.kinds, [sourceId]: spec.eventKind } });
	if (customers360.loaded) await customers360.setKind(sourceId, spec.eventKind);
}

/** Saves the waiting decisions that the source of file id `fileId`, here now, completes. */
async function saveReadyDecisions(fileId: string, sourceId: string): Promise<void> {
	const waiting = await loadWaitingDecisions();
	if (waiting.decisions.length === 0) return;
	const pairs: [string, string][] = [
		...waiting.ids.filter(([from]) => from !== fileId),
		[fileId, sourceId]
	];
	const ids = sourceIdsOf(pairs);
	const still = waitingDecisions(waiting.decisions, ids);
	if (still.length < waiting.decisions.length) {
		const api = workspace.engine?.api;
		if (!api) return;
		// The engine saves only those whose two sources it is given: the ready ones.
		await api.applyWaitingDecisions(plainCopy(waiting.decisions), pairs);
	}
	await saveWaitingDecisions({ ids: pairs, decisions: still });
}

export const workspaceFile = new WorkspaceFileTransfer(workspace);
