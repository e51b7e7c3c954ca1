// `concord run WORKSPACE.json --out DIR [--data DIR]`: the whole pipeline of a workspace the app
// exported — import every source with its saved mapping, resolve identities, build the 360°
// view, compute the indicators, count and export the saved segments — on native DuckDB, with
// the core functions the app's worker calls, for exports too big for a browser. The database
// lives in a scratch file (so DuckDB can move what does not fit in memory to disk) that is
// deleted at the end. Writes customers.csv, clusters.csv, indicators.csv, segments/<name>.csv
// and summary.json (counts and per-stage timings) to DIR.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { build360 } from '../lib/core/customer360/build';
import { offlineSettings } from '../lib/core/engine-settings';
import { resolveIdentities } from '../lib/core/identity/resolve';
import { buildIndicators } from '../lib/core/indicators/build';
import { overlapsOfSegments } from '../lib/core/segments/workspace-segments';
import { ensureCatalog } from '../lib/core/workspace/catalog';
import {
	applyDecisions,
	eventKindsHere,
	identitySettingsHere
} from '../lib/core/workspace/workspace-file-apply';
import type { WorkspaceFile } from '../lib/core/workspace/workspace-file';
import { parseWorkspaceFile } from '../lib/core/workspace/workspace-file-read';
import { importSavedSource } from './local-source';
import { NativeDb } from './native-db';
import {
	segmentFileBase,
	writeClusters,
	writeCustomers,
	writeIndicators,
	writeSegmentMembers
} from './run-outputs';
import { UsageError } from './usage-error';

export const RUN_USAGE = `Usage: npm run cli -- run WORKSPACE.json --out DIR [--data DIR]

  WORKSPACE.json   a workspace file exported by the app (Workspace page): mappings and
                   settings, never data
  --out DIR        where to write customers.csv, clusters.csv, indicators.csv,
                   segments/<name>.csv and summary.json (created if missing)
  --data DIR       the folder holding the source files, found by their file names
                   (default: the workspace file's folder)`;

export interface RunOptions {
	files: string[];
	out?: string;
	data?: string;
}

export type RunStage = 'import' | 'identity' | 'customers360' | 'indicators' | 'segments' | 'write';

export interface RunSummary {
	workspace: string;
	sources: { name: string; file: string; rows: number }[];
	/** Rows of every source (profile records and events). */
	recordsIn: number;
	/** Profile records resolved into customers. */
	profileRecords: number;
	customers: number;
	segments: { name: string; count: number | null; file: string | null; problem?: string }[];
	/** Seconds per stage, and in all. */
	seconds: Record<RunStage | 'total', number>;
}

/** Reads and checks the workspace file; every problem in one message. */
export function readWorkspaceFile(path: string): WorkspaceFile {
	if (!existsSync(path)) throw new Error(`The workspace file ${path} does not exist.`);
	const read = parseWorkspaceFile(readFileSync(path, 'utf8'));
	if (!read.value) {
		throw new Error(`${path} cannot be used:\n  ${read.errors.join('\n  ')}`);
	}
	return read.value;
}

/** Where each source's file is; refuses before any work when one is missing. */
function sourcePaths(file: WorkspaceFile, data: string): string[] {
	const paths = file.sources.map((s) => join(data, s.fileName));
	const missing = paths.filter((p) => !existsSync(p));
	if (missing.length > 0) {
		throw new Error(
			`Missing source file${missing.length > 1 ? 's' : ''} in ${data}: ${missing.join(', ')}. Put them there, or say where they are with --data DIR.`
		);
	}
	if (file.sources.length === 0) throw new Error('The workspace file lists no source.');
	return paths;
}

export async function runCommand(
	options: RunOptions,
	log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)
): Promise<RunSummary> {
	if (options.files.length !== 1) throw new UsageError('run needs exactly one WORKSPACE.json');
	if (!options.out) throw new UsageError('run needs --out DIR');
	const workspacePath = resolve(options.files[0] as string);
	const out = resolve(options.out);
	const file = readWorkspaceFile(workspacePath);
	const paths = sourcePaths(file, resolve(options.data ?? dirname(workspacePath)));

	const started = performance.now();
	const seconds = {} as RunSummary['seconds'];
	let mark = performance.now();
	const stage = (name: RunStage) => {
		const now = performance.now();
		seconds[name] = Math.round(now - mark) / 1000;
		mark = now;
		log(`[${name}] done in ${seconds[name].toFixed(1)} s`);
	};
	const progress = (name: RunStage) => (done: number, total: number, label: string) =>
		log(`[${name}] ${done}/${total} ${label}`);

	await mkdir(join(out, 'segments'), { recursive: true });
	const scratch = await mkdtemp(join(tmpdir(), 'concord-run-'));
	const db = await NativeDb.open(join(scratch, 'workspace.duckdb'));
	try {
		for (const statement of offlineSettings()) await db.exec(statement);
		await ensureCatalog(db);

		const ids = new Map<string, string>();
		const sources: RunSummary['sources'] = [];
		for (const [i, spec] of file.sources.entries()) {
			const path = paths[i] as string;
			const imported = await importSavedSource(db, path, spec, file.phoneCountry, scratch);
			ids.set(spec.id, imported.sourceId);
			sources.push({ name: spec.name, file: spec.fileName, rows: imported.rowCount });
			log(`[import] ${spec.fileName}: ${imported.rowCount.toLocaleString('en-US')} rows`);
			for (const warning of imported.warnings) log(`[import] ${spec.fileName}: ${warning}`);
		}
		stage('import');

		const decisions = await applyDecisions(db, file, ids);
		if (decisions > 0) log(`[identity] ${decisions} manual decisions applied`);
		const resolved = await resolveIdentities(
			db,
			identitySettingsHere(file, ids),
			progress('identity')
		);
		log(`[identity] ${resolved.records} records → ${resolved.customers} customers`);
		stage('identity');

		const built = await build360(
			db,
			{ asOf: file.customers360.asOf, kinds: eventKindsHere(file, ids) },
			progress('customers360')
		);
		log(`[customers360] ${built.customers} customers as of ${built.asOf}`);
		stage('customers360');

		await buildIndicators(db, file.indicators, progress('indicators'));
		stage('indicators');

		const segments: RunSummary['segments'] = [];
		const taken = new Set<string>();
		for (const segment of file.segments) {
			const answer = await overlapsOfSegments(db, file.segments, [segment.id]);
			if (answer.status !== 'ok') {
				const problem =
					answer.status === 'invalid'
						? answer.errors.map((e) => e.message).join(' · ')
						: 'it was not computed';
				segments.push({ name: segment.name, count: null, file: null, problem });
				log(`[segments] ${segment.name}: cannot be counted: ${problem}`);
				continue;
			}
			const fileName = segmentFileBase(segment.name, taken);
			await writeSegmentMembers(db, segment, file.segments, join(out, 'segments', fileName));
			const count = answer.value.sizes[0] ?? 0;
			segments.push({ name: segment.name, count, file: `segments/${fileName}` });
			log(`[segments] ${segment.name}: ${count.toLocaleString('en-US')} customers`);
		}
		stage('segments');

		await writeCustomers(db, out);
		await writeClusters(db, out);
		await writeIndicators(db, out);
		stage('write');
		seconds.total = Math.round(performance.now() - started) / 1000;

		const summary: RunSummary = {
			workspace: workspacePath,
			sources,
			recordsIn: sources.reduce((sum, s) => sum + s.rows, 0),
			profileRecords: resolved.records,
			customers: built.customers,
			segments,
			seconds
		};
		await writeFile(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
		log(`Written to ${out} in ${seconds.total.toFixed(1)} s`);
		const failed = segments.filter((s) => s.problem);
		if (failed.length > 0) {
			throw new Error(
				`${failed.length} segment${failed.length > 1 ? 's' : ''} could not be counted: ${failed.map((s) => `'${s.name}' (${s.problem})`).join('; ')}`
			);
		}
		return summary;
	} finally {
		db.close();
		await rm(scratch, { recursive: true, force: true });
	}
}
