// Text to Windows-1252 bytes, for the store receipts file that a French point-of-sale system
// would export in that code page. Pure TypeScript (TextEncoder only speaks UTF-8), so both the
// command line tool and the browser can write the file. The tricky point: Windows-1252 is
// Latin-1 except for 0x80–0x9F, where it puts €, œ, curly quotes and friends instead of
// control characters; a character outside both throws instead of being silently replaced.

const EXTRAS: ReadonlyMap<number, number> = new Map([
	[0x20ac, 0x80],
	[0x201a, 0x82],
	[0x0192, 0x83],
	[0x201e, 0x84],
	[0x2026, 0x85],
	[0x2020, 0x86],
	[0x2021, 0x87],
	[0x02c6, 0x88],
	[0x2030, 0x89],
	[0x0160, 0x8a],
	[0x2039, 0x8b],
	[0x0152, 0x8c],
	[0x017d, 0x8e],
	[0x2018, 0x91],
	[0x2019, 0x92],
	[0x201c, 0x93],
	[0x201d, 0x94],
	[0x2022, 0x95],
	[0x2013, 0x96],
	[0x2014, 0x97],
	[0x02dc, 0x98],
	[0x2122, 0x99],
	[0x0161, 0x9a],
	[0x203a, 0x9b],
	[0x0153, 0x9c],
	[0x017e, 0x9e],
	[0x0178, 0x9f]
]);

/** The Windows-1252 byte of one character, or undefined if the code page has none. */
export function windows1252Byte(codePoint: number): number | undefined {
	if (codePoint < 0x80 || (codePoint >= 0xa0 && codePoint <= 0xff)) return codePoint;
	return EXTRAS.get(codePoint);
}

export function encodeWindows1252(text: string): Uint8Array {
	const bytes = new Uint8Array(text.length);
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		const byte = windows1252Byte(code);
		if (byte === undefined) {
			const shown = String.fromCodePoint(text.codePointAt(i) ?? code);
			throw new Error(
				`The character '${shown}' (U+${code.toString(16).toUpperCase().padStart(4, '0')}) cannot be written in Windows-1252.`
			);
		}
		bytes[i] = byte;
	}
	return bytes;
}
