// The command line's `run` reproduces the app: the demo is loaded and run through the calls the
// app's worker makes, on the wasm engine the browser runs (a manual decision, a golden-record
// source priority and a chosen event kind included, so that every source id the file carries
// must be mapped), three segments are saved (a behaviour, an indicator and a membership
// condition) and the workspace file is exported by the app's exporter. Then the demo's CSV
// files are written, `run` reads them with that file on native DuckDB, and its customer and
// segment counts must equal the app's exactly. Its mistakes are checked through the real
// command line: exit code 2 for a usage mistake, 1 for a missing file or a broken workspace file.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemoCli } from '../../src/cli/demo-data';
import { runCommand, type RunSummary } from '../../src/cli/run-command';
import { build360 } from '../../src/lib/core/customer360/build';
import { DEFAULT_GOLDEN_SETTINGS } from '../../src/lib/core/identity/golden-settings';
import {
	DEFAULT_IDENTITY_SETTINGS,
	type IdentitySettings
} from '../../src/lib/core/identity/types';
import { decidePair, runIdentity } from '../../src/lib/core/identity/workspace-identity';
import { buildIndicators } from '../../src/lib/core/indicators/build';
import { DEFAULT_INDICATOR_SETTINGS } from '../../src/lib/core/indicators/settings';
import type { SegmentDefinition } from '../../src/lib/core/segments/definition';
import { behaviour, group, inSegment } from '../../src/lib/core/segments/shortcuts';
import { overlapsOfSegments } from '../../src/lib/core/segments/workspace-segments';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { sql } from '../../src/lib/core/sql/sql';
import { loadDemoWorkspace } from '../../src/lib/core/workspace/demo-workspace';
import { workspaceFileOf } from '../../src/lib/core/workspace/workspace-export';
import { workspaceFileText, type WorkspaceFile } from '../../src/lib/core/workspace/workspace-file';
import { segment } from '../support/segment-fixtures';
import { WasmDb } from '../support/wasm-db';

const PERSONS = 2000;
const run = promisify(execFile);

const SETTINGS: IdentitySettings = {
	...DEFAULT_IDENTITY_SETTINGS,
	golden: {
		...DEFAULT_GOLDEN_SETTINGS,
		fields: {
			...DEFAULT_GOLDEN_SETTINGS.fields,
			email: { rules: ['source_priority', 'most_recent'], sources: ['demo:cc_raw_eshop_accounts'] }
		}
	}
};

// As the builder saves them: with a colour the definitions reader accepts.
const SEGMENTS: SegmentDefinition[] = [
	segment(
		'repeat',
		'Bought twice in a year',
		behaviour('purchase', 'at-least', 2, {
			window: { kind: 'last-days', days: 365 }
		})
	),
	segment('champions', 'Champions', {
		kind: 'indicator',
		filter: { kind: 'rfm-segment', segment: 'Champions' }
	}),
	segment(
		'repeat-gmail',
		'Repeat buyers on Gmail',
		group('and', [
			inSegment('repeat'),
			{ kind: 'attribute', field: 'email', operator: 'contains', value: '@gmail.' }
		])
	)
].map((s) => ({ ...s, colour: '#2f6fde' }));

interface AppFigures {
	records: number;
	customers: number;
	segments: Record<string, number>;
}

/** The app's path: the worker's calls, on the wasm engine; returns its figures and its file. */
async function appWorkspace(): Promise<{ figures: AppFigures; file: WorkspaceFile }> {
	const db = await WasmDb.open();
	try {
		await loadDemoWorkspace(db, PERSONS, undefined, 'FR');
		// Two accounts of different persons declared the same: the rerun must merge them too.
		const keys = rowsOf(
			await db.query(
				sql`SELECT customer_id FROM cc_raw_eshop_accounts ORDER BY customer_id LIMIT 2`
			)
		).map((r) => `demo:cc_raw_eshop_accounts:${String(r.customer_id)}`);
		await decidePair(db, keys[0]!, keys[1]!, true, 'manual');
		const overview = await runIdentity(db, SETTINGS, () => {});
		const kinds = { 'demo:cc_raw_service_tickets': 'other' as const };
		const built = await build360(db, { asOf: null, kinds });
		await buildIndicators(db, DEFAULT_INDICATOR_SETTINGS);
		const counted = await overlapsOfSegments(
			db,
			SEGMENTS,
			SEGMENTS.map((s) => s.id)
		);
		if (counted.status !== 'ok') throw new Error(JSON.stringify(counted));
		const file = await workspaceFileOf(db, {
			phoneCountry: 'FR',
			identity: SETTINGS,
			customers360: { asOf: null, kinds },
			indicators: DEFAULT_INDICATOR_SETTINGS,
			segments: SEGMENTS
		});
		return {
			figures: {
				records: overview.summary.records,
				customers: built.customers,
				segments: Object.fromEntries(SEGMENTS.map((s, i) => [s.name, counted.value.sizes[i]!]))
			},
			file
		};
	} finally {
		db.close();
	}
}

const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean).length;

describe('npm run cli -- run', () => {
	const dir = mkdtempSync(join(tmpdir(), 'concord-run-test-'));
	const data = join(dir, 'data');
	const out = join(dir, 'out');
	const workspace = join(dir, 'workspace.json');
	let app: AppFigures;
	let file: WorkspaceFile;
	let summary: RunSummary;
	const log: string[] = [];

	beforeAll(async () => {
		({ figures: app, file } = await appWorkspace());
		writeFileSync(workspace, workspaceFileText(file));
		await runDemoCli(['--persons', String(PERSONS), '--out', data], () => {});
		summary = await runCommand({ files: [workspace], out, data }, (line) => log.push(line));
	}, 600_000);
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('exports a workspace file of settings and mappings, never data', () => {
		expect(file.sources.map((s) => s.fileName)).toContain('store_receipts.csv');
		expect(file.decisions).toHaveLength(1);
		expect(file.sources.find((s) => s.eventKind)?.eventKind).toBe('other');
		const text = workspaceFileText(file);
		// No value of any record: the demo's first CRM contact's e-mail is nowhere in it.
		const crm = readFileSync(join(data, 'crm_contacts.csv'), 'utf8').split('\n')[1]!.split(';');
		expect(text).not.toContain(crm[4]);
	});

	it('reproduces the app’s customers and every segment’s count exactly', () => {
		expect(summary.profileRecords).toBe(app.records);
		expect(summary.customers).toBe(app.customers);
		const counts = Object.fromEntries(summary.segments.map((s) => [s.name, s.count]));
		expect(counts).toEqual(app.segments);
		for (const count of Object.values(app.segments)) expect(count).toBeGreaterThan(0);
		console.info(
			`app vs run: ${app.customers} vs ${summary.customers} customers;`,
			JSON.stringify(app.segments),
			'vs',
			JSON.stringify(counts),
			'; run stages (s):',
			JSON.stringify(summary.seconds)
		);
	});

	it('writes the customers, clusters, indicators, members and a summary', () => {
		expect(lines(join(out, 'customers.csv'))).toBe(app.customers + 1);
		expect(lines(join(out, 'clusters.csv'))).toBe(app.records + 1);
		expect(lines(join(out, 'indicators.csv'))).toBe(app.customers + 1);
		for (const s of summary.segments) {
			expect(lines(join(out, s.file!))).toBe((s.count ?? 0) + 1);
		}
		const written = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummary;
		expect(written.customers).toBe(app.customers);
		expect(written.recordsIn).toBe(summary.sources.reduce((n, s) => n + s.rows, 0));
		for (const stage of ['import', 'identity', 'customers360', 'indicators', 'segments', 'write']) {
			expect(written.seconds[stage as keyof RunSummary['seconds']]).toBeGreaterThanOrEqual(0);
		}
		expect(log.some((line) => line.startsWith('[identity]'))).toBe(true);
	});

	const cli = async (...args: string[]) => {
		try {
			await run('npx', ['tsx', 'src/cli/concord.ts', 'run', ...args]);
			return { code: 0, stderr: '' };
		} catch (error) {
			const failed = error as { code: number; stderr: string };
			return { code: failed.code, stderr: failed.stderr };
		}
	};

	it('says what is wrong, with exit code 2 for a usage mistake and 1 otherwise', async () => {
		const usage = await cli(workspace);
		expect(usage.code).toBe(2);
		expect(usage.stderr).toMatch(/run needs --out DIR/);
		expect(usage.stderr).toMatch(/Usage: npm run cli -- run WORKSPACE.json/);

		const missing = await cli(workspace, '--out', join(dir, 'x'), '--data', join(dir, 'nowhere'));
		expect(missing.code).toBe(1);
		expect(missing.stderr).toMatch(/Missing source files in .*nowhere: .*crm_contacts\.csv/);
		expect(existsSync(join(dir, 'x', 'summary.json'))).toBe(false);

		const broken = join(dir, 'broken.json');
		writeFileSync(broken, JSON.stringify({ ...file, version: 7 }));
		const newer = await cli(broken, '--out', join(dir, 'y'));
		expect(newer.code).toBe(1);
		expect(newer.stderr).toMatch(/version 7, made by a newer Concord/);

		writeFileSync(broken, '{ "concord": "workspace", ');
		const notJson = await cli(broken, '--out', join(dir, 'y'));
		expect(notJson.code).toBe(1);
		expect(notJson.stderr).toMatch(/is not JSON/);
	}, 60_000);
});
