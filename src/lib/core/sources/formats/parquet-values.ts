// Parquet values as text, column by column: hyparquet decodes the file; these functions decide
// how each logical type reads. The tricky points: decimals arrive as doubles (23.9 may be
// 23.900000000000002) and are printed with their declared scale; 32-bit floats get the shortest
// text that reads back to the same float; timestamps keep their full precision from the raw
// integer, and those stored as UTC instants end in Z.
import type { ParquetParsers, SchemaElement } from 'hyparquet';
import { cellText, isoDay, isoSecond } from './cell-text';
import type { CellText } from './record-batch';

function timestampText(count: bigint, perSecond: bigint, digits: number): string {
	let seconds = count / perSecond;
	let fraction = count % perSecond;
	if (fraction < 0n) {
		fraction += perSecond;
		seconds -= 1n;
	}
	const date = new Date(Number(seconds) * 1000);
	// Beyond JavaScript's dates (±275,000 years, DuckDB's infinity): keep the stored number.
	if (Number.isNaN(date.getTime())) return count.toString();
	const base = isoSecond(date);
	if (fraction === 0n) return base;
	return `${base}.${fraction.toString().padStart(digits, '0').replace(/0+$/, '')}`;
}

/** Dates and timestamps decoded straight to ISO text, so no precision is lost on the way. */
export const TEXT_PARSERS: Partial<ParquetParsers> = {
	timestampFromMilliseconds: (ms) => timestampText(BigInt(ms), 1_000n, 3),
	timestampFromMicroseconds: (us) => timestampText(BigInt(us), 1_000_000n, 6),
	timestampFromNanoseconds: (ns) => timestampText(BigInt(ns), 1_000_000_000n, 9),
	dateFromDays: (days) => {
		const date = new Date(Number(days) * 86_400_000);
		return Number.isNaN(date.getTime()) ? String(days) : isoDay(date);
	}
};

/** The shortest decimal text that reads back to the same 32-bit float. */
function floatText(value: number): string {
	if (!Number.isFinite(value)) return String(value);
	for (let digits = 1; digits < 10; digits++) {
		const text = String(Number(value.toPrecision(digits)));
		if (Math.fround(Number(text)) === value) return text;
	}
	return String(value);
}

export type ValueText = (value: unknown) => CellText;

/** How the values of one top-level column become text. */
export function valueTextFor(element: SchemaElement): ValueText {
	const logical = element.logical_type;
	const scale =
		logical?.type === 'DECIMAL'
			? logical.scale
			: element.converted_type === 'DECIMAL'
				? (element.scale ?? 0)
				: null;
	if (scale !== null) {
		return (value) =>
			typeof value === 'number' && Number.isFinite(value)
				? value.toFixed(Math.min(scale, 100))
				: cellText(value);
	}
	if (element.type === 'FLOAT' && !logical) {
		return (value) => (typeof value === 'number' ? floatText(value) : cellText(value));
	}
	if (logical?.type === 'TIMESTAMP' && logical.isAdjustedToUTC) {
		return (value) => (typeof value === 'string' ? `${value}Z` : cellText(value));
	}
	return cellText;
}
