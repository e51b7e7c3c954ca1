// The settings sections of a workspace file read back: identity resolution (with the golden
// record's survivorship) and the indicators. Every field is required and checked for its type;
// whether the values make sense together is then judged by the same checks the app's panels
// use (indicatorSettingsProblems), so a file the app would refuse to run is refused here too.
import {
	GOLDEN_FIELDS,
	SURVIVORSHIP_RULES,
	type FieldSurvivorship,
	type GoldenField,
	type GoldenSettings
} from '../identity/golden-settings';
import { RECORD_FIELDS, type RecordField } from '../identity/records';
import type { IdentitySettings, MatchRule } from '../identity/types';
import {
	indicatorSettingsProblems,
	PURCHASE_MODELS,
	type Cuts,
	type IndicatorSettings,
	type LifecycleStage,
	type PurchaseModelName
} from '../indicators/settings';
import { isObject, type JsonChecks, type JsonObject } from './json-checks';

function readRule(c: JsonChecks, value: unknown, path: string): MatchRule | undefined {
	if (!isObject(value)) return c.fail(path, 'is not an object');
	const id = c.text(value, 'id', `${path}.`);
	const label = c.text(value, 'label', `${path}.`);
	const fields = c.list(value, 'fields', `${path}.`);
	const enabled = c.boolean(value, 'enabled', `${path}.`);
	const unknown = fields?.filter((f) => !(RECORD_FIELDS as readonly unknown[]).includes(f));
	if (unknown && unknown.length > 0) {
		c.fail(`${path}.fields`, `holds fields Concord does not compare: ${JSON.stringify(unknown)}`);
	}
	if (id === undefined || label === undefined || !fields || enabled === undefined) return;
	return { id, label, fields: fields as RecordField[], enabled };
}

function readGolden(c: JsonChecks, value: JsonObject, path: string): GoldenSettings | undefined {
	const fields = c.object(value, 'fields', path);
	const titleCaseNames = c.boolean(value, 'titleCaseNames', path);
	if (!fields || titleCaseNames === undefined) return undefined;
	const read: Partial<Record<GoldenField, FieldSurvivorship>> = {};
	for (const name of GOLDEN_FIELDS) {
		const field = c.object(fields, name, `${path}fields.`);
		if (!field) continue;
		const at = `${path}fields.${name}.`;
		const rules = c.list(field, 'rules', at);
		const bad = rules?.filter((r) => !(SURVIVORSHIP_RULES as readonly unknown[]).includes(r));
		if (bad && bad.length > 0) c.fail(`${at}rules`, `holds unknown rules ${JSON.stringify(bad)}`);
		const sources =
			c.field(field, 'sources') === undefined ? undefined : c.texts(field, 'sources', at);
		if (rules && (!bad || bad.length === 0)) {
			read[name] = { rules: rules as FieldSurvivorship['rules'], ...(sources ? { sources } : {}) };
		}
	}
	return { fields: read as Record<GoldenField, FieldSurvivorship>, titleCaseNames };
}

export function readIdentitySettings(
	c: JsonChecks,
	value: JsonObject,
	path: string
): IdentitySettings | undefined {
	const errors = c.errors.length;
	const email = c.object(value, 'email', path);
	const plusTags = email && c.boolean(email, 'plusTags', `${path}email.`);
	const gmailDots = email && c.boolean(email, 'gmailDots', `${path}email.`);
	const threshold = c.number(value, 'threshold', path);
	if (threshold !== undefined && !(threshold > 0 && threshold < 1)) {
		c.fail(`${path}threshold`, 'must be a probability between 0 and 1');
	}
	const junkRecords = c.number(value, 'junkRecords', path);
	const maxBlockSize = c.number(value, 'maxBlockSize', path);
	const rules = (c.list(value, 'rules', path) ?? []).map((r, i) =>
		readRule(c, r, `${path}rules[${i}]`)
	);
	const blocking = c.switches(value, 'blocking', path);
	const comparisons = c.switches(value, 'comparisons', path);
	const goldenValue = c.field(value, 'golden');
	let golden: GoldenSettings | undefined;
	if (goldenValue !== undefined) {
		if (isObject(goldenValue)) golden = readGolden(c, goldenValue, `${path}golden.`);
		else c.fail(`${path}golden`, 'is not an object');
	}
	if (c.errors.length > errors) return undefined;
	return {
		email: { plusTags: plusTags as boolean, gmailDots: gmailDots as boolean },
		threshold: threshold as number,
		junkRecords: junkRecords as number,
		maxBlockSize: maxBlockSize as number,
		rules: rules as MatchRule[],
		blocking: blocking ?? {},
		comparisons: comparisons ?? {},
		...(golden ? { golden } : {})
	};
}

function readCuts(c: JsonChecks, node: JsonObject, key: string, path: string): Cuts | undefined {
	const list = c.list(node, key, path);
	if (!list) return undefined;
	if (list.length === 4 && list.every((v) => typeof v === 'number' && Number.isFinite(v))) {
		return list as Cuts;
	}
	return c.fail(`${path}${key}`, 'is not a list of four numbers');
}

function readStage(c: JsonChecks, value: unknown, path: string): LifecycleStage | undefined {
	if (!isObject(value)) return c.fail(path, 'is not an object');
	const bound = (key: string): number | null | undefined => {
		const v = c.field(value, key);
		if (v === null) return null;
		return typeof v === 'number' && Number.isFinite(v)
			? v
			: c.fail(`${path}.${key}`, 'is neither a number nor null');
	};
	const id = c.text(value, 'id', `${path}.`);
	const label = c.text(value, 'label', `${path}.`);
	const [minOrders, maxOrders, minDaysSinceLast, maxDaysSinceLast] = [
		'minOrders',
		'maxOrders',
		'minDaysSinceLast',
		'maxDaysSinceLast'
	].map(bound);
	const bounds = [minOrders, maxOrders, minDaysSinceLast, maxDaysSinceLast];
	if (id === undefined || label === undefined || bounds.some((b) => b === undefined)) return;
	return {
		id,
		label,
		minOrders: minOrders as number | null,
		maxOrders: maxOrders as number | null,
		minDaysSinceLast: minDaysSinceLast as number | null,
		maxDaysSinceLast: maxDaysSinceLast as number | null
	};
}

export function readIndicatorSettings(
	c: JsonChecks,
	value: JsonObject,
	path: string
): IndicatorSettings | undefined {
	const errors = c.errors.length;
	const rfm = c.object(value, 'rfm', path);
	const at = `${path}rfm.`;
	const method = rfm && c.oneOf(rfm, 'method', at, ['quintiles', 'thresholds'] as const);
	const recencyDays = rfm && readCuts(c, rfm, 'recencyDays', at);
	const frequency = rfm && readCuts(c, rfm, 'frequency', at);
	const monetary = rfm && readCuts(c, rfm, 'monetary', at);
	const models = Object.keys(PURCHASE_MODELS) as PurchaseModelName[];
	const model = c.oneOf(value, 'model', path, models);
	const [propensityDays, clvMonths, discountRate, holdoutDays] = [
		'propensityDays',
		'clvMonths',
		'discountRate',
		'holdoutDays'
	].map((key) => c.number(value, key, path));
	const lifecycle = (c.list(value, 'lifecycle', path) ?? []).map((s, i) =>
		readStage(c, s, `${path}lifecycle[${i}]`)
	);
	if (c.errors.length > errors) return undefined;
	const settings: IndicatorSettings = {
		rfm: {
			method: method as 'quintiles' | 'thresholds',
			recencyDays: recencyDays as Cuts,
			frequency: frequency as Cuts,
			monetary: monetary as Cuts
		},
		model: model as PurchaseModelName,
		propensityDays: propensityDays as number,
		clvMonths: clvMonths as number,
		discountRate: discountRate as number,
		holdoutDays: holdoutDays as number,
		lifecycle: lifecycle as LifecycleStage[]
	};
	for (const problem of indicatorSettingsProblems(settings)) {
		c.errors.push(`${path.replace(/\.$/, '')}: ${problem}`);
	}
	return c.errors.length > errors ? undefined : settings;
}
