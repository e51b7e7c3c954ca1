// Where to cut a large delimited text file into pieces that each begin at a record, so DuckDB can
// read it piece by piece and the import can tell how far it is. The tricky point: a newline inside
// a quoted value does not end a record. Quotes are followed by their parity (a doubled or an
// escaped quote leaves it as it was), which DuckDB can only disagree with on a stray quote inside
// an unquoted value. A cut that then falls inside a quoted value leaves that piece with an
// unterminated quote, which DuckDB refuses, and the file is read whole instead (import-csv.ts):
// a wrong cut costs time, never data.
import type { CsvOptions } from './csv-options';

/** Small enough for frequent progress, large enough that each piece's own cost stays small. */
export const PIECE_BYTES = 8 * 1024 * 1024;

export interface PieceBounds {
	start: number;
	end: number;
}

/** Reads the bytes of the file from `start` up to `end`. */
export type ReadBytes = (start: number, end: number) => Promise<Uint8Array>;

const NEWLINE = 0x0a;

const ascii = (text: string) => text.length === 0 || text.charCodeAt(0) < 0x80;

/**
 * Whether a file of `size` bytes is worth cutting (more than one piece) and can be cut by its
 * bytes: uncompressed, newlines and quotes of one byte each (UTF-8 or Latin-1, ASCII quotes).
 */
export function canCutIntoPieces(options: CsvOptions, size: number): boolean {
	return (
		size > PIECE_BYTES + PIECE_BYTES / 4 &&
		options.compression === 'none' &&
		options.encoding !== 'utf-16' &&
		ascii(options.quote) &&
		ascii(options.escape)
	);
}

/**
 * The offset just past the last record end in `bytes`, which begin at a record; -1 when fewer
 * than `minRecords` records end in them.
 */
export function lastRecordEnd(
	bytes: Uint8Array,
	quote: string,
	escape: string,
	minRecords = 1
): number {
	const quoteByte = quote ? quote.charCodeAt(0) : -1;
	// An escape equal to the quote doubles it, which two parity flips already account for.
	const escapeByte = escape && escape !== quote ? escape.charCodeAt(0) : -1;
	let quoted = false;
	let records = 0;
	let last = -1;
	for (let i = 0; i < bytes.length; i++) {
		const byte = bytes[i];
		if (quoted) {
			if (byte === escapeByte) i++;
			else if (byte === quoteByte) quoted = false;
		} else if (byte === quoteByte) {
			quoted = true;
		} else if (byte === NEWLINE) {
			records++;
			last = i + 1;
		}
	}
	return records >= minRecords ? last : -1;
}

/**
 * The pieces of a file of `size` bytes, in order. The first holds the skipped rows, the header
 * and at least one record; a remainder shorter than a quarter piece joins the piece before it;
 * a record longer than a piece ends the cutting (the rest is one piece).
 */
export async function* pieceBounds(
	size: number,
	read: ReadBytes,
	options: CsvOptions,
	pieceBytes = PIECE_BYTES
): AsyncGenerator<PieceBounds> {
	let start = 0;
	let minRecords = options.skipRows + (options.header ? 1 : 0) + 1;
	while (start < size) {
		let end = size;
		if (size - start > pieceBytes + pieceBytes / 4) {
			const bytes = await read(start, start + pieceBytes);
			const cut = lastRecordEnd(bytes, options.quote, options.escape, minRecords);
			if (cut > 0) end = start + cut;
		}
		yield { start, end };
		start = end;
		minRecords = 1;
	}
}
