// What a workbook's cell values read as. Excel stores a date as a number of days (the serial) and
// tells it is a date only by the cell's number format, so a format decides whether the number is
// read as a date. The tricky points: the serial counts from 1900-01-00 and counts a 29 February
// 1900 that never was (Lotus 1-2-3's bug, kept for compatibility), or from 1904-01-01 in workbooks
// set to the 1904 date system, and a serial under 1 is a time of day in either; a time is a
// fraction of a day stored in binary, so 10:00:59 comes back as 10:00:58.99999… and is rounded to
// the nearest millisecond, not cut (read-excel-file, used before, cut it: a third of all times of
// day read one millisecond early).
import { isoDateText } from './cell-text';

/**
 * Built-in number formats that show dates or times (ECMA-376 part 1, 18.8.30, and the formats
 * Excel gives the same ids in Chinese, Japanese, Korean and Thai editions).
 */
const BUILT_IN_DATE_FORMATS = new Set([
	14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
	52, 53, 54, 55, 56, 57, 58, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81
]);

/**
 * Whether a custom number format shows a date or a time: its section for positive numbers has a
 * year, month, day, hour, minute or second code once quoted text, escaped characters, padding and
 * bracketed parts (colours, locales, conditions) are set aside — elapsed times like [h] count.
 */
export function isDateFormatCode(code: string): boolean {
	const bare = code
		.replace(/"[^"]*"/g, '')
		.replace(/\\./g, '')
		.replace(/[_*]./g, '')
		.replace(/\[(?![hms]+\])[^\]]*\]/gi, '');
	const positive = bare.split(';')[0] ?? '';
	return /[ymdhs]/i.test(positive);
}

export function isDateFormat(id: number, code: string | undefined): boolean {
	return code === undefined ? BUILT_IN_DATE_FORMATS.has(id) : isDateFormatCode(code);
}

const DAY_MS = 86_400_000;
/** Serial days from each system's day 0 to 1970-01-01. */
const UNIX_EPOCH_1900 = 25569;
const UNIX_EPOCH_1904 = 24107;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function timeOfDay(ms: number): string {
	const seconds = Math.floor(ms / 1000);
	const text = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
	return ms % 1000 === 0 ? text : `${text}.${pad(ms % 1000, 3)}`;
}

/**
 * A serial date as ISO 8601 text: a day alone (2024-01-31), a day and time, or a time of day
 * (10:30:00) for a serial under 1, which has no day. A serial no date can have (negative, the
 * 29 February 1900 that never was, past year 9999) keeps its number.
 */
export function serialDateText(stored: string, date1904: boolean): string {
	const serial = Number(stored);
	if (!Number.isFinite(serial) || serial < 0 || serial >= 2_958_466) return stored;
	if (serial < 1) return timeOfDay(Math.round(serial * DAY_MS));
	if (!date1904 && serial >= 60 && serial < 61) return stored;
	// Before 1 March 1900 the serials are not shifted by the missing leap day.
	const epoch = date1904 ? UNIX_EPOCH_1904 : serial < 60 ? UNIX_EPOCH_1900 - 1 : UNIX_EPOCH_1900;
	return isoDateText(new Date(Math.round((serial - epoch) * DAY_MS))) ?? stored;
}

/** Excel's stored number text (1.0000000000000001E-3) in plain notation where that is exact. */
export function numberText(stored: string): string {
	if (!/e/i.test(stored)) return stored;
	const plain = String(Number(stored));
	return /e/i.test(plain) || plain === 'NaN' ? stored : plain;
}

/**
 * Characters XML cannot hold are written _xHHHH_ in a workbook's text (ECMA-376 part 1, 22.9.2.19);
 * a literal "_x0041_" is itself written with its underscore escaped, _x005F_x0041_.
 */
export function unescapeText(text: string): string {
	if (!text.includes('_x')) return text;
	return text.replace(/_x([0-9a-fA-F]{4})_/g, (_whole, hex: string) =>
		String.fromCharCode(parseInt(hex, 16))
	);
}
