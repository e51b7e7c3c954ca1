// An Arrow result of the engine as plain rows the UI can hold in state and show: one object a
// row, keyed by column name. The tricky point: BIGINT columns (counts, sums of integers) arrive
// as JavaScript bigints, which formatting and arithmetic with numbers refuse, so they become
// numbers; a missing value becomes null.
import { tableFromIPC, type Table } from 'apache-arrow';

/** The rows of `table` as plain objects, typed as the caller knows its columns to be. */
export function plainRows<Row>(table: Table): Row[] {
	return table.toArray().map((row) => {
		const plain: Record<string, unknown> = {};
		for (const field of table.schema.fields) {
			const value: unknown = (row as Record<string, unknown>)[field.name];
			plain[field.name] = typeof value === 'bigint' ? Number(value) : (value ?? null);
		}
		return plain as Row;
	});
}

/** As `plainRows`, for a result sent over as Arrow IPC bytes. */
export function plainRowsOfIpc<Row>(bytes: Uint8Array): Row[] {
	return plainRows<Row>(tableFromIPC(bytes));
}
