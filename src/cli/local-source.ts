// Importing one source of a workspace file from a file on disk, the way the app imports a
// dropped file — the format and encoding told from the first bytes, delimited text sniffed by
// DuckDB, Parquet, JSON and Excel read by the app's own readers — and with the source's saved
// name, kind and mapping instead of suggested ones. The tricky point: DuckDB reads Latin-1 but
// not Windows-1252 (store tills write it), so such a file is first transcoded to a UTF-8 copy
// in a scratch folder, streaming, as the app does on OPFS.
import { createReadStream, createWriteStream, openAsBlob } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Db } from '../lib/core/db';
import type { CsvEncoding } from '../lib/core/sources/csv-options';
import { inspectBytes } from '../lib/core/sources/encoding';
import { detectFormat } from '../lib/core/sources/formats/detect-format';
import { isRecordFormat, openReader } from '../lib/core/sources/formats/open-reader';
import { completeCsvOptions, sniffCsv } from '../lib/core/sources/sniff';
import { importFileAsSource } from '../lib/core/workspace/file-import';
import type { WorkspaceSourceSpec } from '../lib/core/workspace/workspace-file';

const SAMPLE_BYTES = 1 << 20;

export interface ImportedSource {
	sourceId: string;
	rowCount: number;
	warnings: string[];
}

async function firstBytes(path: string): Promise<{ sample: Uint8Array; complete: boolean }> {
	const handle = await open(path, 'r');
	try {
		const buffer = new Uint8Array(SAMPLE_BYTES);
		const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
		const { size } = await handle.stat();
		return { sample: buffer.subarray(0, bytesRead), complete: bytesRead >= size };
	} finally {
		await handle.close();
	}
}

async function transcodeToUtf8(path: string, scratch: string): Promise<string> {
	const copy = join(scratch, `${Date.now()}-${Math.random().toString(36).slice(2)}.csv`);
	const decoder = new TextDecoder('windows-1252');
	await pipeline(
		createReadStream(path),
		async function* (chunks: AsyncIterable<Buffer>) {
			for await (const chunk of chunks) yield decoder.decode(chunk, { stream: true });
			yield decoder.decode();
		},
		createWriteStream(copy, { encoding: 'utf8' })
	);
	return copy;
}

/** Imports `path` as the source `spec` describes; `scratch` is a folder for transcoded copies. */
export async function importSavedSource(
	db: Db,
	path: string,
	spec: WorkspaceSourceSpec,
	phoneCountry: string,
	scratch: string
): Promise<ImportedSource> {
	const { sample, complete } = await firstBytes(path);
	const shape = inspectBytes(sample, complete);
	const format = detectFormat(spec.fileName, sample, complete);
	if (shape.kind === 'empty') throw new Error(`${path} is empty: there is nothing to import.`);
	if (format === null) {
		throw new Error(
			`${path} is not a format Concord reads: CSV or other delimited text, Parquet, JSON, NDJSON or Excel (.xlsx).`
		);
	}
	const base = {
		displayName: spec.fileName,
		name: spec.name,
		kind: spec.kind,
		mapping: spec.mapping,
		phoneCountry
	};
	let imported;
	if (isRecordFormat(format)) {
		const sheet = spec.read?.sheet;
		const reader = await openReader(format, await openAsBlob(path), spec.fileName, { sheet });
		imported = await importFileAsSource(db, {
			...base,
			fileName: path,
			options: null,
			records: { reader },
			sheet
		});
	} else {
		let readPath = path;
		let encoding: CsvEncoding = 'utf-8';
		if (shape.kind === 'text') {
			const found = shape.encoding.encoding;
			if (found === 'windows-1252') readPath = await transcodeToUtf8(path, scratch);
			else encoding = found;
		}
		const compression = shape.kind === 'gzip' ? 'gzip' : 'none';
		// The reading the user confirmed in the app, else what sniffing decides, as the app does.
		const saved = spec.read?.csv;
		const options = saved
			? await completeCsvOptions(db, readPath, { ...saved, encoding, compression })
			: await sniffCsv(db, readPath, encoding, compression);
		imported = await importFileAsSource(db, { ...base, fileName: readPath, options });
	}
	const missing = spec.mapping
		.filter((m) => m.role !== 'custom' && m.role !== 'ignore')
		.filter((m) => !imported.columns.includes(m.column));
	if (missing.length > 0) {
		const list = missing.map((m) => `'${m.column}' (${m.role})`).join(', ');
		throw new Error(
			`${path} lacks the column${missing.length > 1 ? 's' : ''} ${list} that the workspace file maps: is it the same export?`
		);
	}
	return { sourceId: imported.sourceId, rowCount: imported.rowCount, warnings: imported.warnings };
}
