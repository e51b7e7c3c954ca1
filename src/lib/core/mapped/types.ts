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

export interface MappedOptions {
	/** The day/month order to read a date column in, by raw column name, instead of the inferred one. */
	dateOrder?: Readonly<Record<string, DateOrder>>;
}

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
}
