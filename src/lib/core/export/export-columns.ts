// The kinds of column an export knows, from a column's DuckDB type (information_schema's
// data_type). The tricky point: the kind decides two things the writers must agree on — which
// Parquet type a column gets, and whether a CSV cell is text that needs protecting against
// formula injection. Types no writer knows (lists, structs, intervals, time zones) are written
// as their text, so an export never fails on a column the 360 table might gain later.
import { ident, sql, type Sql } from '../sql/sql';

export type ExportKind = 'text' | 'int32' | 'int64' | 'double' | 'boolean' | 'date' | 'timestamp';

export interface ExportColumn {
	name: string;
	/** The DuckDB type, as information_schema reports it ('VARCHAR', 'DECIMAL(18,2)', …). */
	type: string;
	kind: ExportKind;
}

const KIND_OF_TYPE: Readonly<Record<string, ExportKind>> = {
	VARCHAR: 'text',
	BOOLEAN: 'boolean',
	TINYINT: 'int32',
	SMALLINT: 'int32',
	INTEGER: 'int32',
	UTINYINT: 'int32',
	USMALLINT: 'int32',
	UINTEGER: 'int64',
	BIGINT: 'int64',
	// Past 64 bits and decimals: doubles, as the engine hands them over anyway (see db.ts).
	UBIGINT: 'double',
	HUGEINT: 'double',
	UHUGEINT: 'double',
	DECIMAL: 'double',
	FLOAT: 'double',
	DOUBLE: 'double',
	DATE: 'date',
	TIMESTAMP: 'timestamp',
	TIMESTAMP_S: 'timestamp',
	TIMESTAMP_MS: 'timestamp',
	TIMESTAMP_NS: 'timestamp'
};

export function exportKindOf(type: string): ExportKind {
	const base = type.replace(/\(.*$/s, '').trim().toUpperCase();
	return KIND_OF_TYPE[base] ?? 'text';
}

export function exportColumn(name: string, type: string): ExportColumn {
	return { name, type, kind: exportKindOf(type) };
}

/** The DuckDB type each kind is read as, so that every host hands over the same Arrow type. */
const READ_AS: Readonly<Record<ExportKind, Sql>> = {
	text: sql`VARCHAR`,
	int32: sql`INTEGER`,
	int64: sql`BIGINT`,
	double: sql`DOUBLE`,
	boolean: sql`BOOLEAN`,
	date: sql`DATE`,
	timestamp: sql`TIMESTAMP`
};

/** The column's value cast to its kind's type (a no-op for the usual types). */
export function typedValue(column: ExportColumn): Sql {
	return sql`CAST(${ident(column.name)} AS ${READ_AS[column.kind]})`;
}
