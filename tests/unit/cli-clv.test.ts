// The clv command, run as a user runs it (a child process through tsx), on CDNOW's raw
// transactions: a headerless file separated by spaces, columns given by position, calibration
// ending 1997-09-30 in weeks. Its parameters match the published fits, its scores file has one
// row per customer; mistakes exit non-zero with a message on stderr.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cdnow = join(root, '..', 'shared', 'data', 'cdnow', 'CDNOW_sample.txt');
const work = mkdtempSync(join(tmpdir(), 'concord-clv-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runCli(args: string[]) {
	return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/concord.ts', ...args], {
		cwd: root,
		encoding: 'utf8',
		timeout: 120_000
	});
}

const within = (actual: number, expected: number) => Math.abs(actual / expected - 1) < 0.01;

describe('npm run cli -- clv', () => {
	it('fits CDNOW to the published parameters and scores its 2,357 customers', () => {
		const out = join(work, 'params.json');
		const scores = join(work, 'scores.csv');
		const run = runCli([
			'clv',
			cdnow,
			'--customer',
			'1',
			'--date',
			'3',
			'--amount',
			'5',
			'--calibration-end',
			'1997-09-30',
			'--time-unit',
			'weeks',
			'--out',
			out,
			'--scores',
			scores
		]);
		expect(run.status, run.stderr).toBe(0);
		const params = JSON.parse(readFileSync(out, 'utf8'));
		expect(params.customers).toBe(2357);
		expect(params.calibrationEnd).toBe('1997-09-30');
		expect(params.timeUnit).toBe('weeks');
		const { r, alpha, a, b } = params.bgnbd;
		expect([
			within(r, 0.242593),
			within(alpha, 4.413532),
			within(a, 0.792886),
			within(b, 2.425752)
		]).toEqual([true, true, true, true]);
		const { p, q, v } = params.gammagamma;
		expect([within(p, 6.25), within(q, 3.74), within(v, 15.44)]).toEqual([true, true, true]);

		const [header, ...rows] = readFileSync(scores, 'utf8').trim().split('\n');
		expect(header).toBe(
			'customer,frequency,recency,T,monetary,p_alive,expected_purchases_30d,expected_purchases_90d,expected_purchases_365d,clv'
		);
		expect(rows).toHaveLength(2357);
		const cells = rows.map((row) => row.split(','));
		expect(new Set(cells.map((c) => c[0])).size).toBe(2357);
		expect(
			cells.every((c) => c.length === 10 && c.slice(1).every((v) => Number.isFinite(Number(v))))
		).toBe(true);
		// Master id 00004: x = 2, t_x = 30.43, T = 38.86 weeks; repeat days of $29.73 and $14.96.
		const first = cells.find((c) => c[0] === '00004') ?? [];
		expect(Number(first[1])).toBe(2);
		expect(Number(first[2])).toBeCloseTo(30.43, 2);
		expect(Number(first[3])).toBeCloseTo(38.86, 2);
		expect(Number(first[4])).toBeCloseTo((29.73 + 14.96) / 2, 6);
		const pAlive = Number(first[5]);
		expect(pAlive > 0 && pAlive < 1).toBe(true);
		// Expected purchases grow with the horizon; CLV is positive.
		expect(Number(first[6])).toBeLessThan(Number(first[7]));
		expect(Number(first[7])).toBeLessThan(Number(first[8]));
		expect(Number(first[9])).toBeGreaterThan(0);
	}, 120_000);

	it('reads a CSV with a header, ISO dates and columns by name, over the whole history', () => {
		const file = join(work, 'orders.csv');
		const lines = ['Customer ID,Order Date,Total'];
		for (let c = 0; c < 40; c++) {
			for (let k = 0; k <= c % 5; k++) {
				lines.push(`C${c},2024-0${1 + ((c + k * 3) % 9)}-1${k},${10 + c + k}`);
			}
		}
		writeFileSync(file, `${lines.join('\n')}\n`);
		const out = join(work, 'orders.json');
		const run = runCli([
			'clv',
			file,
			'--customer',
			'customer id',
			'--date',
			'Order Date',
			'--amount',
			'Total',
			'--time-unit',
			'days',
			'--out',
			out
		]);
		expect(run.status, run.stderr).toBe(0);
		const params = JSON.parse(readFileSync(out, 'utf8'));
		expect(params.customers).toBe(40);
		expect(params.timeUnit).toBe('days');
		expect(Object.values(params.bgnbd).every((x) => Number.isFinite(x))).toBe(true);
	}, 120_000);

	it('exits non-zero with a clear message for a missing file, a wrong column, no dates or no transactions', () => {
		const out = join(work, 'x.json');
		const missing = runCli([
			'clv',
			join(work, 'nope.txt'),
			'--customer',
			'1',
			'--date',
			'3',
			'--out',
			out
		]);
		expect(missing.status).not.toBe(0);
		expect(missing.stderr).toMatch(/nope\.txt does not exist/);

		const column = runCli(['clv', cdnow, '--customer', 'master_id', '--date', '3', '--out', out]);
		expect(column.status).toBe(2);
		expect(column.stderr).toMatch(/--customer 'master_id' is not a column of the file/);

		const dates = runCli(['clv', cdnow, '--customer', '1', '--date', '5', '--out', out]);
		expect(dates.status).toBe(1);
		expect(dates.stderr).toMatch(/Column 'column4' holds no dates/);

		const early = runCli([
			'clv',
			cdnow,
			'--customer',
			'1',
			'--date',
			'3',
			'--calibration-end',
			'1996-12-31',
			'--out',
			out
		]);
		expect(early.status).toBe(1);
		expect(early.stderr).toMatch(/No transactions on or before 1996-12-31/);

		const noOut = runCli(['clv', cdnow, '--customer', '1', '--date', '3']);
		expect(noOut.status).toBe(2);
		expect(noOut.stderr).toMatch(/--out/);
		expect(existsSync(out)).toBe(false);
	}, 120_000);
});
