// The saved segments as the Segments area sees them: the list (IndexedDB), each segment's live
// audience on the current 360° view, the edits made from the list (rename, description, colour,
// duplicate, delete with undo) and the definitions file in and out. The tricky points: counts
// come from the overlaps call, twelve segments a call, and when one segment of a batch does not
// compile the batch is counted again one by one so only that one shows its problem; a recount
// started while an older one is still out wins (each answer is checked against a counter).
import type { SegmentDefinition } from '$lib/core/segments/definition';
import { fitImported, MAX_FILE_CHARS, parseSegmentsJson } from '$lib/core/segments/definition-json';
import { MAX_OVERLAP_SEGMENTS } from '$lib/core/segments/overlaps';
import { plainCopy } from '$lib/persist/plain-copy';
import { deleteSegment, loadSegments, putSegment, putSegments } from '$lib/persist/segments';
import { definitionsFile, referencedIds } from './definitions-file';
import { failureOf } from './failure';
import { saveText } from './save-file';
import { workspace, type Workspace } from './workspace.svelte';

export interface ImportReport {
	fileName: string;
	added: string[];
	problems: string[];
}

export class SegmentLibrary {
	segments = $state<SegmentDefinition[]>([]);
	loaded = $state(false);
	/** Customers of each segment on the current 360° view, by id. */
	counts = $state<Record<string, number>>({});
	/** Why a segment cannot be counted, by id. */
	problems = $state<Record<string, string>>({});
	/** Customers of the 360° view; null until counted. */
	customers = $state<number | null>(null);
	/** The 360° view's as-of date; null when it is not built, undefined until asked. */
	asOf = $state<string | null | undefined>(undefined);
	counting = $state(false);
	error = $state<string | null>(null);
	/** The segment last deleted, until undone or another is deleted. */
	deleted = $state<SegmentDefinition | null>(null);
	imported = $state<ImportReport | null>(null);
	private generation = 0;

	constructor(private readonly workspace: Workspace) {}

	/** Newest first. */
	get sorted(): SegmentDefinition[] {
		return [...this.segments].sort(
			(a, b) => b.createdAt - a.createdAt || a.name.localeCompare(b.name)
		);
	}

	byId(id: string): SegmentDefinition | undefined {
		return this.segments.find((s) => s.id === id);
	}

	/** The other segments whose rule refers to this one. */
	referrers(id: string): SegmentDefinition[] {
		return this.segments.filter((s) => s.id !== id && referencedIds(s.rule).includes(id));
	}

	async load(): Promise<void> {
		await this.attempt(async () => {
			this.segments = await loadSegments();
		});
		this.loaded = true;
	}

	/** Counts every segment again on the 360° view as it is now. */
	async refreshCounts(): Promise<void> {
		const api = this.workspace.engine?.api;
		if (!api) return;
		const generation = ++this.generation;
		const current = () => generation === this.generation;
		this.counting = true;
		await this.attempt(async () => {
			const fields = await api.segmentFields();
			if (!current()) return;
			this.asOf = fields.asOf;
			if (fields.asOf === null) return;
			await this.count(
				this.segments.map((s) => s.id),
				current
			);
		});
		if (current()) this.counting = false;
	}

	/** Counts a few segments (new ones) without stopping a recount of all of them. */
	private async countSome(ids: string[]): Promise<void> {
		if (this.asOf) await this.attempt(() => this.count(ids, () => true));
	}

	/** Counts in batches of twelve; a batch that does not compile is counted one by one. */
	private async count(ids: string[], current: () => boolean): Promise<void> {
		const api = this.workspace.engine?.api;
		if (!api) return;
		const segments = plainCopy(this.segments);
		const batches: string[][] = [];
		for (let i = 0; i < ids.length; i += MAX_OVERLAP_SEGMENTS) {
			batches.push(ids.slice(i, i + MAX_OVERLAP_SEGMENTS));
		}
		for (let batch = batches.shift(); batch; batch = batches.shift()) {
			const answer = await api.segmentOverlaps(segments, batch);
			if (!current()) return;
			if (answer.status === 'ok') {
				this.customers = answer.value.customers;
				const sizes = batch.map((id, i) => [id, answer.value.sizes[i] ?? 0]);
				this.counts = { ...this.counts, ...Object.fromEntries(sizes) };
				this.problems = Object.fromEntries(
					Object.entries(this.problems).filter(([id]) => !batch.includes(id))
				);
			} else if (answer.status === 'invalid' && batch.length > 1) {
				batches.unshift(...batch.map((id) => [id]));
			} else if (answer.status === 'invalid') {
				const id = batch[0]!;
				const prefix = `${segments.find((s) => s.id === id)?.name ?? ''}: `;
				const messages = answer.errors.map((e) =>
					e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message
				);
				this.problems = { ...this.problems, [id]: messages.join(' · ') };
			}
		}
	}

	rename(id: string, name: string): Promise<void> {
		const trimmed = name.trim().slice(0, 200);
		return trimmed ? this.update(id, { name: trimmed }) : Promise.resolve();
	}

	describe(id: string, description: string): Promise<void> {
		return this.update(id, { description: description.trim().slice(0, 4000) });
	}

	recolour(id: string, colour: string): Promise<void> {
		return /^#[0-9a-f]{6}$/i.test(colour) ? this.update(id, { colour }) : Promise.resolve();
	}

	/** A copy named "Copy of …" with a new id; returns it. */
	async duplicate(id: string): Promise<SegmentDefinition | null> {
		const source = this.byId(id);
		if (!source) return null;
		const now = Date.now();
		const names = this.segments.map((s) => s.name.toLowerCase());
		let name = `Copy of ${source.name}`;
		for (let n = 2; names.includes(name.toLowerCase()); n++) name = `Copy of ${source.name} (${n})`;
		const copy = {
			...plainCopy(source),
			id: crypto.randomUUID(),
			name,
			createdAt: now,
			updatedAt: now
		};
		await this.attempt(async () => {
			this.segments = await putSegment(copy);
		});
		void this.countSome([copy.id]);
		return copy;
	}

	async remove(id: string): Promise<void> {
		const segment = this.byId(id);
		if (!segment) return;
		await this.attempt(async () => {
			this.segments = await deleteSegment(id);
			this.deleted = plainCopy(segment);
		});
		// Segments that referred to it no longer compile: count them again.
		const referrers = this.segments.filter((s) => referencedIds(s.rule).includes(id));
		if (referrers.length > 0) void this.countSome(referrers.map((s) => s.id));
	}

	async undoRemove(): Promise<void> {
		const segment = this.deleted;
		if (!segment) return;
		await this.attempt(async () => {
			this.segments = await putSegment(segment);
			this.deleted = null;
		});
		// It is back, and so are the segments that referred to it.
		void this.countSome([segment.id, ...this.referrers(segment.id).map((s) => s.id)]);
	}

	/** Reads a definitions file and adds its valid segments beside the saved ones. */
	async importFile(file: File): Promise<void> {
		const report: ImportReport = { fileName: file.name, added: [], problems: [] };
		await this.attempt(async () => {
			if (file.size > MAX_FILE_CHARS) {
				report.problems.push('The file is larger than 5 MB: split it.');
				return;
			}
			const parsed = parseSegmentsJson(await file.text());
			report.problems = parsed.problems;
			if (parsed.segments.length === 0) return;
			const fitted = fitImported(parsed.segments, await loadSegments(), () => crypto.randomUUID());
			this.segments = await putSegments(fitted);
			report.added = fitted.map((s) => s.name);
			void this.countSome(fitted.map((s) => s.id));
		});
		this.imported = report;
	}

	/** Saves the definitions of these segments (all when none), with those they refer to. */
	exportDefinitions(ids?: string[]): void {
		const all = this.sorted;
		const file = definitionsFile(plainCopy(all), ids ?? all.map((s) => s.id));
		saveText(file.text, file.fileName, 'application/json');
	}

	private async update(
		id: string,
		change: Partial<Pick<SegmentDefinition, 'name' | 'description' | 'colour'>>
	): Promise<void> {
		const segment = this.byId(id);
		if (!segment) return;
		await this.attempt(async () => {
			this.segments = await putSegment({ ...plainCopy(segment), ...change, updatedAt: Date.now() });
		});
	}

	private async attempt(work: () => Promise<void>): Promise<void> {
		this.error = await failureOf(work);
	}
}

export const segmentLibrary = new SegmentLibrary(workspace);
