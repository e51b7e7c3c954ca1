// The entries of a zip archive (an .xlsx workbook is one), read through Blob.slice: the central
// directory at the end of the file lists every entry, and an entry is inflated as a stream with
// the platform's DecompressionStream('deflate-raw') — no library, and only the entries asked for
// are read, a piece at a time. The tricky points: sizes and offsets are taken from the central
// directory (a local header may leave them zero and put them after the data), and an archive
// over 4 GB or with 65,535 entries keeps the real values in its zip64 records.
import { decodedText, sliceStream } from './blob-stream';

export interface ZipEntry {
	name: string;
	/** 0: stored as is; 8: deflated. */
	method: number;
	compressedSize: number;
	size: number;
	/** Where the entry's local header starts. */
	headerOffset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** The end record (22 bytes) plus the longest comment it may carry. */
const TAIL_BYTES = 22 + 0xffff;

async function bytesAt(blob: Blob, start: number, end: number): Promise<DataView> {
	const buffer = await blob.slice(start, end).arrayBuffer();
	return new DataView(buffer);
}

const u64 = (view: DataView, at: number) => Number(view.getBigUint64(at, true));

function findEndRecord(tail: DataView): number {
	for (let at = tail.byteLength - 22; at >= 0; at--) {
		if (tail.getUint32(at, true) === END_OF_DIRECTORY) return at;
	}
	throw new Error('no zip directory was found');
}

/** Where the central directory starts and how long it is, from the end records. */
async function directorySpan(blob: Blob): Promise<{ start: number; length: number }> {
	const tailStart = Math.max(0, blob.size - TAIL_BYTES);
	const tail = await bytesAt(blob, tailStart, blob.size);
	const end = findEndRecord(tail);
	const length = tail.getUint32(end + 12, true);
	const start = tail.getUint32(end + 16, true);
	if (start !== 0xffffffff && length !== 0xffffffff) return { start, length };
	// Zip64: a locator just before the end record points at the 64-bit end record.
	if (end < 20 || tail.getUint32(end - 20, true) !== ZIP64_LOCATOR) {
		throw new Error('the zip64 directory is missing');
	}
	const record = u64(tail, end - 20 + 8);
	const zip64 = await bytesAt(blob, record, record + 56);
	if (zip64.getUint32(0, true) !== ZIP64_END_OF_DIRECTORY) {
		throw new Error('the zip64 directory is damaged');
	}
	return { start: u64(zip64, 48), length: u64(zip64, 40) };
}

/** Sizes and offset stored as 0xFFFFFFFF are in the entry's zip64 extra field, in this order. */
function applyZip64(entry: ZipEntry, view: DataView, extraStart: number, extraEnd: number): void {
	for (let at = extraStart; at + 4 <= extraEnd;) {
		const id = view.getUint16(at, true);
		const length = view.getUint16(at + 2, true);
		if (id === 0x0001) {
			let field = at + 4;
			const next = () => {
				const value = u64(view, field);
				field += 8;
				return value;
			};
			if (entry.size === 0xffffffff) entry.size = next();
			if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
			if (entry.headerOffset === 0xffffffff) entry.headerOffset = next();
			return;
		}
		at += 4 + length;
	}
}

function readDirectory(view: DataView): Map<string, ZipEntry> {
	const decoder = new TextDecoder();
	const entries = new Map<string, ZipEntry>();
	for (let at = 0; at + 46 <= view.byteLength;) {
		if (view.getUint32(at, true) !== DIRECTORY_ENTRY)
			throw new Error('the zip directory is damaged');
		const nameLength = view.getUint16(at + 28, true);
		const extraLength = view.getUint16(at + 30, true);
		const commentLength = view.getUint16(at + 32, true);
		const nameBytes = new Uint8Array(view.buffer, view.byteOffset + at + 46, nameLength);
		const entry: ZipEntry = {
			name: decoder.decode(nameBytes),
			method: view.getUint16(at + 10, true),
			compressedSize: view.getUint32(at + 20, true),
			size: view.getUint32(at + 24, true),
			headerOffset: view.getUint32(at + 42, true)
		};
		if ((view.getUint16(at + 8, true) & 1) === 1) {
			throw new Error(`'${entry.name}' in it is encrypted`);
		}
		const extraStart = at + 46 + nameLength;
		applyZip64(entry, view, extraStart, extraStart + extraLength);
		entries.set(entry.name, entry);
		at = extraStart + extraLength + commentLength;
	}
	return entries;
}

export class ZipArchive {
	private constructor(
		private readonly blob: Blob,
		private readonly entries: Map<string, ZipEntry>
	) {}

	/** Reads the archive's directory; throws a plain reason when the file is no zip archive. */
	static async open(blob: Blob): Promise<ZipArchive> {
		const { start, length } = await directorySpan(blob);
		if (start + length > blob.size) throw new Error('the zip directory lies beyond the file');
		return new ZipArchive(blob, readDirectory(await bytesAt(blob, start, start + length)));
	}

	entry(name: string): ZipEntry | undefined {
		return this.entries.get(name);
	}

	/**
	 * The entry's bytes, inflated as they are read. `onRead` is told how many of the archive's
	 * bytes have been read so far (for progress).
	 */
	async stream(
		entry: ZipEntry,
		onRead?: (archiveBytes: number) => void
	): Promise<ReadableStream<Uint8Array>> {
		const header = await bytesAt(this.blob, entry.headerOffset, entry.headerOffset + 30);
		if (header.getUint32(0, true) !== LOCAL_HEADER) {
			throw new Error(`'${entry.name}' in it is damaged`);
		}
		const dataStart =
			entry.headerOffset + 30 + header.getUint16(26, true) + header.getUint16(28, true);
		const raw = sliceStream(this.blob, dataStart, dataStart + entry.compressedSize, onRead);
		if (entry.method === 0) return raw;
		if (entry.method === 8) {
			// The DOM types give the stream's writable side BufferSource, which TypeScript will
			// not accept where Uint8Array flows in, though every Uint8Array is one.
			const inflate = new DecompressionStream('deflate-raw') as unknown as TransformStream<
				Uint8Array,
				Uint8Array
			>;
			return raw.pipeThrough(inflate);
		}
		throw new Error(
			`'${entry.name}' in it uses a compression method (${entry.method}) that is not read`
		);
	}

	/** A whole entry as text (UTF-8), or null when the archive has no such entry. */
	async text(name: string): Promise<string | null> {
		const entry = this.entries.get(name);
		if (!entry) return null;
		const chunks: string[] = [];
		for await (const text of decodedText(await this.stream(entry))) chunks.push(text);
		return chunks.join('');
	}
}
