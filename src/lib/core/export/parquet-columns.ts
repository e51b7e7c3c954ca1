// Parquet's description of each exported column and its values from an Arrow page. Every column
// is OPTIONAL (any cell may be NULL). Types: text → UTF8 string; int32/int64 → INT32/INT64;
// double (DECIMAL too) → DOUBLE; boolean → BOOLEAN; date → INT32 DATE; timestamp → INT64
// TIMESTAMP(MILLIS) not adjusted to UTC, which DuckDB, pandas and Spark read back as a plain
// timestamp (a TIMESTAMP_MILLIS converted type would mean UTC, and become TIMESTAMPTZ).
// The tricky point is the engine's result convention (db.ts): BIGINT arrives as a double,
// dates and timestamps as epoch milliseconds, so each kind converts back; timestamps keep
// milliseconds, which is what the engine hands over (microseconds are dropped).
import type { Vector } from 'apache-arrow';
import type { SchemaElement } from 'hyparquet';
import { utf8Cells } from './arrow-text';
import type { ExportColumn, ExportKind } from './export-columns';

const DAY_MS = 86_400_000;

type ParquetType = Pick<SchemaElement, 'type' | 'converted_type' | 'logical_type'>;

const PARQUET_TYPES: Readonly<Record<ExportKind, ParquetType>> = {
	text: { type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } },
	int32: { type: 'INT32' },
	int64: { type: 'INT64' },
	double: { type: 'DOUBLE' },
	boolean: { type: 'BOOLEAN' },
	date: { type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } },
	timestamp: {
		type: 'INT64',
		logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MILLIS' }
	}
};

/** The file's schema: a root, then one optional leaf per column. */
export function parquetSchema(columns: readonly ExportColumn[]): SchemaElement[] {
	return [
		{ name: 'root', num_children: columns.length },
		...columns.map((c) => ({
			name: c.name,
			repetition_type: 'OPTIONAL' as const,
			...PARQUET_TYPES[c.kind]
		}))
	];
}

type Cell = Uint8Array | number | bigint | boolean | null;

function epochMs(value: unknown): number {
	return value instanceof Date ? value.getTime() : Number(value);
}

/** Conversions from what the engine hands over (text is taken as bytes, see arrow-text). */
const TO_PARQUET: Readonly<Record<Exclude<ExportKind, 'text'>, (value: unknown) => Cell>> = {
	int32: (v) => Number(v),
	int64: (v) => (typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v)))),
	double: (v) => Number(v),
	boolean: (v) => Boolean(v),
	date: (v) => Math.floor(epochMs(v) / DAY_MS),
	timestamp: (v) => BigInt(Math.trunc(epochMs(v)))
};

/** A column's values as hyparquet-writer takes them (text as UTF-8 bytes, null for NULL). */
export function parquetValues(vector: Vector | null, kind: ExportKind, rows: number): Cell[] {
	if (kind === 'text') return utf8Cells(vector);
	const convert = TO_PARQUET[kind];
	const values: Cell[] = new Array<Cell>(rows);
	let i = 0;
	for (const value of vector ?? []) {
		values[i++] = value === null || value === undefined ? null : convert(value);
	}
	values.fill(null, i);
	return values;
}
