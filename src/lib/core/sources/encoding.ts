// Guessing a text file's encoding from its first bytes, before DuckDB reads it. The tricky
// point: Windows-1252 and Latin-1 differ only in bytes 0x80–0x9F (€, œ, Œ, curly quotes…):
// DuckDB reads Latin-1 itself but refuses those bytes, so a file that holds them must be
// transcoded first. A sample that is valid UTF-8 is UTF-8 (other encodings almost never are).

export type TextEncodingName = 'utf-8' | 'utf-16' | 'latin-1' | 'windows-1252';

export interface EncodingGuess {
	encoding: TextEncodingName;
	/** The file starts with a byte order mark. */
	bom: boolean;
	/** Why we think so, in words a user understands. */
	reason: string;
}

export type FileShape =
	| { kind: 'text'; encoding: EncodingGuess }
	| { kind: 'gzip' }
	| { kind: 'zip' }
	| { kind: 'parquet' }
	| { kind: 'binary'; reason: string }
	| { kind: 'empty' };

const startsWith = (bytes: Uint8Array, prefix: number[]) =>
	prefix.every((byte, i) => bytes[i] === byte);

/** Valid UTF-8, ignoring a sequence cut off at the end of the sample. */
function isUtf8(bytes: Uint8Array, complete: boolean): boolean {
	let end = bytes.length;
	if (!complete) {
		// Step back over a possibly truncated multi-byte sequence (at most 3 continuation bytes).
		let back = 0;
		while (back < 4 && end - back - 1 >= 0 && ((bytes[end - back - 1] ?? 0) & 0xc0) === 0x80)
			back++;
		if (end - back - 1 >= 0 && (bytes[end - back - 1] ?? 0) >= 0xc0) end = end - back - 1;
	}
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
		return true;
	} catch {
		return false;
	}
}

/** Share of bytes that no text file holds (NUL and most control characters). */
function controlShare(bytes: Uint8Array): number {
	let control = 0;
	for (const byte of bytes) {
		if (
			byte === 0 ||
			(byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c)
		) {
			control++;
		}
	}
	return bytes.length === 0 ? 0 : control / bytes.length;
}

export function guessEncoding(sample: Uint8Array, complete: boolean): EncodingGuess {
	if (startsWith(sample, [0xef, 0xbb, 0xbf])) {
		return {
			encoding: 'utf-8',
			bom: true,
			reason: 'The file starts with a UTF-8 byte order mark.'
		};
	}
	if (startsWith(sample, [0xff, 0xfe]) || startsWith(sample, [0xfe, 0xff])) {
		return {
			encoding: 'utf-16',
			bom: true,
			reason: 'The file starts with a UTF-16 byte order mark.'
		};
	}
	if (isUtf8(sample, complete)) {
		return { encoding: 'utf-8', bom: false, reason: 'The text is valid UTF-8.' };
	}
	const hasWindowsBytes = sample.some((byte) => byte >= 0x80 && byte <= 0x9f);
	return hasWindowsBytes
		? {
				encoding: 'windows-1252',
				bom: false,
				reason:
					'The text is not UTF-8 and uses Windows-1252 characters (such as €, œ or curly quotes).'
			}
		: {
				encoding: 'latin-1',
				bom: false,
				reason: 'The text is not UTF-8; its accents read correctly as Latin-1 (ISO-8859-1).'
			};
}

/** What a file is, from its first bytes: text (with its encoding), compressed, Parquet, binary. */
export function inspectBytes(sample: Uint8Array, complete: boolean): FileShape {
	if (sample.length === 0) return { kind: 'empty' };
	if (startsWith(sample, [0x1f, 0x8b])) return { kind: 'gzip' };
	if (startsWith(sample, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'zip' };
	if (startsWith(sample, [0x50, 0x41, 0x52, 0x31])) return { kind: 'parquet' };
	const utf16 = startsWith(sample, [0xff, 0xfe]) || startsWith(sample, [0xfe, 0xff]);
	if (!utf16 && controlShare(sample.subarray(0, 65536)) > 0.01) {
		return {
			kind: 'binary',
			reason: 'The file holds binary data, not text: it is not a CSV export.'
		};
	}
	return { kind: 'text', encoding: guessEncoding(sample, complete) };
}
