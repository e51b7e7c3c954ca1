// The shapes validate.ts produces: a rule tree whose fields are resolved and whose values are
// checked and normalised, which compile.ts writes as SQL and reference.ts evaluates in memory;
// and the problems it reports instead, as values.
import type { EventKind } from '../customer360/event-kinds';
import type { IndicatorFilter } from '../indicators/members';
import type { SegmentDefinition } from './definition';
import type { Field, FieldCatalogue } from './fields';
import type { BehaviourCount, BehaviourWindow, EventField } from './rules';
import type { CheckedTest } from './value-tests';

export interface RuleError {
	/** Child indices from the root group to the condition; [] for the root. */
	path: number[];
	message: string;
}

export interface RuleContext {
	fields: FieldCatalogue;
	/** The as-of date of the 360° build (ISO day); null when it was never built. */
	asOf: string | null;
	/** The saved segments a membership condition may refer to. */
	segments: readonly SegmentDefinition[];
	/** The segment whose rule is checked, when it is saved: a condition must not refer back. */
	segmentId?: string | null;
}

export interface CheckedBehaviour {
	kind: 'behaviour';
	event: EventKind;
	eventType: string | null;
	where: { field: EventField; test: CheckedTest }[];
	count: BehaviourCount;
	times: number;
	window: BehaviourWindow;
}

export type CheckedRule =
	| { kind: 'group'; combinator: 'and' | 'or'; negate: boolean; children: CheckedRule[] }
	| { kind: 'indicator'; filter: IndicatorFilter }
	| { kind: 'attribute'; field: Field; test: CheckedTest }
	| CheckedBehaviour
	| { kind: 'segment'; segment: SegmentDefinition; rule: CheckedRule };

export type CheckResult = { ok: true; rule: CheckedRule } | { ok: false; errors: RuleError[] };
