// Mapped views: a source's raw table read by role into canonical, typed columns.
export { buildMappedView } from './build-view';
export { detectReadings } from './detect-readings';
export { mappedViewName } from './placement';
export { readingKindOf, SEPARATOR_LABELS, type ReadingKind } from './reading-kind';
export type {
	DayMonthOrder,
	DecimalSeparator,
	MappedColumn,
	MappedOptions,
	MappedSpec,
	MappedType,
	MappedView,
	ReadingChoice,
	ReadingDecision
} from './types';
// The phone modules (phone-e164, phone-lookup) are imported by path, not from here: the page
// imports this index, and libphonenumber-js's metadata belongs in the worker only.
