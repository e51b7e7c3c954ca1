// The data quality report of a set of mapped sources: contactability, validity, duplicates
// within and between sources, junk identifiers and freshness, per source and overall. The
// order matters: every source's identifiers are loaded first, junk is found over all of them
// (a placeholder in one source is junk in all), and only then are contacts, duplicates and
// overlaps counted on what is left. The tricky point is failure: scratch tables are dropped
// whatever happens, and a mapping that no longer fits its table is reported, not thrown.
import type { Db } from '../db';
import { checkSourceColumns } from './column-checks';
import { readContactability } from './contactability';
import { readDuplicates } from './duplicates';
import { buildJunk, DEFAULT_JUNK_THRESHOLDS, readJunk, type JunkThresholds } from './junk';
import { readOverlaps } from './overlaps';
import { planSources } from './plan';
import { loadSource } from './records';
import { withScratch } from './scratch';
import type {
	ColumnValidity,
	Freshness,
	QualityReport,
	SourceMapping,
	ValidityTopic,
	ValidityTotal
} from './types';

export interface QualityOptions extends Partial<JunkThresholds> {
	/** Examples of invalid values per column and per topic (default 5). */
	examples?: number;
	/** Junk identifiers listed at most (default 50). */
	junkLimit?: number;
	/** Called before each step and once at the end with done === total. */
	onProgress?: (done: number, total: number, label: string) => void;
}

const TOPICS: readonly ValidityTopic[] = ['email', 'phone', 'date', 'postcode'];

function validityTotals(columns: readonly ColumnValidity[], examples: number): ValidityTotal[] {
	return TOPICS.map((topic) => {
		const of = columns.filter((column) => column.topic === topic);
		return {
			topic,
			checked: of.reduce((sum, column) => sum + column.checked, 0),
			invalid: of.reduce((sum, column) => sum + column.invalid, 0),
			examples: of
				.flatMap((column) =>
					column.examples.map((example) => ({
						...example,
						sourceId: column.sourceId,
						column: column.column
					}))
				)
				.sort((a, b) => b.count - a.count)
				.slice(0, examples)
		};
	}).filter((total) => columns.some((column) => column.topic === total.topic));
}

/** Computes the whole quality report. */
export async function assessQuality(
	db: Db,
	mappings: readonly SourceMapping[],
	options: QualityOptions = {}
): Promise<QualityReport> {
	const started = Date.now();
	const examples = options.examples ?? 5;
	const thresholds: JunkThresholds = {
		crowdedRecords: options.crowdedRecords ?? DEFAULT_JUNK_THRESHOLDS.crowdedRecords,
		crowdedEvents: options.crowdedEvents ?? DEFAULT_JUNK_THRESHOLDS.crowdedEvents
	};
	const plan = await planSources(db, mappings);
	const { sources } = plan;
	const total = 2 * sources.length + 2;
	let done = 0;
	const step = (label: string) => options.onProgress?.(done++, total, label);
	return withScratch(db, async (scratch) => {
		for (const source of sources) {
			step(`Reading the identifiers of ${source.mapping.sourceId}`);
			await loadSource(db, scratch, source);
		}
		step('Looking for junk identifiers');
		await buildJunk(db, scratch, sources, thresholds);
		step('Counting contacts, duplicates and overlaps');
		const contactability = await readContactability(db, scratch, sources);
		const duplicates = await readDuplicates(db, scratch, sources);
		const overlaps = await readOverlaps(db, scratch, sources);
		const junk = await readJunk(db, scratch, sources, options.junkLimit ?? 50);
		const validity: ColumnValidity[] = [];
		const freshness: Freshness[] = [];
		for (const source of sources) {
			step(`Checking the values of ${source.mapping.sourceId}`);
			const checked = await checkSourceColumns(db, source, examples);
			validity.push(...checked.validity);
			freshness.push(...checked.freshness);
		}
		options.onProgress?.(total, total, 'Quality report ready');
		return {
			contactability,
			validity: { columns: validity, overall: validityTotals(validity, examples) },
			duplicates,
			overlaps,
			junk,
			freshness,
			messages: plan.messages,
			elapsedMs: Date.now() - started
		};
	});
}
