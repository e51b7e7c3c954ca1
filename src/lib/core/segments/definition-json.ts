// Saved segments as a JSON file and back: { format: 'concord-segments', version: 1, segments }.
// Reading a file trusts nothing: each entry is rebuilt from the keys a definition has (so a
// '__proto__' or any other extra key is dropped, never assigned), its rule tree is checked for
// shape — kinds, combinators, children lists, value types, depth and size — and an entry that
// fails is left out with a message naming it. Values are not checked against the workspace:
// the compiler does that when the segment is counted (a loop between segments included). The
// tricky point is importing beside the saved segments: an id already taken gets a new one, and
// every membership condition of the imported segments that named the old id follows it.
import { EVENT_KINDS } from '../customer360/event-kinds';
import type { IndicatorFilter } from '../indicators/members';
import type { LifecycleStage } from '../indicators/settings';
import type { Rule, RuleGroup, SegmentDefinition } from './definition';
import type { AttributeCondition, BehaviourWindow, EventFilter, RuleValue } from './rules';
import { EVENT_FIELDS, NUMBER_OPERATORS, OPERATORS_OF_TYPE, TEXT_OPERATORS } from './rules';

export const SEGMENTS_FORMAT = 'concord-segments';
export const SEGMENTS_VERSION = 1;
/** The largest file read (characters of text), and the most segments in it. */
export const MAX_FILE_CHARS = 5 * 1024 * 1024;
export const MAX_SEGMENTS = 1000;
const MAX_DEPTH = 24;
const MAX_NODES = 2000;
const MAX_TEXT = 10_000;
const MAX_LIST = 10_000;
const MAX_NAME = 200;
const MAX_DESCRIPTION = 4000;
export const DEFAULT_COLOUR = '#2f6fde';

export interface ParsedSegments {
	segments: SegmentDefinition[];
	/** Why the file or an entry of it was left out, in words. */
	problems: string[];
}

/** The segments as the text of a definitions file. */
export function segmentsJson(segments: readonly SegmentDefinition[]): string {
	const file = { format: SEGMENTS_FORMAT, version: SEGMENTS_VERSION, segments };
	return `${JSON.stringify(file, null, 2)}\n`;
}

type Node = Record<string, unknown>;
/** Why a value could not be read. */
class Problem {
	constructor(readonly problem: string) {}
}
/** A value that was read, or why it could not be. */
type Read<T> = T | Problem;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
/** An own property only: nothing is read through the prototype. */
const own = (node: Node, key: string): unknown =>
	Object.hasOwn(node, key) ? node[key] : undefined;
const fail = (problem: string) => new Problem(problem);
const failed = <T>(read: Read<T>): read is Problem => read instanceof Problem;
const isText = (v: unknown, max = MAX_TEXT): v is string =>
	typeof v === 'string' && v.length <= max;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const ALL_OPERATORS: readonly unknown[] = [...new Set(Object.values(OPERATORS_OF_TYPE).flat())];
const EVENT_OPERATORS: readonly unknown[] = [...TEXT_OPERATORS, ...NUMBER_OPERATORS];
const COUNTS: readonly unknown[] = ['at-least', 'at-most', 'exactly'];

function readValue(value: unknown): Read<RuleValue | undefined> {
	if (value === undefined || value === null || isNumber(value) || isText(value)) return value;
	if (Array.isArray(value) && value.length <= MAX_LIST) {
		if (value.every((v) => isNumber(v) || isText(v))) return [...(value as (string | number)[])];
	}
	return fail('a value that is not text, a number or a list of them');
}

function readWindow(value: unknown): Read<BehaviourWindow> {
	if (value === undefined) return { kind: 'ever' };
	const w = isNode(value) ? value : {};
	const [kind, days, from, to] = ['kind', 'days', 'from', 'to'].map((k) => own(w, k));
	if (kind === 'ever') return { kind };
	if (kind === 'last-days' && isNumber(days)) return { kind, days };
	if (kind === 'between' && isText(from, 40) && isText(to, 40)) return { kind, from, to };
	if (kind === 'since' && isText(from, 40)) return { kind, from };
	return fail('a time window Concord does not know');
}

function readFilter(value: unknown): Read<EventFilter> {
	const f = isNode(value) ? value : {};
	const field = own(f, 'field');
	const operator = own(f, 'operator');
	if (typeof field !== 'string' || !Object.hasOwn(EVENT_FIELDS, field)) {
		return fail('an event filter on a field Concord does not know');
	}
	if (!EVENT_OPERATORS.includes(operator)) return fail('an event filter with an unknown operator');
	const read = readValue(own(f, 'value'));
	if (failed(read)) return read;
	const filter = { field, operator } as EventFilter;
	return read === undefined ? filter : { ...filter, value: read };
}

function readStage(value: unknown): Read<LifecycleStage> {
	const s = isNode(value) ? value : {};
	const bound = (k: string) => (own(s, k) === null || isNumber(own(s, k)) ? own(s, k) : NaN);
	const [minOrders, maxOrders, minDaysSinceLast, maxDaysSinceLast] = [
		'minOrders',
		'maxOrders',
		'minDaysSinceLast',
		'maxDaysSinceLast'
	].map(bound) as (number | null)[];
	const [id, label] = [own(s, 'id'), own(s, 'label')];
	if (!isText(id, MAX_NAME) || !isText(label, MAX_NAME)) {
		return fail('a lifecycle stage without an id or a label');
	}
	if ([minOrders, maxOrders, minDaysSinceLast, maxDaysSinceLast].some((b) => Number.isNaN(b))) {
		return fail('a lifecycle stage whose bounds are not numbers');
	}
	return { id, label, minOrders, maxOrders, minDaysSinceLast, maxDaysSinceLast } as LifecycleStage;
}

function readIndicator(value: unknown): Read<IndicatorFilter> {
	const f = isNode(value) ? value : {};
	const kind = own(f, 'kind');
	const [r, fScore, segment] = [own(f, 'r'), own(f, 'f'), own(f, 'segment')];
	if (kind === 'rfm-cell' && isNumber(r) && isNumber(fScore)) return { kind, r, f: fScore };
	if (kind === 'rfm-segment' && isText(segment, MAX_NAME)) return { kind, segment };
	const [from, to, fromStage, toStage] = ['from', 'to', 'fromStage', 'toStage'].map((k) =>
		own(f, k)
	);
	const stages = own(f, 'stages');
	const texts = [from, to, fromStage, toStage].every((t) => isText(t, MAX_NAME));
	if (kind === 'lifecycle-shift' && texts && Array.isArray(stages) && stages.length <= 50) {
		const read = stages.map(readStage);
		const bad = read.find(failed);
		if (bad) return bad;
		return { kind, from, to, fromStage, toStage, stages: read } as IndicatorFilter;
	}
	return fail('an indicator mark Concord does not know');
}

function readLeaf(node: Node, kind: unknown): Read<Rule> {
	switch (kind) {
		case 'attribute': {
			const [field, operator] = [own(node, 'field'), own(node, 'operator')];
			if (!isText(field, MAX_NAME) || field === '') return fail('a condition without a field');
			if (!ALL_OPERATORS.includes(operator)) return fail(`an unknown operator on '${field}'`);
			const value = readValue(own(node, 'value'));
			if (failed(value)) return value;
			const leaf = { kind, field, operator } as AttributeCondition;
			return value === undefined ? leaf : { ...leaf, value };
		}
		case 'behaviour': {
			const [event, eventType, count, times] = ['event', 'eventType', 'count', 'times'].map((k) =>
				own(node, k)
			);
			const where = own(node, 'where') ?? [];
			if (!(EVENT_KINDS as readonly unknown[]).includes(event)) {
				return fail('a behaviour on an unknown kind of event');
			}
			if (eventType !== undefined && eventType !== null && !isText(eventType, MAX_NAME)) {
				return fail('an event type that is not text');
			}
			if (!COUNTS.includes(count) || !isNumber(times)) {
				return fail('a behaviour whose count is not a number');
			}
			if (!Array.isArray(where) || where.length > 100) return fail('event filters not in a list');
			const filters = where.map(readFilter);
			const window = readWindow(own(node, 'window'));
			const bad = [...filters, window].find(failed);
			if (bad) return bad;
			return {
				kind,
				event,
				eventType: eventType ?? null,
				where: filters,
				count,
				times,
				window
			} as Rule;
		}
		case 'segment': {
			const segmentId = own(node, 'segmentId');
			return isText(segmentId, MAX_NAME) && segmentId !== ''
				? { kind, segmentId }
				: fail('a membership condition without a segment id');
		}
		case 'indicator': {
			const filter = readIndicator(own(node, 'filter'));
			return failed(filter) ? filter : { kind, filter };
		}
		default:
			return fail(`a condition of an unknown kind${typeof kind === 'string' ? ` '${kind}'` : ''}`);
	}
}

/** A rule node rebuilt from its known keys; `budget.nodes` counts down the nodes left. */
function readRule(value: unknown, depth: number, budget: { nodes: number }): Read<Rule> {
	if (--budget.nodes < 0) return fail(`more than ${MAX_NODES} conditions`);
	if (!isNode(value)) return fail('a condition that is not an object');
	const kind = own(value, 'kind');
	if (kind !== 'group') return readLeaf(value, kind);
	if (depth >= MAX_DEPTH) return fail(`groups nested more than ${MAX_DEPTH} deep`);
	const [combinator, negate, children] = ['combinator', 'negate', 'children'].map((k) =>
		own(value, k)
	);
	if (combinator !== 'and' && combinator !== 'or') return fail('a group not joined by AND or OR');
	if (negate !== undefined && typeof negate !== 'boolean') {
		return fail("a group whose 'negate' is not true or false");
	}
	if (!Array.isArray(children)) return fail('a group without a list of conditions');
	const read: Rule[] = [];
	for (const child of children) {
		const rule = readRule(child, depth + 1, budget);
		if (failed(rule)) return rule;
		read.push(rule);
	}
	return { kind, combinator, negate: negate === true, children: read };
}

function readDefinition(entry: unknown, now: number): Read<SegmentDefinition> {
	if (!isNode(entry)) return fail('it is not a segment definition');
	const [id, name, description, colour, createdAt, updatedAt] = [
		'id',
		'name',
		'description',
		'colour',
		'createdAt',
		'updatedAt'
	].map((k) => own(entry, k));
	if (!isText(id, MAX_NAME) || id === '') {
		return fail(`its id is not text of 1 to ${MAX_NAME} characters`);
	}
	if (!isText(name, MAX_NAME) || name.trim() === '') {
		return fail(`its name is not text of 1 to ${MAX_NAME} characters`);
	}
	if (description !== undefined && !isText(description, MAX_DESCRIPTION)) {
		return fail(`its description is not text of at most ${MAX_DESCRIPTION} characters`);
	}
	if (colour !== undefined && !(typeof colour === 'string' && /^#[0-9a-f]{6}$/i.test(colour))) {
		return fail("its colour is not written '#rrggbb'");
	}
	const times = [createdAt, updatedAt];
	if (times.some((t) => t !== undefined && !isNumber(t))) return fail('its dates are not numbers');
	const rule = readRule(own(entry, 'rule'), 0, { nodes: MAX_NODES });
	if (failed(rule)) return fail(`its rule has ${rule.problem}`);
	if (rule.kind !== 'group') return fail('its rule is not a group of conditions');
	return {
		id,
		name: name.trim(),
		description: description ?? '',
		colour: colour ?? DEFAULT_COLOUR,
		createdAt: (createdAt as number | undefined) ?? now,
		updatedAt: (updatedAt as number | undefined) ?? now,
		rule
	};
}

/** The segments of a definitions file, each checked; `now` dates entries without dates. */
export function parseSegmentsJson(text: string, now = Date.now()): ParsedSegments {
	const none = (problem: string): ParsedSegments => ({ segments: [], problems: [problem] });
	if (text.length > MAX_FILE_CHARS) return none('The file is larger than 5 MB: split it.');
	let file: unknown;
	try {
		file = JSON.parse(text);
	} catch {
		return none('The file is not JSON: it cannot be read as segment definitions.');
	}
	if (!isNode(file) || own(file, 'format') !== SEGMENTS_FORMAT) {
		return none("This is not a Concord segments file (its format is not 'concord-segments').");
	}
	const version = own(file, 'version');
	if (isNumber(version) && version > SEGMENTS_VERSION) {
		return none(`The file was made by a newer Concord (version ${version}): update Concord.`);
	}
	if (version !== SEGMENTS_VERSION) return none('The file has no version Concord knows.');
	const entries = own(file, 'segments');
	if (!Array.isArray(entries)) return none('The file holds no list of segments.');
	if (entries.length > MAX_SEGMENTS) {
		return none(`The file holds ${entries.length} segments: import at most ${MAX_SEGMENTS}.`);
	}
	const segments: SegmentDefinition[] = [];
	const problems: string[] = [];
	entries.forEach((entry, i) => {
		const read = readDefinition(entry, now);
		if (!failed(read)) return void segments.push(read);
		const name = isNode(entry) ? own(entry, 'name') : undefined;
		const named = typeof name === 'string' && name.trim() ? ` '${name.trim().slice(0, 60)}'` : '';
		problems.push(`Segment ${i + 1}${named} was left out: ${read.problem}.`);
	});
	return { segments, problems };
}

function remapRule(rule: Rule, ids: ReadonlyMap<string, string>): Rule {
	if (rule.kind === 'group') {
		return { ...rule, children: rule.children.map((child) => remapRule(child, ids)) };
	}
	if (rule.kind === 'segment') {
		return { ...rule, segmentId: ids.get(rule.segmentId) ?? rule.segmentId };
	}
	return rule;
}

/**
 * Imported segments made to fit beside `existing`: a taken id gets `newId()`, and references
 * between the imported segments follow; a taken name (in any case) gets " (imported)".
 */
export function fitImported(
	imported: readonly SegmentDefinition[],
	existing: readonly SegmentDefinition[],
	newId: () => string
): SegmentDefinition[] {
	const taken = new Set(existing.map((s) => s.id));
	const names = new Set(existing.map((s) => s.name.toLowerCase()));
	const ids = new Map<string, string>();
	const fitted = imported.map((segment) => {
		let id = segment.id;
		while (taken.has(id)) id = newId();
		taken.add(id);
		if (!ids.has(segment.id)) ids.set(segment.id, id);
		let name = segment.name;
		for (let n = 1; names.has(name.toLowerCase()); n++) {
			name = `${segment.name} (imported${n > 1 ? ` ${n}` : ''})`;
		}
		names.add(name.toLowerCase());
		return { ...segment, id, name };
	});
	return fitted.map((s) => ({ ...s, rule: remapRule(s.rule, ids) as RuleGroup }));
}
