// Which reader a file needs, from its name and its first bytes. Magic bytes decide first
// (PAR1 for Parquet, a zip holding xl/ for Excel); text that opens like JSON is JSON whatever its
// extension. The tricky point: a file that starts with '{' is NDJSON when its first line is a
// whole JSON value, and one JSON document (pretty-printed) otherwise.
import { inspectBytes } from '../encoding';
import type { FileFormat } from './record-batch';

const JSON_EXTENSIONS = /\.(json|geojson)$/i;
const NDJSON_EXTENSIONS = /\.(ndjson|jsonl|ldjson)$/i;
const XLSX_EXTENSIONS = /\.(xlsx|xlsm)$/i;
/** An opening bracket followed by what only JSON has there: `[{`, `[]`, `{"`, `{}`. */
const OPENS_LIKE_JSON = /^\s*(\[\s*(\{|\[|\]|$)|\{\s*("|\}|$))/;

const ascii = (bytes: Uint8Array) => String.fromCharCode(...bytes.subarray(0, 4096));

function withoutBom(bytes: Uint8Array): Uint8Array {
	return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

function firstLineIsJson(text: string, complete: boolean): boolean | null {
	const end = text.indexOf('\n');
	if (end < 0 && !complete) return null;
	try {
		JSON.parse(end < 0 ? text : text.slice(0, end));
		return true;
	} catch {
		return false;
	}
}

function jsonKind(fileName: string, text: string, complete: boolean): FileFormat {
	const start = text.trimStart();
	if (start.startsWith('[')) return 'json';
	if (start.startsWith('{')) {
		const line = firstLineIsJson(start, complete);
		if (line === true) return 'ndjson';
		if (line === null && NDJSON_EXTENSIONS.test(fileName)) return 'ndjson';
		return 'json';
	}
	return NDJSON_EXTENSIONS.test(fileName) ? 'ndjson' : 'json';
}

/**
 * The format of a file, or null when it is none Concord reads (empty, binary, a plain zip
 * archive, compressed JSON): the caller explains why.
 */
export function detectFormat(
	fileName: string,
	firstBytes: Uint8Array,
	complete = false
): FileFormat | null {
	const shape = inspectBytes(firstBytes, complete);
	switch (shape.kind) {
		case 'parquet':
			return 'parquet';
		case 'zip':
			return XLSX_EXTENSIONS.test(fileName) || ascii(firstBytes).includes('xl/') ? 'xlsx' : null;
		case 'gzip':
			return /\.(json|ndjson|jsonl)\.gz$/i.test(fileName) ? null : 'csv';
		case 'text': {
			if (shape.encoding.encoding === 'utf-16') return 'csv';
			const text = new TextDecoder('utf-8').decode(withoutBom(firstBytes.subarray(0, 1 << 20)));
			const named = JSON_EXTENSIONS.test(fileName) || NDJSON_EXTENSIONS.test(fileName);
			return named || OPENS_LIKE_JSON.test(text) ? jsonKind(fileName, text, complete) : 'csv';
		}
		default:
			return null;
	}
}
