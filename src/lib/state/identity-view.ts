// Turning identity results and settings into the rows the Identity page shows: rules with their
// switches and pair counts, link reasons in words, the fields of two records side by side, the
// points of the cluster-size and threshold charts. Pure functions, no engine.
import { BLOCKING_RULES, type BlockingCount } from '$lib/core/identity/blocking';
import { COMPARISONS } from '$lib/core/identity/comparisons';
import type { ThresholdPoint } from '$lib/core/identity/explorer';
import type { IdentityOverview, ReviewPair } from '$lib/core/identity/workspace-identity';
import type { RecordField } from '$lib/core/identity/records';
import type { IdentitySettings, MatchRule } from '$lib/core/identity/types';

export const FIELD_LABELS: Record<RecordField, string> = {
	first_name: 'First name',
	last_name: 'Last name',
	birth_date: 'Birth date',
	email: 'E-mail',
	phone: 'Phone',
	postcode: 'Postcode',
	city: 'City',
	street: 'Street',
	house_number: 'House number',
	national_id: 'National id',
	loyalty_id: 'Loyalty card',
	gender: 'Gender'
};

/** Why pairs were linked, in words: a rule's label, the model, or people's decisions. */
export function linkReason(reason: string, rules: readonly MatchRule[]): string {
	if (reason === 'model') return 'Match model (probability at or above the threshold)';
	if (reason === 'decision') return 'Labelled as the same person';
	return rules.find((r) => r.id === reason)?.label ?? reason;
}

/** A blocking rule's id as counted by a run ('email', or 'rule:<id>' for a match rule) in words. */
export function blockingLabel(ruleId: string, rules: readonly MatchRule[]): string {
	const own = ruleId.startsWith('rule:') ? rules.find((r) => `rule:${r.id}` === ruleId) : null;
	return own?.label ?? BLOCKING_RULES.find((r) => r.id === ruleId)?.label ?? ruleId;
}

export interface BlockingRow {
	id: string;
	label: string;
	on: boolean;
	broad: boolean;
	/** What the last run counted for the rule; null when it did not consider it. */
	count: BlockingCount | null;
}

export function blockingRows(
	settings: IdentitySettings,
	overview: IdentityOverview | null
): BlockingRow[] {
	return BLOCKING_RULES.map((rule) => ({
		id: rule.id,
		label: rule.label,
		on: settings.blocking[rule.id] !== false,
		broad: rule.broad === true,
		count: overview?.summary.blocking.find((b) => b.ruleId === rule.id) ?? null
	}));
}

export interface RuleRow {
	rule: MatchRule;
	/** Candidate pairs the rule's fields generate, and links it is the reason of (last run). */
	pairs: number | null;
	links: number | null;
}

export function ruleRows(settings: IdentitySettings, overview: IdentityOverview | null): RuleRow[] {
	return settings.rules.map((rule) => ({
		rule,
		pairs: overview?.summary.blocking.find((b) => b.ruleId === `rule:${rule.id}`)?.pairs ?? null,
		links: overview ? (overview.metrics.links.find((l) => l.reason === rule.id)?.pairs ?? 0) : null
	}));
}

export function comparisonRows(settings: IdentitySettings) {
	return COMPARISONS.map((c) => ({
		id: c.id,
		label: c.label,
		field: FIELD_LABELS[c.field],
		on: settings.comparisons[c.id] !== false
	}));
}

export interface FieldRow {
	name: string;
	a: string | null;
	b: string | null;
	/** Both filled and not equal once case and spaces are set aside. */
	differs: boolean;
}

const comparable = (value: string) => value.trim().toLowerCase().replace(/\s+/g, ' ');

/** The two records' fields side by side, in the first record's order then the second's. */
export function fieldRows(pair: ReviewPair): FieldRow[] {
	const names = [
		...new Set([...Object.keys(pair.recordA.fields), ...Object.keys(pair.recordB.fields)])
	];
	return names
		.map((name) => {
			const a = pair.recordA.fields[name] ?? null;
			const b = pair.recordB.fields[name] ?? null;
			return { name, a, b, differs: a !== null && b !== null && comparable(a) !== comparable(b) };
		})
		.filter((row) => row.a !== null || row.b !== null);
}

/** A column name of a mapped view as a heading: "birth_date" → "Birth date". */
export function columnTitle(name: string): string {
	const words = name.replace(/_/g, ' ');
	return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface SizeBar {
	size: string;
	customers: number;
}

/** Customers by records per customer; sizes above `upTo` are counted together. */
export function clusterSizeBars(
	sizes: IdentityOverview['metrics']['clusterSizes'],
	upTo = 12
): SizeBar[] {
	const bars: SizeBar[] = sizes
		.filter((s) => s.size <= upTo)
		.map((s) => ({ size: String(s.size), customers: s.customers }));
	const beyond = sizes.filter((s) => s.size > upTo).reduce((n, s) => n + s.customers, 0);
	if (beyond > 0) bars.push({ size: `${upTo + 1}+`, customers: beyond });
	return bars;
}

/** The explorer's point at, or else nearest to, a threshold. */
export function nearestPoint(
	points: readonly ThresholdPoint[],
	threshold: number
): ThresholdPoint | null {
	let best: ThresholdPoint | null = null;
	for (const point of points) {
		if (!best || Math.abs(point.threshold - threshold) < Math.abs(best.threshold - threshold)) {
			best = point;
		}
	}
	return best;
}

/** A probability as people read it: 0.912, 0.0031, 2.1e-6. */
export function formatProbability(p: number): string {
	if (p === 0) return '0';
	if (p >= 0.01) return p.toFixed(3);
	if (p >= 0.0001) return p.toFixed(5);
	return p.toExponential(1);
}

export function formatPercent(share: number, digits = 1): string {
	return `${(share * 100).toFixed(digits)}%`;
}

/** A match weight in bits, signed. */
export function formatWeight(bits: number): string {
	return `${bits >= 0 ? '+' : '−'}${Math.abs(bits).toFixed(2)}`;
}
