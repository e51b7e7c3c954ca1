// Turning a value read from a file into the text a raw table stores. Numbers keep their plain
// text, booleans read true/false, dates are ISO 8601, nested objects and lists become their JSON
// text. The tricky point: DuckDB text cannot hold a NUL character, and a file can; it becomes
// U+FFFD (the replacement character) rather than failing the whole import.
import type { CellText } from './record-batch';

function clean(text: string): string {
	return text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
}

function hex(bytes: Uint8Array): string {
	let out = '\\x';
	for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
	return out;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The day of a date (read in UTC) as ISO 8601: 2024-01-31. */
export function isoDay(date: Date): string {
	const year = date.getUTCFullYear();
	const sign = year < 0 ? '-' : '';
	return `${sign}${pad(Math.abs(year), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Day and time to the second as ISO 8601: 2024-01-31T09:05:00. */
export function isoSecond(date: Date): string {
	const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
	return `${isoDay(date)}T${time}`;
}

/** A date as ISO 8601: the day alone at midnight, otherwise with its time (and milliseconds). */
export function isoDateText(date: Date): string | null {
	if (Number.isNaN(date.getTime())) return null;
	const milli = date.getUTCMilliseconds();
	if (date.getTime() % 86_400_000 === 0) return isoDay(date);
	return milli > 0 ? `${isoSecond(date)}.${pad(milli, 3)}` : isoSecond(date);
}

function jsonReplacer(_key: string, value: unknown): unknown {
	if (typeof value === 'bigint') return value.toString();
	if (value instanceof Uint8Array) return hex(value);
	if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
		return Array.from(value as unknown as ArrayLike<number | bigint>);
	}
	if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
	return value;
}

/** Nested values as JSON text; a Date inside becomes its ISO text through Date.toJSON. */
function jsonText(value: object): string {
	return JSON.stringify(value, jsonReplacer) ?? '';
}

export function cellText(value: unknown): CellText {
	if (value === null || value === undefined) return null;
	switch (typeof value) {
		case 'string':
			return clean(value);
		case 'number':
			return String(value);
		case 'bigint':
			return value.toString();
		case 'boolean':
			return value ? 'true' : 'false';
		case 'object':
			if (value instanceof Date) return isoDateText(value);
			if (value instanceof Uint8Array) return hex(value);
			return clean(jsonText(value));
		default:
			return clean(String(value));
	}
}
