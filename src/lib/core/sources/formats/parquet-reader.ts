// Parquet files read in JavaScript with hyparquet (the browser's DuckDB has no Parquet
// extension). The file is read through Blob.slice: the footer first, then one row group — or a
// slice of a large one — at a time, so a file bigger than the memory can still be imported.
// The tricky point: hyparquet itself decodes only uncompressed and Snappy data; the other codecs
// writers use (ZSTD, gzip, Brotli, LZ4) come from hyparquet-compressors, in JavaScript, with a
// small Snappy decoder in WebAssembly embedded in its code (nothing is fetched from elsewhere). It
// is 115 kB (75 kB gzipped, most of it Brotli's dictionary), so it is imported only when a file
// needs it: a chunk of the site, fetched the first time. LZO, which no common writer uses, is
// named in a clear refusal before anything is imported.
import {
	parquetMetadataAsync,
	parquetRead,
	parquetSchema,
	type AsyncBuffer,
	type Compressors,
	type FileMetaData
} from 'hyparquet';
import { ColumnNames } from './column-names';
import { TEXT_PARSERS, valueTextFor, type ValueText } from './parquet-values';
import { batchRowsFor, type CellText, type RecordReader, type RowBatch } from './record-batch';

/** Rows decoded at once from a row group: bounds the memory a huge row group takes. */
const SLICE_ROWS = 100_000;

/** What hyparquet decodes itself, and what hyparquet-compressors adds (its `compressors`). */
const BUILT_IN_CODECS = new Set(['UNCOMPRESSED', 'SNAPPY']);
const ADDED_CODECS = new Set(['GZIP', 'ZSTD', 'BROTLI', 'LZ4', 'LZ4_RAW']);

function codecsOf(metadata: FileMetaData): Set<string> {
	const codecs = new Set<string>();
	for (const group of metadata.row_groups) {
		for (const column of group.columns) {
			if (column.meta_data) codecs.add(column.meta_data.codec);
		}
	}
	return codecs;
}

/** The compression codecs of a file's columns that Concord cannot decode. */
export function unreadableCodecs(metadata: FileMetaData): string[] {
	return [...codecsOf(metadata)].filter(
		(codec) => !BUILT_IN_CODECS.has(codec) && !ADDED_CODECS.has(codec)
	);
}

/** hyparquet-compressors' decoders when the file needs them, loaded on first use. */
async function compressorsFor(metadata: FileMetaData): Promise<Compressors | undefined> {
	if ([...codecsOf(metadata)].every((codec) => BUILT_IN_CODECS.has(codec))) return undefined;
	return (await import('hyparquet-compressors')).compressors;
}

function blobBuffer(blob: Blob): AsyncBuffer {
	return {
		byteLength: blob.size,
		slice: (start, end) => blob.slice(start, end).arrayBuffer()
	};
}

function detail(error: unknown): string {
	return (error instanceof Error ? error.message : String(error)).replace(/^parquet /, '');
}

interface GroupSlice {
	rowStart: number;
	rowEnd: number;
	/** The share of the file's bytes read before and after this slice, for progress. */
	bytesBefore: number;
	bytesAfter: number;
}

function slicesOf(metadata: FileMetaData, fileSize: number): GroupSlice[] {
	const slices: GroupSlice[] = [];
	const totalRows = Number(metadata.num_rows);
	const bytesAt = (row: number) =>
		totalRows > 0 ? Math.round((fileSize * row) / totalRows) : fileSize;
	let start = 0;
	for (const group of metadata.row_groups) {
		const rows = Number(group.num_rows);
		for (let from = 0; from < rows; from += SLICE_ROWS) {
			const rowStart = start + from;
			const rowEnd = start + Math.min(rows, from + SLICE_ROWS);
			slices.push({
				rowStart,
				rowEnd,
				bytesBefore: bytesAt(rowStart),
				bytesAfter: bytesAt(rowEnd)
			});
		}
		start += rows;
	}
	return slices;
}

export async function parquetReader(blob: Blob, displayName: string): Promise<RecordReader> {
	const file = blobBuffer(blob);
	let metadata: FileMetaData;
	try {
		metadata = await parquetMetadataAsync(file, { parsers: TEXT_PARSERS });
	} catch (error) {
		throw new Error(
			`'${displayName}' cannot be read as Parquet (it may be damaged or incomplete): ${detail(error)}.`
		);
	}
	const unreadable = unreadableCodecs(metadata);
	if (unreadable.length > 0) {
		throw new Error(
			`'${displayName}' is compressed with ${unreadable.join(', ')}, which Concord cannot read: save it with Snappy, ZSTD or gzip compression (or none), or as CSV.`
		);
	}
	const compressors = await compressorsFor(metadata);
	const elements = parquetSchema(metadata).children.map((child) => child.element);
	const names = new ColumnNames();
	const columns = elements.map((element) => names.add(element.name));
	const texts: ValueText[] = elements.map(valueTextFor);
	const groups = metadata.row_groups.length;
	return {
		format: 'parquet',
		note: `${Number(metadata.num_rows).toLocaleString('en-US')} rows in ${groups} row group${groups === 1 ? '' : 's'}.`,
		warnings: () => names.warnings(displayName),
		async *batches(limit = Infinity): AsyncGenerator<RowBatch> {
			const size = batchRowsFor(columns.length);
			for (const slice of slicesOf(metadata, blob.size)) {
				if (slice.rowStart >= limit) return;
				let decoded: unknown[][] = [];
				try {
					await parquetRead({
						file,
						metadata,
						rowStart: slice.rowStart,
						rowEnd: Math.min(slice.rowEnd, limit),
						parsers: TEXT_PARSERS,
						compressors,
						onComplete: (rows) => {
							decoded = rows;
						}
					});
				} catch (error) {
					throw new Error(
						`'${displayName}' could not be read after row ${slice.rowStart.toLocaleString('en-US')}: ${detail(error)}.`
					);
				}
				const span = slice.bytesAfter - slice.bytesBefore;
				for (let at = 0; at < decoded.length; at += size) {
					const end = Math.min(decoded.length, at + size);
					const rows = decoded.slice(at, end).map((row) =>
						row.map((value, c): CellText => {
							const text = texts[c];
							return text ? text(value) : null;
						})
					);
					const bytesRead = slice.bytesBefore + Math.round((span * end) / decoded.length);
					yield { columns, rows, bytesRead };
				}
			}
		}
	};
}
