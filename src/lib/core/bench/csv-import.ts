// Scenario `csv-import`: reading a customer CSV into a raw table, as a user's import does. The
// file comes from the host (a path natively, a registered File in the browser); its size is
// the file's row count, which the harness chose when it wrote the file.
import { csvImportStatement } from '../sources/csv-import';
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
	title: 'Import a customer CSV',
	unit: 'rows',
	sizes: [1_000_000],
	quickSizes: [100_000],
	needsCsv: true,
	output: { table: TABLE, rows: (size) => size },
	async setup(_db, _size, input) {
		csvFileOf(input);
	},
	async run(db, _size, input) {
		await db.exec(csvImportStatement({ fileName: csvFileOf(input), tableName: TABLE }));
	},
	async cleanup(db) {
		await db.exec(sql`DROP TABLE IF EXISTS ${ident(TABLE)}`);
	}
};
