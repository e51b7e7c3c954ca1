// Reading a workspace file back: its kind and version first (a newer file is refused with a
// message saying so), then every section, each problem reported with where it is. Extra fields
// a newer release may add are ignored; missing fields and wrong types are errors, since a
// pipeline rerun on guessed settings would not reproduce the workspace. Segments are checked by
// the definitions file's own reader, so both files accept exactly the same segments.
import { EVENT_KINDS } from '../customer360/event-kinds';
import type { SegmentDefinition } from '../segments/definition';
import { parseSegmentsJson, segmentsJson } from '../segments/definition-json';
import type { ColumnRole, ReadOptions } from './catalog';
import { isObject, JsonChecks, type JsonObject } from './json-checks';
import {
	WORKSPACE_FILE_KIND,
	WORKSPACE_FILE_VERSION,
	type WorkspaceDecision,
	type WorkspaceFile,
	type WorkspaceSourceSpec
} from './workspace-file';
import { readIdentitySettings, readIndicatorSettings } from './workspace-file-settings';

export interface ReadWorkspaceFile {
	value: WorkspaceFile | null;
	errors: string[];
}

const FORMATS = ['csv', 'parquet', 'json', 'ndjson', 'xlsx'] as const;

function readMapping(c: JsonChecks, value: unknown, path: string): ColumnRole | undefined {
	if (!isObject(value)) return c.fail(path, 'is not an object');
	const column = c.text(value, 'column', `${path}.`);
	const role = c.text(value, 'role', `${path}.`);
	const dateOrder = c.oneOf(value, 'dateOrder', `${path}.`, ['day-first', 'month-first'], true);
	const decimalSeparator = c.oneOf(value, 'decimalSeparator', `${path}.`, ['.', ','], true);
	if (column === undefined || role === undefined) return undefined;
	return {
		column,
		role,
		...(dateOrder ? { dateOrder } : {}),
		...(decimalSeparator ? { decimalSeparator } : {})
	};
}

function readOptions(c: JsonChecks, value: unknown, path: string): ReadOptions | null | undefined {
	if (value === undefined || value === null) return null;
	if (!isObject(value)) return c.fail(path, 'is not an object');
	const read: ReadOptions = {};
	const sheet = c.text(value, 'sheet', `${path}.`, true);
	if (sheet !== undefined) read.sheet = sheet;
	const csv = c.field(value, 'csv');
	if (csv === undefined) return read;
	if (!isObject(csv)) return c.fail(`${path}.csv`, 'is not an object');
	const at = `${path}.csv.`;
	const [delimiter, quote, escape] = ['delimiter', 'quote', 'escape'].map((k) =>
		c.text(csv, k, at)
	);
	const header = c.boolean(csv, 'header', at);
	const skipRows = c.number(csv, 'skipRows', at);
	if (skipRows !== undefined && !(Number.isInteger(skipRows) && skipRows >= 0)) {
		c.fail(`${at}skipRows`, 'is not a whole number of zero or more');
	}
	if ([delimiter, quote, escape, header, skipRows].some((v) => v === undefined)) return undefined;
	read.csv = {
		delimiter: delimiter as string,
		quote: quote as string,
		escape: escape as string,
		header: header as boolean,
		skipRows: skipRows as number
	};
	return read;
}

function readSource(c: JsonChecks, value: unknown, path: string): WorkspaceSourceSpec | undefined {
	if (!isObject(value)) return c.fail(path, 'is not an object');
	const at = `${path}.`;
	const errors = c.errors.length;
	const id = c.text(value, 'id', at);
	const name = c.text(value, 'name', at);
	const fileName = c.text(value, 'fileName', at);
	const kind = c.oneOf(value, 'kind', at, ['profile', 'event'] as const);
	const format = c.field(value, 'format') === null ? null : c.oneOf(value, 'format', at, FORMATS);
	const read = readOptions(c, c.field(value, 'read'), `${at}read`);
	const mapping = (c.list(value, 'mapping', at) ?? []).map((m, i) =>
		readMapping(c, m, `${at}mapping[${i}]`)
	);
	const eventKind = c.oneOf(value, 'eventKind', at, EVENT_KINDS, true);
	if (fileName !== undefined && /[\\/]/.test(fileName)) {
		c.fail(`${at}fileName`, 'must be a file name, not a path');
	}
	if (c.errors.length > errors) return undefined;
	return {
		id: id as string,
		name: name as string,
		fileName: fileName as string,
		kind: kind as 'profile' | 'event',
		format: format ?? null,
		read: read ?? null,
		mapping: mapping as ColumnRole[],
		...(eventKind ? { eventKind } : {})
	};
}

function readDecision(c: JsonChecks, value: unknown, path: string): WorkspaceDecision | undefined {
	if (!isObject(value)) return c.fail(path, 'is not an object');
	const errors = c.errors.length;
	const record = (key: 'a' | 'b') => {
		const node = c.object(value, key, `${path}.`);
		if (!node) return undefined;
		const source = c.text(node, 'source', `${path}.${key}.`);
		const recordKey = c.text(node, 'key', `${path}.${key}.`);
		return source !== undefined && recordKey !== undefined ? { source, key: recordKey } : undefined;
	};
	const [a, b] = [record('a'), record('b')];
	const same = c.boolean(value, 'same', `${path}.`);
	const origin = c.oneOf(value, 'origin', `${path}.`, ['manual', 'review'] as const);
	if (c.errors.length > errors || !a || !b) return undefined;
	return { a, b, same: same as boolean, origin: origin as 'manual' | 'review' };
}

function readSegments(c: JsonChecks, root: JsonObject): SegmentDefinition[] {
	const list = c.list(root, 'segments', '');
	if (!list) return [];
	const parsed = parseSegmentsJson(segmentsJson(list as SegmentDefinition[]));
	for (const problem of parsed.problems) c.errors.push(`segments: ${problem}`);
	return parsed.segments;
}

/** The workspace file in `text`, or every reason it cannot be used. */
export function parseWorkspaceFile(text: string): ReadWorkspaceFile {
	const refuse = (message: string): ReadWorkspaceFile => ({ value: null, errors: [message] });
	let root: unknown;
	try {
		root = JSON.parse(text);
	} catch (error) {
		return refuse(`The file is not JSON (${(error as Error).message}): it is no workspace file.`);
	}
	if (!isObject(root) || root.concord !== WORKSPACE_FILE_KIND) {
		return refuse(`This is not a Concord workspace file: it lacks "concord": "workspace".`);
	}
	const version = root.version;
	if (typeof version === 'number' && version > WORKSPACE_FILE_VERSION) {
		return refuse(
			`The workspace file has version ${version}, made by a newer Concord: this one reads version ${WORKSPACE_FILE_VERSION}.`
		);
	}
	if (version !== WORKSPACE_FILE_VERSION) {
		return refuse(`The workspace file has an unknown version ${JSON.stringify(version)}.`);
	}
	const c = new JsonChecks();
	const savedAt = c.text(root, 'savedAt', '');
	const phoneCountry = c.text(root, 'phoneCountry', '');
	const sources = (c.list(root, 'sources', '') ?? []).map((s, i) =>
		readSource(c, s, `sources[${i}]`)
	);
	const ids = sources.flatMap((s) => (s ? [s.id] : []));
	const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
	if (twice.length > 0) c.fail('sources', `name the id '${twice[0]}' twice`);
	const identityNode = c.object(root, 'identity', '');
	const identity = identityNode && readIdentitySettings(c, identityNode, 'identity.');
	const decisions = (c.list(root, 'decisions', '') ?? []).map((d, i) =>
		readDecision(c, d, `decisions[${i}]`)
	);
	for (const [i, d] of decisions.entries()) {
		const unknown = d && [d.a.source, d.b.source].find((s) => !ids.includes(s));
		if (unknown)
			c.fail(`decisions[${i}]`, `names the source '${unknown}', which is not in the file`);
	}
	const c360 = c.object(root, 'customers360', '');
	const asOfValue = c360 && c.field(c360, 'asOf');
	const asOf = asOfValue === null ? null : c360 && c.text(c360, 'asOf', 'customers360.');
	if (typeof asOf === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
		c.fail('customers360.asOf', 'is not a date written YYYY-MM-DD');
	}
	const indicatorsNode = c.object(root, 'indicators', '');
	const indicators = indicatorsNode && readIndicatorSettings(c, indicatorsNode, 'indicators.');
	const segments = readSegments(c, root);
	if (c.errors.length > 0 || !identity || !indicators) return { value: null, errors: c.errors };
	return {
		value: {
			concord: WORKSPACE_FILE_KIND,
			version: WORKSPACE_FILE_VERSION,
			savedAt: savedAt as string,
			phoneCountry: phoneCountry as string,
			sources: sources as WorkspaceSourceSpec[],
			identity,
			decisions: decisions as WorkspaceDecision[],
			customers360: { asOf: asOf ?? null },
			indicators,
			segments
		},
		errors: []
	};
}
