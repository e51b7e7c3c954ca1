// Joining the byte parts an export writes page by page into the one file it returns. The tricky
// point is memory: for the length of the copy the file is held twice, parts and whole.

/** The parts' bytes, in order, as one array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
	const bytes = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		bytes.set(part, offset);
		offset += part.length;
	}
	return bytes;
}
