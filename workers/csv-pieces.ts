// A delimited text file made readable by DuckDB piece by piece (see csv-pieces.ts in the core):
// each piece is a slice of the File, so nothing is copied, registered while DuckDB reads it and
// dropped after.
import type * as duckdb from '@duckdb/duckdb-wasm';
import { DuckDBDataProtocol } from '@duckdb/duckdb-wasm';
import type { CsvOptions } from '../src/lib/core/sources/csv-options';
import { pieceBounds } from '../src/lib/core/sources/csv-pieces';
import type { CsvPiece } from '../src/lib/core/sources/import-csv';

export async function* registeredPieces(
	db: duckdb.AsyncDuckDB,
	source: File,
	registeredName: string,
	options: CsvOptions
): AsyncGenerator<CsvPiece> {
	const read = async (start: number, end: number) =>
		new Uint8Array(await source.slice(start, end).arrayBuffer());
	let index = 0;
	for await (const { start, end } of pieceBounds(source.size, read, options)) {
		const fileName = `${registeredName}_piece${index++}`;
		await db.registerFileHandle(
			fileName,
			source.slice(start, end),
			DuckDBDataProtocol.BROWSER_FILEREADER,
			true
		);
		try {
			yield { fileName, end };
		} finally {
			await db.dropFile(fileName).catch(() => undefined);
		}
	}
}
