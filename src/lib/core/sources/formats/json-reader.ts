// A JSON document holding a list of records: `[{…}, {…}]`, or an object with one such list
// (`{"data": [{…}]}`, as many APIs export). JSON cannot be cut into records without parsing it
// whole, so the file is read at once — and refused above MAX_JSON_BYTES with a pointer to NDJSON,
// which streams. Parse errors give the line where the JavaScript engine tells the position.
import { isRecord, parseJson, RecordRows } from './json-records';
import { batchRowsFor, type CellText, type RecordReader, type RowBatch } from './record-batch';

export const MAX_JSON_BYTES = 256 * 1024 * 1024;

function lineAt(text: string, position: number): number {
	let line = 1;
	for (let i = 0; i < position && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
	return line;
}

function parseDocument(displayName: string, text: string): unknown {
	try {
		return parseJson(text);
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		// Some engines give the character position (then we give the line), others an excerpt.
		const position = /at position (\d+)/.exec(detail)?.[1];
		const where = position === undefined ? '' : ` (line ${lineAt(text, Number(position))})`;
		const reason = detail
			.replace(/\s*in JSON at position \d+.*$/s, '')
			.replace(/\s*is not valid JSON$/, '')
			.replace(/\s+/g, ' ')
			.slice(0, 200);
		throw new Error(`'${displayName}' is not valid JSON${where}: ${reason}.`);
	}
}

/** The list of records a document holds, and where it was found. */
function recordList(displayName: string, value: unknown): { list: unknown[]; key: string | null } {
	if (Array.isArray(value)) return { list: value, key: null };
	if (isRecord(value)) {
		const lists = Object.entries(value).filter(
			(entry): entry is [string, unknown[]] => Array.isArray(entry[1]) && isRecord(entry[1][0])
		);
		const only = lists.length === 1 ? lists[0] : undefined;
		if (only) return { list: only[1], key: only[0] };
	}
	throw new Error(
		`'${displayName}' does not hold a list of records: Concord imports a JSON list of objects ([{…}, {…}]) or one object per line (NDJSON).`
	);
}

export async function jsonReader(blob: Blob, displayName: string): Promise<RecordReader> {
	if (blob.size > MAX_JSON_BYTES) {
		throw new Error(
			`'${displayName}' is a JSON document of ${Math.round(blob.size / 2 ** 20)} MB: above 256 MB, save it as NDJSON (one record per line), which is read as a stream.`
		);
	}
	const text = await blob.text();
	const { list, key } = recordList(displayName, parseDocument(displayName, text));
	const records = new RecordRows();
	return {
		format: 'json',
		note: key === null ? null : `The records are the list under '${key}'.`,
		warnings: () => records.warnings(displayName),
		async *batches(limit = Infinity): AsyncGenerator<RowBatch> {
			let rows: CellText[][] = [];
			const end = Math.min(list.length, limit);
			for (let i = 0; i < end; i++) {
				const item = list[i];
				if (!isRecord(item)) {
					throw new Error(
						`'${displayName}': item ${i + 1} of the list is not an object with named fields.`
					);
				}
				rows.push(records.row(item));
				if (rows.length >= batchRowsFor(records.columns.length) || i === end - 1) {
					const bytesRead = Math.round((blob.size * (i + 1)) / list.length);
					yield { columns: [...records.columns], rows, bytesRead };
					rows = [];
				}
			}
		}
	};
}
