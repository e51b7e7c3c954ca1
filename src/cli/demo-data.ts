// `npm run demo-data -- --persons N --out DIR [--seed S] [--as-of YYYY-MM-DD] [--threads T]`
// Generates the seeded demo on native DuckDB and writes each raw source as the CSV file its
// system would export (DIR/<file>), plus the hidden ground truth (DIR/truth/*.csv). The tricky
// point: DuckDB only writes UTF-8, so the store receipts file is re-encoded to Windows-1252
// afterwards, streaming, so a million-person file never sits in memory as one string.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
	DEMO_SOURCES,
	DEMO_TRUTH_TABLES,
	encodeWindows1252,
	generateDemo,
	resolveDemoOptions,
	type DemoOptions,
	type DemoSummary
} from '../lib/core/demo';
import { offlineSettings } from '../lib/core/engine-settings';
import { ident, sql } from '../lib/core/sql/sql';
import { NativeDb } from './native-db';
import { UsageError } from './usage-error';

const USAGE = `Usage: npm run demo-data -- --persons N --out DIR [options]

  --persons N   how many true persons to simulate (1 to 2,000,000)
  --out DIR     folder for the CSV files (created if missing); the truth goes to DIR/truth
  --seed S      same seed, same files (default 42)
  --as-of DATE  the day the exports were taken (default 2026-06-30)
  --threads T   DuckDB threads (default: all cores)`;

export { UsageError };

export interface WrittenFile {
	path: string;
	rows: number;
	bytes: number;
	encoding: 'utf-8' | 'windows-1252';
}

export interface DemoCliResult {
	summary: DemoSummary;
	files: WrittenFile[];
}

interface CliArguments {
	options: DemoOptions;
	out: string;
	threads?: string;
}

function wholeNumber(name: string, text: string | undefined): number | undefined {
	if (text === undefined) return undefined;
	if (!/^\d+$/.test(text.replaceAll('_', ''))) {
		throw new UsageError(`--${name} must be a whole number (got '${text}').`);
	}
	return Number(text.replaceAll('_', ''));
}

export function parseDemoArguments(argv: readonly string[]): CliArguments {
	let values;
	try {
		({ values } = parseArgs({
			args: [...argv],
			options: {
				persons: { type: 'string' },
				out: { type: 'string' },
				seed: { type: 'string' },
				'as-of': { type: 'string' },
				threads: { type: 'string' }
			},
			strict: true,
			allowPositionals: false
		}));
	} catch (error) {
		throw new UsageError(error instanceof Error ? error.message : String(error));
	}
	const persons = wholeNumber('persons', values.persons);
	if (persons === undefined) throw new UsageError('--persons is required.');
	if (!values.out) throw new UsageError('--out is required (the folder to write the files to).');
	const threads = wholeNumber('threads', values.threads);
	if (threads === 0) throw new UsageError('--threads must be at least 1.');
	const options: DemoOptions = {
		persons,
		seed: wholeNumber('seed', values.seed),
		asOf: values['as-of']
	};
	try {
		resolveDemoOptions(options);
	} catch (error) {
		throw new UsageError(error instanceof Error ? error.message : String(error));
	}
	return { options, out: resolve(values.out), threads: threads?.toString() };
}

/** Re-encodes a UTF-8 file as Windows-1252 in place, chunk by chunk. */
async function transcodeToWindows1252(path: string): Promise<void> {
	const utf8 = `${path}.utf8`;
	await rename(path, utf8);
	await pipeline(
		// With an encoding set, the stream never splits a character between two chunks.
		createReadStream(utf8, { encoding: 'utf8' }),
		async function* (chunks: AsyncIterable<string>) {
			for await (const chunk of chunks) yield encodeWindows1252(chunk);
		},
		createWriteStream(path)
	);
	await unlink(utf8);
}

/** Writes one table as CSV with a header; DuckDB quotes only the fields that need it. */
async function writeTable(
	db: NativeDb,
	table: string,
	path: string,
	format: { delimiter: string; encoding: WrittenFile['encoding']; rows: number }
): Promise<WrittenFile> {
	const { delimiter, encoding, rows } = format;
	await db.exec(
		sql`COPY ${ident(table)} TO ${path} (FORMAT csv, HEADER true, DELIMITER ${delimiter})`
	);
	if (encoding === 'windows-1252') await transcodeToWindows1252(path);
	return { path, rows, bytes: (await stat(path)).size, encoding };
}

function describeFile({ rows, bytes, encoding, path }: WrittenFile): string {
	const count = rows.toLocaleString('en').padStart(12);
	const size = (bytes / 1e6).toFixed(1).padStart(7);
	return `${count} rows ${size} MB  ${encoding.padEnd(12)}  ${path}`;
}

export async function runDemoCli(
	argv: readonly string[],
	log: (line: string) => void = console.log
): Promise<DemoCliResult> {
	const { options, out, threads } = parseDemoArguments(argv);
	await mkdir(join(out, 'truth'), { recursive: true });
	const db = await NativeDb.open(':memory:', threads ? { threads } : {});
	try {
		for (const statement of offlineSettings()) await db.exec(statement);
		const summary = await generateDemo(db, options, (done, total, label) =>
			log(`[${done}/${total}] ${label}`)
		);
		const seconds = (summary.elapsedMs / 1000).toFixed(1);
		log(`Generated ${summary.options.persons.toLocaleString('en')} persons in ${seconds} s`);
		const rowsOf = new Map(summary.tables.map((t) => [t.table, t.rows]));
		const started = Date.now();
		const files: WrittenFile[] = [];
		for (const { table, fileName, delimiter, encoding } of DEMO_SOURCES) {
			const rows = rowsOf.get(table) ?? 0;
			files.push(await writeTable(db, table, join(out, fileName), { delimiter, encoding, rows }));
		}
		for (const table of Object.values(DEMO_TRUTH_TABLES)) {
			const rows = rowsOf.get(table) ?? 0;
			const path = join(out, 'truth', `${table}.csv`);
			files.push(await writeTable(db, table, path, { delimiter: ',', encoding: 'utf-8', rows }));
		}
		files.forEach((file) => log(describeFile(file)));
		log(`Wrote ${files.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
		return { summary, files };
	} finally {
		db.close();
	}
}

async function main(): Promise<void> {
	if (process.argv.includes('--help') || process.argv.includes('-h')) {
		console.log(USAGE);
		return;
	}
	try {
		await runDemoCli(process.argv.slice(2));
	} catch (error) {
		if (error instanceof UsageError) {
			console.error(`${error.message}\n\n${USAGE}`);
			process.exitCode = 2;
		} else {
			console.error(error instanceof Error ? error.message : String(error));
			process.exitCode = 1;
		}
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	await main();
}
