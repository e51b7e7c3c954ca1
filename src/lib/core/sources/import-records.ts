// Importing a file read in JavaScript (Parquet, JSON, NDJSON, Excel) into a raw source table:
// batch after batch into one VARCHAR table, with progress after each batch. The tricky point:
// the caller runs this in a transaction and may stop it between batches (its `onBatch` throws on
// cancel), so a failed or cancelled import leaves nothing behind.
import type { Db } from '../db';
import type { RecordReader } from './formats/record-batch';
import type { ImportedTable } from './import-csv';
import { TextTableWriter } from './text-table';

export interface RecordProgress {
	rowsRead: number;
	bytesRead: number;
}

export interface RecordImportRequest {
	reader: RecordReader;
	/** The file's name as the user knows it, for messages. */
	displayName: string;
	tableName: string;
	/** Called after each batch is written; throwing stops the import. */
	onBatch?: (progress: RecordProgress) => void | Promise<void>;
}

export async function importRecords(db: Db, request: RecordImportRequest): Promise<ImportedTable> {
	const { reader, displayName, tableName, onBatch } = request;
	const writer = new TextTableWriter(db, tableName);
	for await (const batch of reader.batches()) {
		await writer.write(batch);
		await onBatch?.({ rowsRead: writer.rowCount, bytesRead: batch.bytesRead });
	}
	if (writer.columns.length === 0) {
		throw new Error(
			writer.rowCount === 0
				? `'${displayName}' holds no records: there is nothing to import.`
				: `'${displayName}' holds records without any field: there is nothing to import.`
		);
	}
	return {
		tableName,
		rowCount: writer.rowCount,
		columns: writer.columns,
		warnings: reader.warnings()
	};
}
