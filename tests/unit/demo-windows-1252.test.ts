// Windows-1252 encoding for the store receipts file: Latin-1 letters keep their byte, the
// code page's extras (€, œ, curly quotes) get theirs, anything else is refused by name.
import { describe, expect, it } from 'vitest';
import { encodeWindows1252 } from '../../src/lib/core/demo';

describe('Windows-1252 encoding', () => {
	it.each([
		['A', [0x41]],
		['é', [0xe9]],
		['°', [0xb0]],
		['ÿ', [0xff]],
		['€', [0x80]],
		['œ', [0x9c]],
		['’', [0x92]],
		['Besançon', [0x42, 0x65, 0x73, 0x61, 0x6e, 0xe7, 0x6f, 0x6e]]
	])('writes %s as %j', (text, bytes) => {
		expect([...encodeWindows1252(text)]).toEqual(bytes);
	});

	// Node 20's decoder maps 0x80–0x9F as Latin-1 controls, so the round trip sticks to Latin-1.
	it('round-trips Latin-1 text through the windows-1252 decoder', () => {
		const text = 'N° ticket;Hélène Lefèvre;Müller;Núñez;Orléans;23,90';
		expect(new TextDecoder('windows-1252').decode(encodeWindows1252(text))).toBe(text);
	});

	it.each([['ł'], ['\u0081'], ['😀']])('refuses %s with a clear message', (text) => {
		expect(() => encodeWindows1252(`Wa${text}`)).toThrow(/cannot be written in Windows-1252/);
	});
});
