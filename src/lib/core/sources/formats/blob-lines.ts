// A Blob's text, line by line, read as a stream: the file is never held in memory whole. Lines
// come in groups (one per chunk the stream delivers) so that a million short lines do not cost a
// million awaits. The tricky point: a chunk can end in the middle of a line, or of a multi-byte
// character; both are carried over to the next chunk.

export interface LineGroup {
	lines: string[];
	/** The 1-based number of the group's first line in the file. */
	firstLine: number;
	/** Bytes of the file read so far. */
	bytesRead: number;
}

/** A longer line means the file is not line-delimited: stop rather than fill the memory. */
export const MAX_LINE_CHARS = 64 * 1024 * 1024;

export async function* blobLines(blob: Blob): AsyncGenerator<LineGroup> {
	const decoder = new TextDecoder('utf-8');
	const reader = blob.stream().getReader();
	let carry = '';
	let next = 1;
	let bytesRead = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			bytesRead += value.byteLength;
			const text = carry + decoder.decode(value, { stream: true });
			const lines = text.split('\n');
			carry = lines.pop() ?? '';
			if (carry.length > MAX_LINE_CHARS) {
				throw new Error(`line ${next + lines.length} is longer than 64 MB`);
			}
			if (lines.length === 0) continue;
			yield { lines: lines.map(withoutReturn), firstLine: next, bytesRead };
			next += lines.length;
		}
		const rest = carry + decoder.decode();
		if (rest.length > 0) yield { lines: [withoutReturn(rest)], firstLine: next, bytesRead };
	} finally {
		// Stops the stream when the reader leaves early (an inspection reads the first rows only).
		await reader.cancel().catch(() => undefined);
	}
}

function withoutReturn(line: string): string {
	return line.endsWith('\r') ? line.slice(0, -1) : line;
}
