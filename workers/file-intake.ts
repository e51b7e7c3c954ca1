// Files the user chose, made readable by DuckDB without copying them into memory: the worker
// keeps each File, registers it lazily (DuckDB reads slices on demand) and looks at its first
// bytes to tell the format (CSV, Parquet, JSON, NDJSON, Excel), text from binary, and the
// encoding. Formats read in JavaScript are not registered: their readers slice the File
// themselves. The tricky point: DuckDB reads
// Latin-1 itself but not Windows-1252, so such a file is transcoded to UTF-8 into a scratch
// file on OPFS, streamed chunk by chunk (the whole file is never held in memory).
import type * as duckdb from '@duckdb/duckdb-wasm';
import { DuckDBDataProtocol } from '@duckdb/duckdb-wasm';
import type { CsvEncoding, CsvOptions } from '../src/lib/core/sources/csv-options';
import { canCutIntoPieces } from '../src/lib/core/sources/csv-pieces';
import type { CsvPiece } from '../src/lib/core/sources/import-csv';
import { registeredPieces } from './csv-pieces';
import { removeOpfsFiles } from './duckdb-boot';
import { inspectBytes, type FileShape } from '../src/lib/core/sources/encoding';
import { detectFormat } from '../src/lib/core/sources/formats/detect-format';
import type { FileFormat } from '../src/lib/core/sources/formats/record-batch';

const SAMPLE_BYTES = 1 << 20;

export interface IntakeFile {
	fileId: string;
	file: File;
	/** What DuckDB reads: the file itself, or its UTF-8 copy. */
	source: File;
	/** The name DuckDB reads the file under. */
	registeredName: string;
	shape: FileShape;
	/** null when the file is none of the formats Concord reads (see refusalFor). */
	format: FileFormat | null;
	encoding: CsvEncoding;
	compression: 'none' | 'gzip';
}

export class FileIntake {
	private readonly files = new Map<string, IntakeFile>();
	private next = 1;

	constructor(private readonly db: duckdb.AsyncDuckDB) {}

	get(fileId: string): IntakeFile {
		const entry = this.files.get(fileId);
		if (!entry) throw new Error('This file is no longer available: choose it again.');
		return entry;
	}

	async add(file: File): Promise<IntakeFile> {
		const fileId = `file-${this.next++}`;
		const sample = new Uint8Array(await file.slice(0, SAMPLE_BYTES).arrayBuffer());
		const complete = file.size <= SAMPLE_BYTES;
		const shape = inspectBytes(sample, complete);
		const format = detectFormat(file.name, sample, complete);
		const registeredName = `cc_upload_${fileId}`;
		let source: File = file;
		let encoding: CsvEncoding = 'utf-8';
		if (format === 'csv' && shape.kind === 'text') {
			const found = shape.encoding.encoding;
			if (found === 'windows-1252') source = await transcodeToUtf8(file, fileId);
			else encoding = found;
		}
		if (format === 'csv') {
			await this.db.registerFileHandle(
				registeredName,
				source,
				DuckDBDataProtocol.BROWSER_FILEREADER,
				true
			);
		}
		const entry: IntakeFile = {
			fileId,
			file,
			source,
			registeredName,
			shape,
			format,
			encoding,
			compression: shape.kind === 'gzip' ? 'gzip' : 'none'
		};
		this.files.set(fileId, entry);
		return entry;
	}

	/** The file as pieces DuckDB reads one after another; null when it cannot be cut. */
	pieces(entry: IntakeFile, options: CsvOptions): AsyncIterable<CsvPiece> | null {
		if (!canCutIntoPieces(options, entry.source.size)) return null;
		return registeredPieces(this.db, entry.source, entry.registeredName, options);
	}

	async remove(fileId: string): Promise<void> {
		const entry = this.files.get(fileId);
		if (!entry) return;
		this.files.delete(fileId);
		await this.db.dropFile(entry.registeredName).catch(() => undefined);
		await removeScratch(fileId);
	}
}

const scratchName = (fileId: string) => `cc_transcoded_${fileId}.csv`;

async function transcodeToUtf8(file: File, fileId: string): Promise<File> {
	const decoder = new TextDecoder('windows-1252');
	const encoder = new TextEncoder();
	const root = await navigator.storage.getDirectory();
	const handle = await root.getFileHandle(scratchName(fileId), { create: true });
	const writable = await handle.createWritable();
	const reader = file.stream().getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		await writable.write(encoder.encode(decoder.decode(value, { stream: true })));
	}
	await writable.write(encoder.encode(decoder.decode()));
	await writable.close();
	return handle.getFile();
}

/** Only Windows-1252 files have a scratch copy; for the others there is nothing to remove. */
function removeScratch(fileId: string): Promise<void> {
	return removeOpfsFiles([scratchName(fileId)]);
}
