// What a mapped view is built from and what it exposes. The tricky point: the mapping stores
// roles as plain text (a saved mapping may predate a vocabulary change), so a spec's role is a
// string and the builder skips, with a note, any role it does not know.
import type { DateOrder } from '../profile';
import type { RoleId, SourceKind } from '../roles/vocabulary';

export interface MappedSpec {
	sourceId: string;
	/** The source's raw all-VARCHAR table. */
	tableName: string;
	kind: SourceKind;
	/** The saved mapping: each raw column with its role, in column order. */
	columns: readonly { column: string; role: string }[];
}

/** The two orders a user can choose between for dates such as 03/04/1975. */
export type DayMonthOrder = Exclude<DateOrder, 'year-first'>;
export type DecimalSeparator = '.' | ',';

/** How the user wants a date or number column read, instead of what the data decide. */
export interface ReadingChoice {
	dateOrder?: DayMonthOrder;
	decimalSeparator?: DecimalSeparator;
}

export interface MappedOptions {
	/** The day/month order to read a date column in, by raw column name, instead of the inferred one. */
	dateOrder?: Readonly<Record<string, DateOrder>>;
	/** The decimal separator to read a number column with, by raw column name, instead of the inferred one. */
	decimalSeparator?: Readonly<Record<string, DecimalSeparator>>;
	/** The view's name, when not mappedViewName(tableName) (that name belongs to another source). */
	viewName?: string;
	/**
	 * The country (ISO 3166 code, 'FR') whose national numbers phones written without an
	 * international prefix are read as; the phone lookup's own country when not given.
	 */
	phoneCountry?: string;
}

/**
 * What the data say about one date or number column and why ('212 values decide it'), and the
 * choice by hand that overrides it, if any. `detected` is null for a date column none of whose
 * values reads as a date.
 */
export type ReadingDecision =
	| {
			column: string;
			kind: 'date';
			detected: DateOrder | null;
			reason: string;
			chosen: DateOrder | null;
	  }
	| {
			column: string;
			kind: 'number';
			detected: DecimalSeparator;
			reason: string;
			chosen: DecimalSeparator | null;
	  };

export type MappedType = 'text' | 'date' | 'timestamp' | 'double' | 'boolean';

export interface MappedColumn {
	/** The column's name in the view: the role id, `email_2` for a second e-mail, `<role>_key`. */
	name: string;
	role: RoleId;
	/** The raw column it is read from; null for record_id when it falls back to the row number. */
	sourceColumn: string | null;
	type: MappedType;
}

export interface MappedView {
	/** The view's name (unquoted). */
	view: string;
	columns: MappedColumn[];
	/** What the builder decided and why, in a marketer's words. */
	notes: string[];
	/** How each date and number column is read: detected, and chosen by hand. */
	readings: ReadingDecision[];
}
