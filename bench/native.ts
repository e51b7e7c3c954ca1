// Runs a scenario natively (@duckdb/node-api, the same core SQL) in a fresh child process per
// scenario and size, so each peak memory figure belongs to that scenario alone.
import { spawn } from 'node:child_process';
import type { Measured } from './result';

export interface NativeRun {
	scenario: string;
	size: number;
	repeat: number;
	threads: number;
	csvFile?: string;
	timeoutMs: number;
}

export function runNative(run: NativeRun): Promise<Measured> {
	const args = ['--import', 'tsx', 'bench/native-child.ts', run.scenario, String(run.size)];
	args.push('--repeat', String(run.repeat), '--threads', String(run.threads));
	if (run.csvFile) args.push('--csv', run.csvFile);
	const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`timed out after ${Math.round(run.timeoutMs / 1000)} s`));
		}, run.timeoutMs);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			const last = stdout.trim().split('\n').pop() ?? '';
			if (code === 0 && last.startsWith('{')) return resolve(JSON.parse(last) as Measured);
			const why = signal ? `killed by ${signal}` : `exit code ${code}`;
			reject(new Error(`${lastErrorLine(stderr) || 'no output'} (${why})`));
		});
	});
}

/** The first line of the last error the child printed, for the results table. */
function lastErrorLine(stderr: string): string {
	const lines = stderr.split('\n').filter((l) => /error/i.test(l) && !/npm warn/i.test(l));
	return (lines.pop() ?? '').trim().slice(0, 300);
}
