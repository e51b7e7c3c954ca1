// A customer's pairs of records as the explanation page tells them: whether each pair is a link
// and why (a rule, the match model, a person's decision) or why not, and its match weight as the
// steps of a waterfall. Weights are in bits: log2 of the odds, so each bit doubles the odds that
// the two records are one person (Fellegi-Sunter, as in Splink's waterfall). Pure functions.
import type { WaterfallStep } from '$lib/charts/match-waterfall';
import type { PairExplanation } from '$lib/core/identity/explain';
import type { IdentityRunInfo } from '$lib/engine/api';
import { formatWeight } from './identity-view';

/** One key per unordered pair of records. */
export function pairKey(recordA: string, recordB: string): string {
	return recordA < recordB ? `${recordA}\u0000${recordB}` : `${recordB}\u0000${recordA}`;
}

/** A probability as a percentage that never rounds a near-certainty to a certainty. */
export function formatChance(p: number): string {
	if (p >= 0.9999 && p < 1) return '> 99.99%';
	if (p > 0 && p < 0.0001) return '< 0.01%';
	const percent = p * 100;
	return `${percent.toFixed(percent >= 99 || percent < 1 ? 2 : 1)}%`;
}

export interface PairVerdict {
	linked: boolean;
	/** Why, in a few words: "Same e-mail and first name", "match model", "below the threshold". */
	reason: string;
	/** What lies behind it, in a sentence. */
	detail: string;
}

export function pairVerdict(pair: PairExplanation, run: IdentityRunInfo | null): PairVerdict {
	const threshold = run ? formatChance(run.threshold) : 'the threshold';
	if (pair.linkedBy === 'decision') {
		return {
			linked: true,
			reason: 'your decision',
			detail: 'You decided these two records are the same person.'
		};
	}
	if (pair.linkedBy === 'model') {
		return {
			linked: true,
			reason: 'match model',
			detail: `The match probability reaches the threshold (${threshold}).`
		};
	}
	if (pair.linkedBy !== null) {
		const rule = run?.rules.find((r) => r.id === pair.linkedBy);
		return {
			linked: true,
			reason: rule?.label ?? `rule '${pair.linkedBy}'`,
			detail: 'A deterministic rule links them, whatever the model says.'
		};
	}
	if (pair.decision === false) {
		return {
			linked: false,
			reason: 'your decision',
			detail: 'You decided these two records are not the same person.'
		};
	}
	if (pair.household && run && pair.probability >= run.threshold) {
		return {
			linked: false,
			reason: 'household guard',
			detail: 'The household guard holds: the model never links such a pair.'
		};
	}
	return {
		linked: false,
		reason: 'below the threshold',
		detail: `The match probability is below the threshold (${threshold}).`
	};
}

/** The prior, one step per comparison in the model's order, then the total. */
export function waterfallSteps(pair: PairExplanation): WaterfallStep[] {
	const steps: WaterfallStep[] = [
		{
			label: 'Prior (any two records)',
			start: 0,
			end: pair.prior,
			kind: 'prior',
			note: formatWeight(pair.prior)
		}
	];
	let at = pair.prior;
	for (const c of pair.contributions) {
		if (c.level === null) {
			// A record lacks the field, or (the city) another comparison already counts it.
			steps.push({
				label: `${c.label}: not compared`,
				start: at,
				end: at,
				kind: 'missing',
				note: ''
			});
			continue;
		}
		steps.push({
			label: `${c.label}: ${c.level}`,
			start: at,
			end: at + c.weight,
			kind: c.weight >= 0 ? 'for' : 'against',
			note: formatWeight(c.weight)
		});
		at += c.weight;
	}
	steps.push({
		label: 'Match weight',
		start: 0,
		end: pair.weight,
		kind: 'total',
		note: `= ${formatWeight(pair.weight)} · ${formatChance(pair.probability)}`
	});
	return steps;
}

/** A decision in words, for the pair's status line. */
export function decisionText(same: boolean | null): string {
	if (same === null) return 'No decision';
	return same ? 'Same person' : 'Not the same person';
}
