// What a rule is checked and compiled against, read from the workspace: the fields of the 360°
// table and of the indicators, and the 360° build's as-of date (relative dates and behaviour
// count from it, so a segment means the same on the same build, whatever day it is opened).
import type { Db } from '../db';
import { loadBuildState } from '../customer360/build-state';
import type { SegmentDefinition } from './definition';
import { loadFieldCatalogue } from './fields';
import type { RuleContext } from './validate';

export async function loadRuleContext(
	db: Db,
	segments: readonly SegmentDefinition[],
	segmentId: string | null = null
): Promise<RuleContext> {
	const [fields, built] = [await loadFieldCatalogue(db), await loadBuildState(db)];
	return { fields, asOf: built?.asOf ?? null, segments, segmentId };
}
