// Text values of an Arrow column as their UTF-8 bytes — views of the column's own buffer, not
// copies. An export writes bytes, and Arrow holds text as UTF-8 already: decoding each value to
// a JavaScript string only to encode it again cost more than the rest of a page. The tricky
// point: a column may come in several chunks, and a chunk may be a slice (its value offsets
// are sliced with it, its validity bitmap is not: Data.getValid accounts for that). A column
// that is not plain Utf8 falls back to decoding and encoding.
import { DataType, type Data, type Vector } from 'apache-arrow';

const encoder = new TextEncoder();

function isUtf8(vector: Vector): boolean {
	return DataType.isUtf8(vector.type) || DataType.isLargeUtf8(vector.type);
}

function bytesOf(data: Data, index: number): Uint8Array | null {
	if (data.nullCount > 0 && !data.getValid(index)) return null;
	const offsets = data.valueOffsets as Int32Array | BigInt64Array;
	return (data.values as Uint8Array).subarray(Number(offsets[index]), Number(offsets[index + 1]));
}

function encoded(value: unknown): Uint8Array | null {
	return value === null || value === undefined ? null : encoder.encode(String(value));
}

/** The bytes of every value, in order, with null for NULL. */
export function utf8Cells(vector: Vector | null): (Uint8Array | null)[] {
	if (!vector) return [];
	if (!isUtf8(vector)) return [...vector].map(encoded);
	const cells = new Array<Uint8Array | null>(vector.length);
	let row = 0;
	for (const data of vector.data) {
		for (let i = 0; i < data.length; i++) cells[row++] = bytesOf(data, i);
	}
	return cells;
}

/** The bytes of one value, or null. */
export function utf8CellAt(vector: Vector | null, index: number): Uint8Array | null {
	if (!vector) return null;
	if (!isUtf8(vector)) return encoded(vector.get(index));
	let rest = index;
	for (const data of vector.data) {
		if (rest < data.length) return bytesOf(data, rest);
		rest -= data.length;
	}
	return null;
}
