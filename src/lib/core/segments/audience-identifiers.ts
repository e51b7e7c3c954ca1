// A customer's e-mail address and phone number in the form ad platforms match on, and their
// SHA-256 digests as lower-case hex (Google Customer Match, Meta custom audiences): the e-mail
// trimmed and lower-cased, nothing else — no Gmail dot or plus rewriting, which the platforms do
// not do either, so a rewritten address would hash to something they never match; the phone in
// E.164 with its '+', as the 360° table's golden `phone` holds it (read at import, see
// mapped/phone-e164.ts). The tricky point: a value that is not in that form is left out (an empty
// cell) rather than repaired, since a digest of a malformed value matches no one and hides the
// gap. Digests come from WebCrypto (workers, browsers and Node 20 alike), never from our own code.

/** An address: something before and after one '@', a dot in the domain, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** E.164: '+', a country code not starting with 0, 7 to 15 digits in all. */
const E164 = /^\+[1-9]\d{6,14}$/;

/** The e-mail as the platforms hash it, or null when it is no address. */
export function audienceEmail(value: string | null | undefined): string | null {
	if (value === null || value === undefined) return null;
	const email = value.trim().toLowerCase();
	return EMAIL.test(email) ? email : null;
}

/** The phone as the platforms hash it (E.164, '+' kept), or null when it is not in that form. */
export function audiencePhone(value: string | null | undefined): string | null {
	if (value === null || value === undefined) return null;
	const phone = value.trim();
	return E164.test(phone) ? phone : null;
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const encoder = new TextEncoder();

/** The lower-case hex SHA-256 of the text's UTF-8 bytes. */
export async function sha256Hex(text: string): Promise<string> {
	const digest = new Uint8Array(
		await globalThis.crypto.subtle.digest('SHA-256', encoder.encode(text))
	);
	let hex = '';
	for (const byte of digest) hex += HEX[byte]!;
	return hex;
}

/** The digest of a normalised value, or '' (an empty cell) when there is none. */
export function digestOrEmpty(value: string | null): Promise<string> | string {
	return value === null ? '' : sha256Hex(value);
}
