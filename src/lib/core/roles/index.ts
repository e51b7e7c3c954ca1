// Roles: the fixed vocabulary a source's columns map to, and the automatic suggestion of a
// mapping from header names and values. Only this file is meant to be imported from outside.
export * from './vocabulary';
export { normaliseHeader, compactHeader } from './normalise-header';
export { matchHeader, knownHeaderNames, type HeaderGuess } from './header-match';
export {
	profileValues,
	valueProfileQuery,
	columnsOf,
	sampleRowsFor,
	DEFAULT_SAMPLE_ROWS,
	type ColumnValues,
	type ValueProfile
} from './value-detect';
export { VALUE_SHAPES, type ValueShape } from './value-shapes';
export { roleFit, valueGuess, type ValueGuess } from './value-evidence';
export {
	suggestMapping,
	suggestColumn,
	type ColumnInput,
	type ColumnSuggestion,
	type MappingInput
} from './auto-map';
export { suggestKind, type KindSuggestion } from './suggest-kind';
export {
	headerSignature,
	applySavedMapping,
	type SavedMapping,
	type SavedColumnRole
} from './saved-mapping';
