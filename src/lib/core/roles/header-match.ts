// A role suggested by a header name alone: known names first (exact after normalisation), then
// word rules, each with a confidence and a reason a marketer can read. The tricky point: the
// source kind changes the answer — names limited to a kind are looked up only for it, and a
// role the kind cannot hold (a 'Magasin' column in a customer file) becomes a custom attribute
// with a reason saying so, rather than being dropped silently.
import { DEFAULT_NAME_CONFIDENCE, HEADER_NAMES, type HeaderNames } from './header-names';
import { DEFAULT_RULE_CONFIDENCE, TOKEN_RULES, type TokenRule } from './header-rules';
import { compactHeader, headerTokens } from './normalise-header';
import {
	roleAppliesTo,
	roleDefinition,
	roleLabel,
	SOURCE_KINDS,
	type RoleId,
	type SourceKind
} from './vocabulary';

export interface HeaderGuess {
	role: RoleId;
	confidence: number;
	reason: string;
	/** 'name': a known header name; 'words': a word rule. */
	via: 'name' | 'words';
}

function splitNames(names: string): string[] {
	return names
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
}

/** Known names per kind, keyed by compact name; the first entry for a name wins. */
function buildNameIndex(): Map<SourceKind, Map<string, HeaderNames>> {
	const index = new Map<SourceKind, Map<string, HeaderNames>>();
	for (const kind of SOURCE_KINDS) {
		const names = new Map<string, HeaderNames>();
		for (const entry of HEADER_NAMES) {
			if (entry.kind && entry.kind !== kind) continue;
			for (const name of splitNames(entry.names)) {
				const key = compactHeader(name);
				if (!names.has(key)) names.set(key, entry);
			}
		}
		index.set(kind, names);
	}
	return index;
}

const NAME_INDEX = buildNameIndex();

/** Every known name with its role, for a kind (used by tests and the mapping UI's hints). */
export function knownHeaderNames(kind: SourceKind): { name: string; role: RoleId }[] {
	return HEADER_NAMES.filter((entry) => !entry.kind || entry.kind === kind).flatMap((entry) =>
		splitNames(entry.names).map((name) => ({ name, role: entry.role }))
	);
}

function wordMatches(pattern: string, token: string): boolean {
	return pattern.endsWith('*') ? token.startsWith(pattern.slice(0, -1)) : token === pattern;
}

function firstHit(group: string, tokens: readonly string[]): string | undefined {
	const patterns = group.split(' ').filter((p) => p !== '');
	return tokens.find((token) => patterns.some((pattern) => wordMatches(pattern, token)));
}

function ruleHit(rule: TokenRule, tokens: readonly string[]): string | undefined {
	if (rule.none && firstHit(rule.none, tokens) !== undefined) return undefined;
	const hits = rule.all.map((group) => firstHit(group, tokens));
	if (hits.some((hit) => hit === undefined)) return undefined;
	return hits.join("' and '");
}

function describe(header: string, role: RoleId, evidence: string, note?: string): string {
	if (role === 'custom') {
		return `header '${header}' looks like ${note ?? 'a column without a role'}: kept as a custom attribute`;
	}
	const text = `header '${header}' ${evidence} ${roleLabel(role)}`;
	return note ? `${text} (${note})` : text;
}

/** Makes a guess fit the kind: roles the kind cannot hold become custom attributes. */
function fitKind(guess: HeaderGuess, kind: SourceKind): HeaderGuess {
	if (roleAppliesTo(guess.role, kind)) {
		if (kind === 'event' && guess.role === 'record_key') {
			return {
				...guess,
				reason: `${guess.reason}; in an event source it is the customer's record key in the profile source it refers to`
			};
		}
		return guess;
	}
	const owner = roleDefinition(guess.role).kinds.join(' and ');
	return {
		role: 'custom',
		confidence: Math.round(guess.confidence * 80) / 100,
		via: guess.via,
		reason: `${guess.reason}, a role only ${owner} sources have: kept as a custom attribute`
	};
}

export function matchHeader(header: string, kind: SourceKind): HeaderGuess | null {
	const key = compactHeader(header);
	if (key === '') return null;
	const named = NAME_INDEX.get(kind)?.get(key);
	if (named) {
		return fitKind(
			{
				role: named.role,
				confidence: named.confidence ?? DEFAULT_NAME_CONFIDENCE,
				reason: describe(header, named.role, 'is a known name for', named.note),
				via: 'name'
			},
			kind
		);
	}
	const tokens = headerTokens(header);
	for (const rule of TOKEN_RULES) {
		if (rule.kind && rule.kind !== kind) continue;
		const hit = ruleHit(rule, tokens);
		if (hit === undefined) continue;
		return fitKind(
			{
				role: rule.role,
				confidence: rule.confidence ?? DEFAULT_RULE_CONFIDENCE,
				reason: describe(header, rule.role, `contains '${hit}', a sign of`, rule.note),
				via: 'words'
			},
			kind
		);
	}
	return null;
}
