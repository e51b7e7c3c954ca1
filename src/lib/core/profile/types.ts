// What a profile says about a raw table and each of its columns. The tricky point is honesty
// about the basis of each number: above the exact row limit, rows, fill and distinct values
// are still the whole table's (distinct counted by hash, marked approximate) while the
// value-level counts (conforming, top values, patterns, role failures) are a sample's; and a
// pattern summary over a high-cardinality column is estimated from a row sample. Each result
// says which, so the page never presents an estimate or a sample count as a table count.
import type { RoleId } from '../roles/vocabulary';

/** A value as stored (not trimmed), cut to MAX_SHOWN_LENGTH characters for display. */
export interface ValueCount {
	value: string;
	count: number;
	/** The stored value was longer and `value` is its beginning. */
	truncated: boolean;
}

export interface PatternCount {
	/** Letters as 'A'/'a' (a run of one case is one letter), digits as '9', the rest kept. */
	pattern: string;
	count: number;
}

export interface PatternSummary {
	/** The most frequent patterns, most frequent first. */
	top: PatternCount[];
	/** How many different patterns the values have (in the sample when estimated). */
	distinct: number;
	/** Counts extrapolated from a row sample (high-cardinality columns). */
	estimated: boolean;
}

/** 'year-first': ISO-like and YYYYMMDD; the two others are decided from the data. */
export type DateOrder = 'year-first' | 'day-first' | 'month-first';

export interface DateTyping {
	kind: 'date' | 'timestamp';
	/** strptime formats tried in order; the first is the most frequent. */
	formats: string[];
	order: DateOrder;
	/**
	 * Values that parse day-first only (a first part above 12) and month-first only. When both
	 * are 0 the order could not be decided and `order` is the preferred one.
	 */
	orderEvidence: { dayFirst: number; monthFirst: number };
	/** A time zone suffix (Z, +01:00) is dropped before parsing: times are read as written. */
	dropsTimeZone: boolean;
}

export type ColumnType =
	| { kind: 'empty' }
	| { kind: 'text' }
	| { kind: 'boolean' }
	/** `leadingZeros`: values like '00123', a sign the column is a code rather than a number. */
	| { kind: 'integer'; leadingZeros: number }
	| { kind: 'decimal'; separator: '.' | ',' }
	| DateTyping;

export type ColumnTypeKind = ColumnType['kind'];

export type ValueRange =
	| { kind: 'number'; min: number; max: number }
	/** 'YYYY-MM-DD' for dates, 'YYYY-MM-DD HH:MM:SS' for timestamps. */
	| { kind: 'date'; min: string; max: string }
	/** By text order, each cut to MAX_SHOWN_LENGTH characters. */
	| { kind: 'text'; min: string; max: string };

export interface RoleCheck {
	role: RoleId;
	/** What a valid value is, in a marketer's words ('an e-mail address'). */
	rule: string;
	/** Non-empty values checked. */
	checked: number;
	invalid: number;
	/** The most frequent invalid values. */
	examples: ValueCount[];
}

export interface ColumnProfile {
	column: string;
	type: ColumnType;
	/** Non-empty values that read as `type` (all of them for text), in the profile's basis. */
	conforming: number;
	/** conforming / non-empty values of the basis (1 for text, 0 for an empty column). */
	conformingShare: number;
	rows: number;
	/** Values that are not empty once spaces are trimmed. */
	filled: number;
	/** filled / rows (0 for a table without rows). */
	fillRate: number;
	/** Different non-empty values, as stored. */
	distinct: number;
	distinctMethod: 'exact' | 'approximate';
	topValues: ValueCount[];
	/** Typed for numbers and dates, by text otherwise; null when the column is empty. */
	range: ValueRange | null;
	patterns: PatternSummary;
	/** Present when a role was given for the column and that role has a validation rule. */
	roleCheck: RoleCheck | null;
}

/** Where the value-level figures come from: every row, or a random sample of about `rows`. */
export type ProfileBasis = { kind: 'all' } | { kind: 'sample'; rows: number };

export interface TableProfile {
	table: string;
	rows: number;
	basis: ProfileBasis;
	columns: ColumnProfile[];
	/** Columns asked for that the table does not have. */
	missing: string[];
	elapsedMs: number;
}
