// A table's chosen columns as a Parquet file, written in JavaScript with hyparquet-writer: the
// browser's DuckDB has no Parquet extension (ENGINE-NOTES), and the same code then runs on
// every host. Each page of rows becomes one row group, Snappy-compressed. The tricky point is
// memory: one page of Arrow results and its converted values are held at a time, while the
// file grows in one buffer that is returned whole (it doubles as it grows, hence a copy at the
// end that frees the slack).
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { Db } from '../db';
import { ident, join, sql } from '../sql/sql';
import { typedValue, type ExportColumn } from './export-columns';
import { readPages, type ExportProgress, type KeyedTable } from './key-pages';
import { parquetSchema, parquetValues } from './parquet-columns';

export async function writeParquet(
	db: Db,
	source: KeyedTable,
	columns: readonly ExportColumn[],
	onProgress?: ExportProgress
): Promise<Uint8Array> {
	const writer = new ByteWriter();
	const parquet = new ParquetWriter({
		writer,
		schema: parquetSchema(columns),
		createdBy: 'Concord'
	});
	const key = ident(source.key);
	// The key comes first and the columns by position: a chosen column may be the key itself.
	const values = columns.map((c, i) => sql`${typedValue(c)} AS ${ident(`c${i}`)}`);
	await readPages(
		db,
		source,
		(page) => sql`SELECT ${key} AS k, ${join(values)} FROM ${page} ORDER BY k`,
		async (page) => {
			const rows = page.numRows;
			if (rows > 0) {
				const columnData = columns.map((c, i) => ({
					name: c.name,
					data: parquetValues(page.getChildAt(i + 1), c.kind, rows)
				}));
				await parquet.write({ columnData, rowGroupSize: rows });
			}
			return rows;
		},
		onProgress
	);
	await parquet.finish();
	return new Uint8Array(writer.getBuffer());
}
