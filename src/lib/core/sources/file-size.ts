// Whether a file fits what the browser's engine can hold, said before the import starts, and
// the engine's out-of-memory failures said in the same words afterwards. The tricky point: the
// file's size is not the data's size — a gzip CSV or a Parquet file holds several times its
// bytes once read — and the browser's limit is the engine's memory limit, not the machine's:
// there is no spill to disk in the browser, so identity resolution and the 360° view on data
// near that limit fail where the command line tool (native DuckDB) does not.
import type { FileFormat } from './formats/record-batch';

/** How many bytes of table one byte of file becomes, roughly, per format and compression. */
const EXPANSION: Record<FileFormat, number> = {
	csv: 1,
	json: 0.6,
	ndjson: 0.6,
	parquet: 4,
	xlsx: 6
};
const GZIP_EXPANSION = 5;

/** Above this share of the memory limit, a file gets a warning; above the second, a refusal. */
const WARN_SHARE = 0.3;
const REFUSE_SHARE = 1.5;

export const COMMAND_LINE_HINT =
	'The command line tool runs the same pipeline on this computer without the browser’s limit: ' +
	'export the workspace file (Workspace & engine), then run ' +
	'"npm run cli -- run WORKSPACE.json --out DIR" next to the files.';

export interface FileSizeAdvice {
	/** The file cannot be held: the import is refused before it starts. */
	refusal: string | null;
	/** The file can be read, but later steps may not fit. */
	warning: string | null;
}

/** The data's size in memory once read, estimated from the file's size. */
export function estimatedDataBytes(
	sizeBytes: number,
	format: FileFormat,
	compression: 'none' | 'gzip'
): number {
	return sizeBytes * EXPANSION[format] * (compression === 'gzip' ? GZIP_EXPANSION : 1);
}

export function fileSizeAdvice(
	fileName: string,
	sizeBytes: number,
	format: FileFormat,
	compression: 'none' | 'gzip',
	memoryLimitBytes: number
): FileSizeAdvice {
	if (!(memoryLimitBytes > 0)) return { refusal: null, warning: null };
	const data = estimatedDataBytes(sizeBytes, format, compression);
	const limit = gigabytes(memoryLimitBytes);
	const held = `'${fileName}' holds about ${gigabytes(data)} of data`;
	if (data > memoryLimitBytes * REFUSE_SHARE) {
		return {
			refusal: `${held}, more than this browser’s engine can work with (${limit} of memory). ${COMMAND_LINE_HINT}`,
			warning: null
		};
	}
	if (data > memoryLimitBytes * WARN_SHARE) {
		return {
			refusal: null,
			warning: `${held}: it can be imported, but identity resolution and the 360° view on data this size may not fit in this browser’s ${limit} of memory. ${COMMAND_LINE_HINT}`
		};
	}
	return { refusal: null, warning: null };
}

/** Whether an engine error is DuckDB or the browser running out of memory. */
export function isOutOfMemory(error: unknown): boolean {
	const message = error instanceof Error ? error.message : String(error);
	return /Out of Memory Error|failed to allocate|could not allocate|Array buffer allocation failed|memory access out of bounds/i.test(
		message
	);
}

/** What to say when a step ran out of memory; `what` names the step ("Importing 'x.csv'"). */
export function outOfMemoryMessage(what: string, memoryLimitBytes: number): string {
	const limit = memoryLimitBytes > 0 ? ` (${gigabytes(memoryLimitBytes)})` : '';
	return `${what} needed more memory than this browser’s engine has${limit}; nothing was changed. ${COMMAND_LINE_HINT}`;
}

function gigabytes(bytes: number): string {
	const gb = bytes / 1024 ** 3;
	return gb >= 1 ? `${gb.toFixed(1)} GB` : `${Math.max(1, Math.round(bytes / 1024 ** 2))} MB`;
}
