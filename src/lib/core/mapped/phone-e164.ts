// One phone number in E.164 ('+33612345678'), read by libphonenumber-js with the workspace's
// default country for numbers written without their international prefix ('06 12 34 56 78').
// The 'min' metadata (~80 kB) suffices: its validity check is each country's number lengths and
// general number pattern, which rejects codes, placeholders such as 0000000000 and garbage;
// 'max' would add the exact mobile and fixed-line ranges (and number types), ~75 kB more, and
// reject real numbers in ranges opened after a release. The tricky points: a cell must BE a
// number (`extract: false`), never merely contain one, so "<b>06…</b>" or a sentence quoting a
// number give no phone, as the SQL canonical form never did; a cell may hold several numbers,
// each read (all must be numbers); and the library is imported on first use, so that pages
// bundling core modules (the benchmark page) never load its metadata.
import type { CountryCode } from 'libphonenumber-js/min';

export { DEFAULT_PHONE_COUNTRY } from './phone-default';

/**
 * Longer trimmed values are not looked at: no written phone number (extension included) is this
 * long, and libphonenumber-js itself gives up at 250 characters.
 */
export const MAX_PHONE_LENGTH = 64;

/**
 * What separates the numbers of a cell holding several ('06 12 34 56 78 / 07 11 22 33 44'): a
 * semicolon, comma or bar, or a slash between spaces (a slash alone is a way to write one number).
 */
const PHONES_IN_A_CELL = /\s*[;,|]\s*|\s+\/\s+/;

/** What joins the E.164 numbers of a cell holding several, in the mapped view's phone column. */
export const PHONE_LIST_SEPARATOR = ';';

export interface ParsedPhone {
	/**
	 * The number in E.164 when it parses, even when it is not a valid one; several valid ones
	 * joined by PHONE_LIST_SEPARATOR; null otherwise.
	 */
	e164: string | null;
	valid: boolean;
}

export interface PhoneReader {
	/** The default country, as an upper-case ISO code. */
	country: CountryCode;
	/** A trimmed cell read as a phone number of `country` unless it carries its own prefix. */
	read(raw: string): ParsedPhone;
}

const NO_PHONE: ParsedPhone = { e164: null, valid: false };

function library() {
	return import('libphonenumber-js/min');
}

/** The countries whose phone numbers can be read (ISO codes). */
export async function phoneCountries(): Promise<string[]> {
	return (await library()).getCountries();
}

/** A reader with `country` as the default country, or an error a user understands. */
export async function phoneReader(country: string): Promise<PhoneReader> {
	const { isSupportedCountry, parsePhoneNumberFromString } = await library();
	const code = country.trim().toUpperCase();
	if (!isSupportedCountry(code)) {
		throw new Error(`'${country}' is not a country whose phone numbers Concord knows.`);
	}
	const one = (raw: string): ParsedPhone => {
		try {
			const parsed = parsePhoneNumberFromString(raw, { defaultCountry: code, extract: false });
			return parsed ? { e164: parsed.number, valid: parsed.isValid() } : NO_PHONE;
		} catch {
			// The library does not throw on bad text; a value it chokes on is simply no number.
			return NO_PHONE;
		}
	};
	return {
		country: code,
		read(raw) {
			if (raw.length === 0 || raw.length > MAX_PHONE_LENGTH) return NO_PHONE;
			const parts = raw.split(PHONES_IN_A_CELL).filter((part) => part.length > 0);
			if (parts.length < 2) return one(parts[0] ?? raw);
			// Several numbers count only when every part is one: else the cell is text with a number.
			const numbers = parts.map(one);
			if (!numbers.every((n) => n.valid && n.e164 !== null)) return NO_PHONE;
			return {
				e164: [...new Set(numbers.map((n) => n.e164))].join(PHONE_LIST_SEPARATOR),
				valid: true
			};
		}
	};
}
