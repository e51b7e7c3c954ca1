// The resolve command, run as a user runs it (a child process through npm's tsx), on files
// shaped like the reference data: its CSV has one row per input record with a customer id,
// and the pairwise F1 against the truth meets the targets; mistakes exit non-zero with a
// message on stderr.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataFile = (path: string) => join(root, '..', 'shared', 'data', path);
const work = mkdtempSync(join(tmpdir(), 'concord-resolve-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runCli(args: string[]) {
	return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/concord.ts', ...args], {
		cwd: root,
		encoding: 'utf8',
		timeout: 120_000
	});
}

function csvRows(path: string): string[][] {
	return readFileSync(path, 'utf8')
		.trim()
		.split('\n')
		.map((line) => line.split(','));
}

/** Pairwise F1 of predicted clusters against true ones, given per record. */
function pairwiseF1(records: { predicted: string; truth: string }[]): number {
	const pairs = (groups: Map<string, number>) =>
		[...groups.values()].reduce((s, n) => s + (n * (n - 1)) / 2, 0);
	const count = (key: (r: { predicted: string; truth: string }) => string) => {
		const groups = new Map<string, number>();
		for (const r of records) groups.set(key(r), (groups.get(key(r)) ?? 0) + 1);
		return pairs(groups);
	};
	const correct = count((r) => `${r.predicted}|${r.truth}`);
	const precision = correct / count((r) => r.predicted);
	const recall = correct / count((r) => r.truth);
	return (2 * precision * recall) / (precision + recall);
}

describe('npm run cli -- resolve', () => {
	it('resolves FEBRL dataset2 to pairwise F1 ≥ 0.99, one row per record', () => {
		const out = join(work, 'febrl2.csv');
		const run = runCli(['resolve', dataFile('febrl/dataset2.csv'), '--out', out]);
		expect(run.status, run.stderr).toBe(0);
		const [header, ...rows] = csvRows(out);
		expect(header).toEqual(['source', 'record_key', 'customer_id']);
		expect(rows).toHaveLength(5000);
		expect(new Set(rows.map((r) => r[1])).size).toBe(5000);
		expect(rows.every((r) => r[0] === 'dataset2.csv' && /^C[0-9A-F]{12}$/.test(r[2] ?? ''))).toBe(
			true
		);
		const f1 = pairwiseF1(
			rows.map((r) => ({ predicted: r[2] ?? '', truth: /rec-(\d+)/.exec(r[1] ?? '')?.[1] ?? '' }))
		);
		expect(f1).toBeGreaterThanOrEqual(0.99);
	}, 120_000);

	it('resolves fake_1000 with a mapping file to pairwise F1 ≥ 0.95', () => {
		const mapping = join(work, 'mapping.json');
		writeFileSync(mapping, JSON.stringify({ unique_id: 'record_key', cluster: 'ignore' }));
		const out = join(work, 'fake.csv');
		const run = runCli([
			'resolve',
			dataFile('splink/fake_1000.csv'),
			'--mapping',
			mapping,
			'--out',
			out
		]);
		expect(run.status, run.stderr).toBe(0);
		const truth = new Map(
			csvRows(dataFile('splink/fake_1000.csv'))
				.slice(1)
				.map((r) => [r[0] ?? '', r[6] ?? ''])
		);
		const rows = csvRows(out).slice(1);
		expect(rows).toHaveLength(1000);
		const f1 = pairwiseF1(
			rows.map((r) => ({ predicted: r[2] ?? '', truth: truth.get(r[1] ?? '') ?? '' }))
		);
		expect(f1).toBeGreaterThanOrEqual(0.95);
	}, 120_000);

	it('exits non-zero with a message for a missing file, a bad mapping or no --out', () => {
		const missing = runCli(['resolve', join(work, 'nope.csv'), '--out', join(work, 'x.csv')]);
		expect(missing.status).not.toBe(0);
		expect(missing.stderr).toMatch(/nope\.csv/);
		const badMapping = join(work, 'bad.json');
		writeFileSync(badMapping, JSON.stringify({ unique_id: 'favourite_colour' }));
		const bad = runCli([
			'resolve',
			dataFile('splink/fake_1000.csv'),
			'--mapping',
			badMapping,
			'--out',
			join(work, 'y.csv')
		]);
		expect(bad.status).not.toBe(0);
		expect(bad.stderr).toMatch(/favourite_colour/);
		const noOut = runCli(['resolve', dataFile('splink/fake_1000.csv')]);
		expect(noOut.status).toBe(2);
		expect(noOut.stderr).toMatch(/--out/);
	}, 120_000);
});
