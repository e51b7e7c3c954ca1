// NDJSON / JSON Lines: one JSON object per line, streamed from the Blob in batches, so a file of
// any size is read with little memory. Blank lines are skipped. A line that is not JSON, or not an
// object, stops the import with its line number.
import { blobLines } from './blob-lines';
import { isRecord, parseJson, RecordRows } from './json-records';
import { batchRowsFor, type CellText, type RecordReader, type RowBatch } from './record-batch';

function excerpt(line: string): string {
	const text = line.trim();
	return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function parseLine(displayName: string, line: string, number: number): Record<string, unknown> {
	let value: unknown;
	try {
		value = parseJson(line);
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		throw new Error(
			`'${displayName}' line ${number} is not valid JSON (${detail}): ${excerpt(line)}`
		);
	}
	if (!isRecord(value)) {
		throw new Error(
			`'${displayName}' line ${number} is not a JSON object with named fields: ${excerpt(line)}`
		);
	}
	return value;
}

export function ndjsonReader(blob: Blob, displayName: string): RecordReader {
	const records = new RecordRows();
	return {
		format: 'ndjson',
		note: null,
		warnings: () => records.warnings(displayName),
		async *batches(limit = Infinity): AsyncGenerator<RowBatch> {
			let rows: CellText[][] = [];
			let total = 0;
			let bytesRead = 0;
			try {
				for await (const group of blobLines(blob)) {
					bytesRead = group.bytesRead;
					for (let i = 0; i < group.lines.length; i++) {
						const line = group.lines[i] ?? '';
						if (line.trim() === '') continue;
						rows.push(records.row(parseLine(displayName, line, group.firstLine + i)));
						total++;
						if (total >= limit || rows.length >= batchRowsFor(records.columns.length)) {
							yield { columns: [...records.columns], rows, bytesRead };
							rows = [];
							if (total >= limit) return;
						}
					}
				}
			} catch (error) {
				const message = error instanceof Error ? error.message : String(error);
				throw new Error(message.startsWith(`'`) ? message : `'${displayName}': ${message}`);
			}
			if (rows.length > 0) yield { columns: [...records.columns], rows, bytesRead };
		}
	};
}
