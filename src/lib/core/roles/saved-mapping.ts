// Re-applying a mapping the user made before when a file with the same header comes again.
// The signature is the header normalised, in order, so a re-export that only changes case,
// accents or separators ('E-mail' vs 'EMAIL') is recognised. The tricky point: a saved mapping
// may outlive its columns (the tool dropped one) or its roles (an older vocabulary): both are
// dropped here rather than applied to the wrong column. Storing the mapping is not done here.
import type { ReadingChoice } from '../mapped/types';
import type { ColumnSuggestion } from './auto-map';
import { compactHeader } from './normalise-header';
import { isRoleId, type RoleId, type SourceKind } from './vocabulary';

/** A column's role, and the reading choices the user made for it (newer saves only). */
export interface SavedColumnRole extends ReadingChoice {
	column: string;
	/** A RoleId when saved; checked again when read back. */
	role: RoleId | string;
}

export interface SavedMapping {
	signature: string;
	kind: SourceKind;
	columns: readonly SavedColumnRole[];
}

const SIGNATURE_VERSION = 'h1';

/** A stable key of a header: the normalised names (without separators), in order. */
export function headerSignature(columns: readonly (string | { name: string })[]): string {
	const names = columns.map((column) => (typeof column === 'string' ? column : column.name));
	return `${SIGNATURE_VERSION}:${JSON.stringify(names.map(compactHeader))}`;
}

/**
 * The saved roles of the columns that still exist, matched by exact name first and then by
 * normalised name, in the order of the current columns; saved columns that are gone and roles
 * the vocabulary no longer has are left out.
 */
export function applySavedMapping(
	saved: SavedMapping,
	columns: readonly (string | { name: string })[]
): ColumnSuggestion[] {
	const exact = new Map<string, RoleId>();
	const loose = new Map<string, RoleId>();
	for (const entry of saved.columns) {
		if (!isRoleId(entry.role)) continue;
		if (!exact.has(entry.column)) exact.set(entry.column, entry.role);
		const key = compactHeader(entry.column);
		if (!loose.has(key)) loose.set(key, entry.role);
	}
	const result: ColumnSuggestion[] = [];
	for (const column of columns) {
		const name = typeof column === 'string' ? column : column.name;
		const role = exact.get(name) ?? loose.get(compactHeader(name));
		if (role === undefined) continue;
		result.push({ column: name, role, confidence: 1, reasons: ['saved mapping for this header'] });
	}
	return result;
}
