// Part of a Blob as a stream of bytes, and a stream of UTF-8 bytes as text, for readers that
// inflate or scan a file as it is read (the Excel reader). The tricky point: the stream reads a
// slice only when its reader wants more, so what is read ahead stays small and a reader that
// stops early (a preview) leaves the rest of the file unread.

/** Bytes read from a Blob per request: what a stream reads ahead stays small. */
const SLICE_BYTES = 64 * 1024;

/**
 * Part of a Blob as a stream read one slice at a time, only when the reader wants more (unlike
 * Blob.stream(), which Node fills with the whole Blob at once).
 */
export function sliceStream(
	blob: Blob,
	start: number,
	end: number,
	onRead?: (bytes: number) => void
): ReadableStream<Uint8Array> {
	let at = start;
	return new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				if (at >= end) {
					controller.close();
					return;
				}
				const next = Math.min(end, at + SLICE_BYTES);
				const bytes = new Uint8Array(await blob.slice(at, next).arrayBuffer());
				at = next;
				onRead?.(at);
				controller.enqueue(bytes);
			}
		},
		{ highWaterMark: 0 }
	);
}

/** A stream of UTF-8 bytes as pieces of text; a character cut between two chunks stays whole. */
export async function* decodedText(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
	const decoder = new TextDecoder('utf-8');
	const reader = stream.getReader();
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			const text = decoder.decode(value, { stream: true });
			if (text !== '') yield text;
		}
		const rest = decoder.decode();
		if (rest !== '') yield rest;
	} finally {
		// Stopping early (a preview of the first rows) cancels the reading and the inflating.
		await reader.cancel().catch(() => undefined);
	}
}
