// Editing identity settings as plain data: every change returns new settings in one canonical
// form (keys in the defaults' order, switches listing only what is off, golden record settings
// only when they are not the defaults), so settings that mean the same compare equal and a run
// is marked stale only by a real change.
import { RECORD_FIELDS, type RecordField } from '$lib/core/identity/records';
import {
	DEFAULT_IDENTITY_SETTINGS,
	type IdentitySettings,
	type MatchRule
} from '$lib/core/identity/types';
import { keptGolden } from './golden-settings-edit';
import { FIELD_LABELS } from './identity-view';

function offSwitches(switches: Record<string, boolean> | undefined): Record<string, boolean> {
	const off = Object.entries(switches ?? {})
		.filter(([, on]) => on === false)
		.map(([id]) => id)
		.sort();
	return Object.fromEntries(off.map((id) => [id, false]));
}

function wholeNumber(value: unknown, fallback: number, least: number): number {
	const n = Number(value);
	return Number.isFinite(n) ? Math.max(least, Math.round(n)) : fallback;
}

function cleanRule(rule: MatchRule): MatchRule {
	const known = new Set<string>(RECORD_FIELDS);
	return {
		id: String(rule.id),
		label: String(rule.label),
		fields: [...new Set(rule.fields)].filter((f) => known.has(f)),
		enabled: rule.enabled !== false
	};
}

/** Settings read back or edited, in canonical form, with defaults for what is missing. */
export function normaliseSettings(stored: Partial<IdentitySettings> = {}): IdentitySettings {
	const d = DEFAULT_IDENTITY_SETTINGS;
	const threshold = Number(stored.threshold);
	const golden = keptGolden(stored.golden);
	return {
		email: {
			plusTags: stored.email?.plusTags ?? d.email.plusTags,
			gmailDots: stored.email?.gmailDots ?? d.email.gmailDots
		},
		threshold:
			Number.isFinite(threshold) && threshold > 0 && threshold < 1
				? Math.round(threshold * 1000) / 1000
				: d.threshold,
		junkRecords: wholeNumber(stored.junkRecords, d.junkRecords, 2),
		maxBlockSize: wholeNumber(stored.maxBlockSize, d.maxBlockSize, 2),
		rules: (stored.rules ?? d.rules).map(cleanRule),
		blocking: offSwitches(stored.blocking),
		comparisons: offSwitches(stored.comparisons),
		// Listed only when it differs from the defaults, like a switch only when it is off.
		...(golden ? { golden } : {})
	};
}

export function setSwitch(
	settings: IdentitySettings,
	kind: 'blocking' | 'comparisons',
	id: string,
	on: boolean
): IdentitySettings {
	return normaliseSettings({ ...settings, [kind]: { ...settings[kind], [id]: on } });
}

export function updateRule(
	settings: IdentitySettings,
	id: string,
	change: Partial<Omit<MatchRule, 'id'>>
): IdentitySettings {
	const rules = settings.rules.map((r) => (r.id === id ? { ...r, ...change } : r));
	return normaliseSettings({ ...settings, rules });
}

/** Moves a rule one place up (-1) or down (+1): a link's reason is the first rule it meets. */
export function moveRule(settings: IdentitySettings, id: string, by: -1 | 1): IdentitySettings {
	const rules = [...settings.rules];
	const from = rules.findIndex((r) => r.id === id);
	const to = from + by;
	if (from < 0 || to < 0 || to >= rules.length) return settings;
	const [rule] = rules.splice(from, 1);
	if (rule) rules.splice(to, 0, rule);
	return normaliseSettings({ ...settings, rules });
}

export function removeRule(settings: IdentitySettings, id: string): IdentitySettings {
	return normaliseSettings({ ...settings, rules: settings.rules.filter((r) => r.id !== id) });
}

export function defaultRuleLabel(fields: readonly RecordField[]): string {
	const names = fields.map((f) => FIELD_LABELS[f].toLowerCase());
	const last = names.pop();
	return names.length === 0 ? `Same ${last ?? ''}` : `Same ${names.join(', ')} and ${last}`;
}

/** Adds a rule at the end, with an id not yet taken. */
export function addRule(
	settings: IdentitySettings,
	fields: readonly RecordField[],
	label: string
): IdentitySettings {
	const base = fields.join('_') || 'rule';
	const taken = new Set(settings.rules.map((r) => r.id));
	let id = base;
	for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
	const rule = { id, label: label.trim() || defaultRuleLabel(fields), fields: [...fields] };
	return normaliseSettings({ ...settings, rules: [...settings.rules, { ...rule, enabled: true }] });
}
