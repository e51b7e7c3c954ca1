// The segment builder's calls on a workspace, the same in the browser's worker, in tests and in
// the command line tool: each compiles the rule (or saved segments) against the workspace as it
// is now and answers a value or the rule's problems. Saved segments live on the page (IndexedDB),
// so each call receives them; nothing here stores a segment.
import type { Table } from 'apache-arrow';
import type { Db } from '../db';
import type { ExportedFile } from '../customer360/export-360';
import type { ExportProgress } from '../export/key-pages';
import type { SegmentAnswer } from './answers';
import { compileRule, compileSegment, type CompileResult } from './compile';
import { loadRuleContext } from './context';
import { segmentCount, segmentPreview, type SegmentCount } from './count';
import type { Rule, SegmentDefinition } from './definition';
import { loadEventCatalogue, type EventKindInfo } from './event-catalogue';
import { exclusiveWaterfall, type Waterfall } from './exclusive';
import { loadFieldCatalogue, type FieldCatalogue } from './fields';
import { hashedAudience } from './hashed-audience';
import { exportSegmentMembers, type MemberFormat } from './member-export';
import {
	MAX_OVERLAP_SEGMENTS,
	segmentOverlaps,
	type CompiledSegment,
	type Overlaps
} from './overlaps';
import { conditionMemo } from './condition-memo';
import { standaloneSql } from './standalone-sql';
import { loadBuildState, type Build360State } from '../customer360/build-state';
import { loadIndicatorState } from '../indicators/run-state';
import { leafSets, MAX_BITMAP_CUSTOMERS } from './leaf-sets';

/** A rule compiled against the workspace, with the 360° build it was compiled against. */
type CompiledRule = Extract<CompileResult, { ok: true }> & { built: Build360State };

export interface SegmentFieldsInfo {
	catalogue: FieldCatalogue;
	events: EventKindInfo[];
	asOf: string | null;
}

export async function segmentFields(db: Db): Promise<SegmentFieldsInfo> {
	return {
		catalogue: await loadFieldCatalogue(db),
		events: await loadEventCatalogue(db),
		asOf: (await loadBuildState(db))?.asOf ?? null
	};
}

const noCustomers = (): SegmentAnswer<never> => ({
	status: 'invalid',
	errors: [{ path: [], message: 'Build the 360° view first: segments select its customers.' }]
});

/**
 * The rule being edited compiled against the workspace, or its problems; the customers of its
 * conditions that read the events are kept for the next edits (condition-memo.ts).
 */
async function idsOfRule(
	db: Db,
	rule: Rule,
	segments: readonly SegmentDefinition[],
	segmentId: string | null
): Promise<SegmentAnswer<CompiledRule>> {
	const context = await loadRuleContext(db, segments, segmentId);
	const built = await loadBuildState(db);
	if (context.asOf === null || !built) return noCustomers();
	const memo = conditionMemo(db);
	await memo.useBuild(db, `${built.builtAt}|${built.asOf}`);
	const compiled = compileRule(rule, context, memo.standIn);
	if (!compiled.ok) return { status: 'invalid', errors: compiled.errors };
	await memo.materialise(db);
	return { status: 'ok', value: { ...compiled, built } };
}

export async function countRule(
	db: Db,
	rule: Rule,
	segments: readonly SegmentDefinition[],
	segmentId: string | null
): Promise<SegmentAnswer<SegmentCount & { ms: number }>> {
	const started = performance.now();
	const ids = await idsOfRule(db, rule, segments, segmentId);
	if (ids.status !== 'ok') return ids;
	const { built, selection } = ids.value;
	let count: SegmentCount;
	if (built.customers <= MAX_BITMAP_CUSTOMERS) {
		// The conditions' customers are kept for the next edits, for this 360° build and these
		// indicators (leaf-sets.ts).
		const indicators = await loadIndicatorState(db);
		const version = `${built.builtAt}|${built.asOf}|${indicators?.builtAt ?? 'none'}`;
		count = await leafSets(db, version).count(db, ids.value.rule, ids.value.target);
	} else {
		count = await segmentCount(db, selection);
	}
	return { status: 'ok', value: { ...count, ms: performance.now() - started } };
}

export async function previewRule(
	db: Db,
	rule: Rule,
	segments: readonly SegmentDefinition[],
	segmentId: string | null,
	limit: number
): Promise<SegmentAnswer<Table>> {
	const ids = await idsOfRule(db, rule, segments, segmentId);
	if (ids.status !== 'ok') return ids;
	return { status: 'ok', value: await segmentPreview(db, ids.value.sql, limit) };
}

/** Saved segments by id, compiled; problems name the segment they belong to. */
async function compiledSegments(
	db: Db,
	segments: readonly SegmentDefinition[],
	ids: readonly string[]
): Promise<SegmentAnswer<CompiledSegment[]>> {
	if (ids.length > MAX_OVERLAP_SEGMENTS) {
		const message = `Compare at most ${MAX_OVERLAP_SEGMENTS} segments at once.`;
		return { status: 'invalid', errors: [{ path: [], message }] };
	}
	const context = await loadRuleContext(db, segments);
	if (context.asOf === null) return noCustomers();
	const compiled: CompiledSegment[] = [];
	for (const id of ids) {
		const segment = segments.find((s) => s.id === id);
		if (!segment) {
			return {
				status: 'invalid',
				errors: [{ path: [], message: 'A chosen segment was deleted.' }]
			};
		}
		const result = compileSegment(segment, context);
		if (!result.ok) {
			const errors = result.errors.map((e) => ({ ...e, message: `${segment.name}: ${e.message}` }));
			return { status: 'invalid', errors };
		}
		compiled.push({ id, ids: result.sql });
	}
	return { status: 'ok', value: compiled };
}

export async function overlapsOfSegments(
	db: Db,
	segments: readonly SegmentDefinition[],
	ids: readonly string[]
): Promise<SegmentAnswer<Overlaps>> {
	const compiled = await compiledSegments(db, segments, ids);
	if (compiled.status !== 'ok') return compiled;
	return { status: 'ok', value: await segmentOverlaps(db, compiled.value) };
}

export async function waterfallOfSegments(
	db: Db,
	segments: readonly SegmentDefinition[],
	ids: readonly string[]
): Promise<SegmentAnswer<Waterfall>> {
	const compiled = await compiledSegments(db, segments, ids);
	if (compiled.status !== 'ok') return compiled;
	return { status: 'ok', value: await exclusiveWaterfall(db, compiled.value) };
}

export type MemberExportRequest =
	{ format: MemberFormat; columns: string[] } | { format: 'hashed' };

export async function exportSegment(
	db: Db,
	segmentId: string,
	segments: readonly SegmentDefinition[],
	request: MemberExportRequest,
	options: { now?: Date; onProgress?: ExportProgress } = {}
): Promise<SegmentAnswer<ExportedFile>> {
	const compiled = await compiledSegments(db, segments, [segmentId]);
	if (compiled.status !== 'ok') return compiled;
	const ids = compiled.value[0]!.ids;
	const name = segments.find((s) => s.id === segmentId)?.name ?? 'segment';
	const file =
		request.format === 'hashed'
			? await hashedAudience(db, ids, name, options)
			: await exportSegmentMembers(db, ids, name, request.columns, request.format, options);
	return { status: 'ok', value: file };
}

export async function sqlOfSegment(
	db: Db,
	segmentId: string,
	segments: readonly SegmentDefinition[]
): Promise<SegmentAnswer<string>> {
	const segment = segments.find((s) => s.id === segmentId);
	if (!segment) {
		return { status: 'invalid', errors: [{ path: [], message: 'This segment was deleted.' }] };
	}
	// Without a 360° build there are no fields to check the rule against: say so, rather than
	// calling every field unknown.
	const context = await loadRuleContext(db, segments, segmentId);
	if (context.asOf === null) return noCustomers();
	const result = standaloneSql(segment, context);
	return result.ok
		? { status: 'ok', value: result.text }
		: { status: 'invalid', errors: result.errors };
}
