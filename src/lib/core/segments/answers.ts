// What the engine answers the segment builder: a value, the rule's problems (as the marketer
// reads them, each pointing at its condition), or "superseded" when a newer request of the same
// kind arrived first — the live count drops stale requests rather than queueing them.
import type { RuleError } from './checked';

export type SegmentAnswer<T> =
	| { status: 'ok'; value: T }
	| { status: 'invalid'; errors: RuleError[] }
	| { status: 'superseded' };
