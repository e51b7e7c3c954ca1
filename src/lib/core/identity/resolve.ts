// Identity resolution of a workspace, end to end: the profile sources' records, the junk guard,
// blocking, the match model, scores, clusters and customer ids. Each step is a module of its
// own; this one orders them and reports progress.
import type { Db } from '../db';
import { BLOCKING_RULES, candidatePairs, ruleBlocking, type BlockingCount } from './blocking';
import { sql } from '../sql/sql';
import { dropTables, IDENTITY_TABLES } from './tables';
import { ruleMatchOf } from './rule-matches';
import { EXPLORER_THRESHOLDS } from './explorer';
import { assignCustomerIds } from './customer-ids';
import { buildGoldenRecords } from './golden';
import { keptGoldenValues } from './golden-input';
import { DEFAULT_GOLDEN_SETTINGS } from './golden-settings';
import { clusterRecords, type ClusterSummary } from './cluster';
import { guardJunk, type JunkIdentifier } from './junk';
import { activeComparisons, fieldFill, fitModel, presentFields, type FittedModel } from './model';
import { COMPARED_PAIRS, compareCandidates } from './pairs';
import { profileIdentitySources } from './identity-sources';
import { buildIdentityRecords, type KeptSourceRows } from './records';
import { addTermFrequencies, scorePairs, type ScoringModel } from './score';
import { saveRunState, savedModel } from './run-state';
import { hasSpareMemory } from './spare-memory';
import { DEFAULT_IDENTITY_SETTINGS, type IdentitySettings } from './types';

export type ResolveProgress = (done: number, total: number, label: string) => void;

export interface ResolveResult {
	records: number;
	customers: number;
	junk: JunkIdentifier[];
	blocking: BlockingCount[];
	model: FittedModel;
	scoring: ScoringModel;
	clusters: ClusterSummary;
}

const CANDIDATES = 'cc_id_candidate';

/**
 * The lowest match probability of a pair the pair table keeps (pairs of a deterministic rule are
 * all kept): the explorer's lowest threshold, or the run's own when lower. Below it no threshold
 * the workbench offers links a pair, and most candidate pairs are there: on the demo at a million
 * records, leaving them out makes the table, and every later read of it, eight times smaller.
 */
function keptPairFloor(threshold: number): number {
	return Math.min(...EXPLORER_THRESHOLDS, threshold);
}

/** The sources' rows, kept from the record step to the golden records (see KeptSourceRows). */
const SOURCE_ROWS = 'cc_id_source_row';

/** What a run found, kept with it for the identity page (JSON: no functions, no SQL). */
export interface RunSummary {
	records: number;
	customers: number;
	junk: JunkIdentifier[];
	blocking: BlockingCount[];
	training: FittedModel['training'];
	clusters: ClusterSummary;
}

function runSummary(result: ResolveResult): RunSummary {
	const { records, customers, junk, blocking, model, clusters } = result;
	return { records, customers, junk, blocking, training: model.training, clusters };
}

export async function resolveIdentities(
	db: Db,
	settings: IdentitySettings = DEFAULT_IDENTITY_SETTINGS,
	onProgress: ResolveProgress = () => {}
): Promise<ResolveResult> {
	const steps = 8;
	onProgress(0, steps, 'Reading the profile sources');
	// A run left half-way, or an earlier version that kept these tables, leaves no stale copy.
	await dropTables(db, [CANDIDATES, IDENTITY_TABLES.identifier, COMPARED_PAIRS, SOURCE_ROWS]);
	// With memory to spare the golden records read the rows the record step read, not the views.
	const keep: KeptSourceRows | undefined = (await hasSpareMemory(db))
		? { table: SOURCE_ROWS, columns: (source, rank) => [keptGoldenValues(source, rank)] }
		: undefined;
	await buildIdentityRecords(db, await profileIdentitySources(db), settings.email, keep);
	onProgress(1, steps, 'Looking for junk identifiers');
	const junk = await guardJunk(db, settings.junkRecords);
	const { records, fill } = await fieldFill(db);
	const present = presentFields(records, fill);
	onProgress(2, steps, 'Finding candidate pairs');
	const matchRules = settings.rules.filter((rule) => rule.enabled && rule.fields.length > 0);
	const rules = [
		...BLOCKING_RULES.filter((rule) => settings.blocking[rule.id] !== false),
		...matchRules.map(ruleBlocking)
	];
	const { usable, counts: blocking } = await candidatePairs(
		db,
		rules,
		present,
		records,
		settings.maxBlockSize,
		CANDIDATES
	);
	onProgress(3, steps, 'Comparing candidate pairs');
	const comparisons = activeComparisons(present, settings.comparisons);
	await compareCandidates(db, comparisons, CANDIDATES, COMPARED_PAIRS);
	await dropTables(db, [CANDIDATES, IDENTITY_TABLES.identifier]);
	onProgress(4, steps, 'Estimating the match model');
	const exactByChance = await addTermFrequencies(db, comparisons);
	const model = await fitModel(db, comparisons, usable, records, exactByChance);
	onProgress(5, steps, 'Scoring pairs');
	const scoring = { comparisons, parameters: model, exactByChance };
	await scorePairs(db, scoring, COMPARED_PAIRS, {
		into: IDENTITY_TABLES.pair,
		columns: [sql`${ruleMatchOf(usable, matchRules)} AS rule`],
		keep: sql`rule IS NOT NULL OR probability >= ${keptPairFloor(settings.threshold)}`
	});
	await dropTables(db, [COMPARED_PAIRS]);
	onProgress(6, steps, 'Clustering records into customers');
	const clusters = await clusterRecords(db, scoring, settings.threshold);
	await assignCustomerIds(db);
	onProgress(7, steps, 'Building golden records');
	await buildGoldenRecords(db, settings.golden ?? DEFAULT_GOLDEN_SETTINGS, keep?.table);
	await dropTables(db, [SOURCE_ROWS]);
	const result = {
		records,
		customers: clusters.customers,
		junk,
		blocking,
		model,
		scoring,
		clusters
	};
	await saveRunState<RunSummary>(db, {
		settings,
		model: savedModel(scoring),
		summary: runSummary(result)
	});
	onProgress(8, steps, 'Done');
	return result;
}
