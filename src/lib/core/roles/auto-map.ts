// The automatic mapping suggestion: for each column a role, a confidence and the reasons, from
// the header name and the values together. Values confirm a header guess, lower its
// confidence when they disagree, override it when they are clearly something else ('Téléphone'
// full of e-mail addresses) and fill in when the header says nothing ('contact'). The tricky
// point is the whole-source pass at the end: a role that takes one column is never given to
// two — the best match keeps it and the others become custom attributes with a reason — and a
// bare 'Name' next to a first-name column is read as the last name.
import { BARE_NAME_HEADERS } from './header-names';
import { matchHeader } from './header-match';
import { normaliseHeader } from './normalise-header';
import type { ValueProfile } from './value-detect';
import { roleFit, valueGuess } from './value-evidence';
import { roleDefinition, roleLabel, type RoleId, type SourceKind } from './vocabulary';

export interface ColumnInput {
	name: string;
	/** The column's value profile, when the values were examined. */
	values?: ValueProfile;
}

export interface ColumnSuggestion {
	column: string;
	role: RoleId;
	/** From 0 (a guess) to 1 (certain). */
	confidence: number;
	/** Why, in words a marketer understands, strongest first. */
	reasons: string[];
}

export interface MappingInput {
	kind: SourceKind;
	columns: readonly ColumnInput[];
}

const round = (value: number) => Math.round(Math.min(0.99, Math.max(0, value)) * 100) / 100;

function unmapped(column: ColumnInput): ColumnSuggestion {
	const empty = column.values && column.values.filled === 0;
	const reason = empty
		? `column '${column.name}' is empty in the sample: kept as a custom attribute`
		: `header '${column.name}' is not a known name and its values fit no role: kept as a custom attribute`;
	return { column: column.name, role: 'custom', confidence: 0.3, reasons: [reason] };
}

/** One column on its own: header evidence weighed against value evidence. */
export function suggestColumn(column: ColumnInput, kind: SourceKind): ColumnSuggestion {
	const header = matchHeader(column.name, kind);
	const profile = column.values;
	const byValues = profile ? valueGuess(profile, kind) : null;
	if (!header) {
		if (!byValues) return unmapped(column);
		return {
			column: column.name,
			role: byValues.role,
			confidence: byValues.confidence,
			reasons: [byValues.reason, `header '${column.name}' is not a known name`]
		};
	}
	let confidence = header.confidence;
	const reasons = [header.reason];
	const fit = profile && header.role !== 'custom' ? roleFit(header.role, profile) : null;
	if (fit && fit.share >= 0.8) {
		confidence += 0.05;
		reasons.push(`values confirm: ${fit.text}`);
	} else if (fit && fit.share < 0.3) {
		confidence *= 0.5;
		reasons.push(`but only ${fit.text}`);
	} else if (fit) {
		confidence -= 0.1;
		reasons.push(`only ${fit.text}`);
	}
	if (byValues && byValues.role !== header.role && byValues.confidence > confidence + 0.05) {
		return {
			column: column.name,
			role: byValues.role,
			confidence: byValues.confidence,
			reasons: [byValues.reason, `rather than ${roleLabel(header.role)}: ${reasons.join('; ')}`]
		};
	}
	return { column: column.name, role: header.role, confidence: round(confidence), reasons };
}

/** 'Name' beside 'Vorname' or 'first_name' is the family name. */
function readBareNames(suggestions: ColumnSuggestion[]): ColumnSuggestion[] {
	if (!suggestions.some((s) => s.role === 'first_name')) return suggestions;
	return suggestions.map((s) =>
		s.role === 'full_name' && BARE_NAME_HEADERS.includes(normaliseHeader(s.column))
			? {
					...s,
					role: 'last_name',
					reasons: [
						...s.reasons,
						`a first-name column is present, so '${s.column}' holds the last name`
					]
				}
			: s
	);
}

/** Keeps single-column roles on their best column; the others become custom attributes. */
function settleConflicts(suggestions: ColumnSuggestion[]): ColumnSuggestion[] {
	const winners = new Map<RoleId, number>();
	suggestions.forEach((s, i) => {
		if (roleDefinition(s.role).multiple) return;
		const best = winners.get(s.role);
		const current = best === undefined ? undefined : suggestions[best];
		if (!current || s.confidence > current.confidence) winners.set(s.role, i);
	});
	return suggestions.map((s, i) => {
		const best = winners.get(s.role);
		if (best === undefined || best === i) return s;
		const winner = suggestions[best]?.column ?? '';
		return {
			column: s.column,
			role: 'custom',
			confidence: round(s.confidence * 0.5),
			reasons: [
				`${roleLabel(s.role)} takes a single column and '${winner}' matches it better: kept as a custom attribute`,
				...s.reasons
			]
		};
	});
}

/** The suggested role of every column of a source, in column order. */
export function suggestMapping(input: MappingInput): ColumnSuggestion[] {
	const alone = input.columns.map((column) => suggestColumn(column, input.kind));
	return settleConflicts(readBareNames(alone));
}
