// Scenario `csv-import`: reading a customer CSV into a raw source table the way a user's import
// does — DuckDB's sniffer, then the import with the sniffed options, every value as text. The
// file comes from the host (a path natively, a registered File in the browser); its size is the
// file's row count, which the harness chose when it wrote the file (7.5M rows ≈ 1 GB).
import { importCsv } from '../sources/import-csv';
import { sniffCsv } from '../sources/sniff';
import { ident, sql } from '../sql/sql';
import type { BenchInput, BenchScenario } from './scenario';

const TABLE = 'cc_raw_bench_customers';

function csvFileOf(input: BenchInput): string {
	if (!input.csvFile)
		throw new Error('The CSV import benchmark needs a CSV file: choose one first.');
	return input.csvFile;
}

export const csvImport: BenchScenario = {
	name: 'csv-import',
	title: 'Import a customer CSV (7.5M rows ≈ 1 GB)',
	unit: 'rows',
	sizes: [1_000_000, 7_500_000],
	quickSizes: [100_000],
	needsCsv: true,
	output: { table: TABLE, rows: (size) => size },
	async setup(_db, _size, input) {
		csvFileOf(input);
	},
	async run(db, _size, input) {
		const fileName = csvFileOf(input);
		const options = await sniffCsv(db, fileName, 'utf-8', 'none');
		await importCsv(db, { fileName, displayName: 'customers.csv', tableName: TABLE, options });
	},
	async cleanup(db) {
		await db.exec(sql`DROP TABLE IF EXISTS ${ident(TABLE)}`);
	}
};
