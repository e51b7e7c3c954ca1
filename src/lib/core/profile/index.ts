// Profiling a raw table: per column its type, fill, distinct values, top values, range,
// patterns and the values that fail its role's rule. Only this file is meant to be imported
// from outside (the quality computations reuse the role rules and the phone canonical form).
export {
	profileTable,
	DEFAULT_EXACT_ROW_LIMIT,
	DEFAULT_SAMPLE_ROWS,
	type ProfileOptions
} from './profile-table';
export {
	profileColumn,
	readColumn,
	type ColumnOptions,
	type ColumnReading,
	type Counts,
	type WholeColumn
} from './profile-column';
export { checkRole, roleRule, isDateRole, dateOf, type RoleRule } from './role-checks';
export { canonicalPhone, phoneDigits, placeholderPhone, FRENCH_PHONE } from './phone-canonical';
export { inferType, type TypeInference, type TypeOptions } from './infer-type';
export { dateFormatOf, type DateFormat, type DateLayout } from './date-formats';
export { dateParse, dateText } from './typed-values';
export { patternOf } from './patterns';
export {
	withValueTable,
	scratchName,
	trimmed,
	BLANKS,
	MAX_SHOWN_LENGTH,
	type ValueTable,
	type Relation
} from './value-table';
export type * from './types';
