// Editing the golden record's survivorship settings as plain data. Every change returns settings
// in one canonical form — fields in the core's order, each known rule once, a source order only
// where source priority reads it and only when it differs from the workspace's — so a change
// undone compares equal to no change and the customers are marked stale only by a real one.
import { columnsOfField } from '$lib/core/identity/golden-columns';
import {
	DEFAULT_GOLDEN_SETTINGS,
	GOLDEN_FIELDS,
	SURVIVORSHIP_RULES,
	type FieldSurvivorship,
	type GoldenField,
	type GoldenSettings,
	type SurvivorshipRule
} from '$lib/core/identity/golden-settings';

const isRule = (value: unknown): value is SurvivorshipRule =>
	(SURVIVORSHIP_RULES as readonly unknown[]).includes(value);

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function field(rules: readonly SurvivorshipRule[], sources: readonly string[]): FieldSurvivorship {
	return rules.includes('source_priority') && sources.length > 0
		? { rules: [...rules], sources: [...sources] }
		: { rules: [...rules] };
}

function normaliseField(stored: unknown, name: GoldenField): FieldSurvivorship {
	const fallback = DEFAULT_GOLDEN_SETTINGS.fields[name];
	if (!isObject(stored) || !Array.isArray(stored.rules)) {
		return field(fallback.rules, fallback.sources ?? []);
	}
	const rules = [...new Set(stored.rules.filter(isRule))];
	// Only rules of a newer version: the default rather than no rule at all.
	if (rules.length === 0 && stored.rules.length > 0) {
		return field(fallback.rules, fallback.sources ?? []);
	}
	const sources = Array.isArray(stored.sources)
		? [...new Set(stored.sources.filter((s): s is string => typeof s === 'string'))]
		: [];
	return field(rules, sources);
}

/** Golden settings read back or edited, in canonical form, with defaults for what is missing. */
export function normaliseGolden(stored?: unknown): GoldenSettings {
	const saved = isObject(stored) ? stored : {};
	const fields = isObject(saved.fields) ? saved.fields : {};
	return {
		fields: Object.fromEntries(
			GOLDEN_FIELDS.map((name) => [name, normaliseField(fields[name], name)])
		) as Record<GoldenField, FieldSurvivorship>,
		titleCaseNames:
			typeof saved.titleCaseNames === 'boolean'
				? saved.titleCaseNames
				: DEFAULT_GOLDEN_SETTINGS.titleCaseNames
	};
}

const DEFAULT_TEXT = JSON.stringify(normaliseGolden(DEFAULT_GOLDEN_SETTINGS));

export function isDefaultGolden(golden: GoldenSettings): boolean {
	return JSON.stringify(normaliseGolden(golden)) === DEFAULT_TEXT;
}

/**
 * The golden settings as identity settings keep them: normalised, or undefined when they are the
 * defaults, so that settings saved before golden records were configurable still compare equal.
 */
export function keptGolden(stored: unknown): GoldenSettings | undefined {
	const golden = normaliseGolden(stored);
	return isDefaultGolden(golden) ? undefined : golden;
}

function withField(
	golden: GoldenSettings,
	name: GoldenField,
	rules: readonly SurvivorshipRule[],
	sources: readonly string[] | undefined = golden.fields[name].sources
): GoldenSettings {
	const fields = { ...golden.fields, [name]: { rules, ...(sources ? { sources } : {}) } };
	return normaliseGolden({ ...golden, fields });
}

/** Moves a rule one place up (-1) or down (+1): the first rule decides, the next break ties. */
export function moveSurvivorshipRule(
	golden: GoldenSettings,
	name: GoldenField,
	rule: SurvivorshipRule,
	by: -1 | 1
): GoldenSettings {
	const rules = [...golden.fields[name].rules];
	const from = rules.indexOf(rule);
	const to = from + by;
	if (from < 0 || to < 0 || to >= rules.length) return golden;
	rules.splice(from, 1);
	rules.splice(to, 0, rule);
	return withField(golden, name, rules);
}

/** Adds a rule last, where it breaks the ties the others leave; a rule already there stays. */
export function addSurvivorshipRule(
	golden: GoldenSettings,
	name: GoldenField,
	rule: SurvivorshipRule
): GoldenSettings {
	const rules = golden.fields[name].rules;
	return rules.includes(rule) ? golden : withField(golden, name, [...rules, rule]);
}

export function removeSurvivorshipRule(
	golden: GoldenSettings,
	name: GoldenField,
	rule: SurvivorshipRule
): GoldenSettings {
	return withField(
		golden,
		name,
		golden.fields[name].rules.filter((r) => r !== rule)
	);
}

/**
 * The rules a field does not use yet, in the order they are offered. Most complete is not offered
 * for a date or a consent: such a value is there or not, never more or less complete.
 */
export function rulesToAdd(golden: GoldenSettings, name: GoldenField): SurvivorshipRule[] {
	const text = columnsOfField(name).some((column) => column.type === 'VARCHAR');
	return SURVIVORSHIP_RULES.filter(
		(rule) => !golden.fields[name].rules.includes(rule) && (text || rule !== 'most_complete')
	);
}

/**
 * A field's source order over the workspace's sources (ids in catalog order): those the field
 * lists first, in its order, then the others as the workspace lists them. Ids of sources no
 * longer there are left out.
 */
export function sourceOrder(
	survivorship: FieldSurvivorship,
	available: readonly string[]
): string[] {
	const present = new Set(available);
	const listed = new Set((survivorship.sources ?? []).filter((id) => present.has(id)));
	return [...listed, ...available.filter((id) => !listed.has(id))];
}

/** Moves a source one place up (-1) or down (+1) in a field's source order. */
export function moveSource(
	golden: GoldenSettings,
	name: GoldenField,
	available: readonly string[],
	sourceId: string,
	by: -1 | 1
): GoldenSettings {
	const order = sourceOrder(golden.fields[name], available);
	const from = order.indexOf(sourceId);
	const to = from + by;
	if (from < 0 || to < 0 || to >= order.length) return golden;
	order.splice(from, 1);
	order.splice(to, 0, sourceId);
	// The workspace's own order is what no list means: keep none, so that moving back is no change.
	const same = order.every((id, i) => id === available[i]);
	return withField(golden, name, golden.fields[name].rules, same ? [] : order);
}

export function setTitleCase(golden: GoldenSettings, on: boolean): GoldenSettings {
	return normaliseGolden({ ...golden, titleCaseNames: on });
}
