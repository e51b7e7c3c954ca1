// `npm test`: every check, in the order that fails fastest — typecheck, lint and build side by
// side, unit tests on both engines, browser tests in Chromium. Ends with one summary line of all
// tests run.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium.js';

const RESULTS = '.vitest-results';

/** @param {string} title @param {string} command @param {string[]} args */
function step(title, command, args) {
	console.log(`\n━━ ${title} ━━`);
	const started = Date.now();
	const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	if (result.status !== 0) {
		console.error(`\n✗ ${title} failed after ${seconds} s`);
		process.exit(result.status ?? 1);
	}
	console.log(`✓ ${title} (${seconds} s)`);
}

/**
 * Runs one command with its output kept, printed whole when it ends so that commands run side
 * by side do not interleave.
 * @param {[string, string, string[]]} task [name, command, args]
 * @returns {Promise<{ name: string; status: number | null }>}
 */
function runKept([name, command, args]) {
	return new Promise((resolve) => {
		const begun = Date.now();
		const child = spawn(command, args, { env: { ...process.env, FORCE_COLOR: '1' } });
		/** @type {Buffer[]} */
		const output = [];
		child.stdout.on('data', (chunk) => output.push(chunk));
		child.stderr.on('data', (chunk) => output.push(chunk));
		child.on('close', (status) => {
			console.log(`\n── ${name} (${((Date.now() - begun) / 1000).toFixed(1)} s) ──`);
			process.stdout.write(Buffer.concat(output));
			resolve({ name, status });
		});
	});
}

/**
 * Runs lanes of independent commands side by side, one lane per core, each lane's commands one
 * after the other; they only read the sources (the build writes `build/`, which the others
 * ignore). Exits at the end when any failed.
 * @param {string} title @param {[string, string, string[]][][]} lanes
 */
async function together(title, lanes) {
	console.log(`\n━━ ${title} ━━`);
	const started = Date.now();
	/** @type {{ name: string; status: number | null }[]} */
	const results = [];
	await Promise.all(
		lanes.map(async (lane) => {
			for (const task of lane) results.push(await runKept(task));
		})
	);
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	const failed = results.filter((r) => r.status !== 0);
	if (failed.length > 0) {
		console.error(`\n✗ ${failed.map((r) => r.name).join(', ')} failed (${title}, ${seconds} s)`);
		process.exit(failed[0]?.status ?? 1);
	}
	console.log(`✓ ${title} (${seconds} s)`);
}

/** @param {string} file */
function counts(file) {
	const report = JSON.parse(readFileSync(file, 'utf8'));
	return {
		passed: Number(report.numPassedTests ?? 0),
		failed: Number(report.numFailedTests ?? 0),
		skipped: Number(report.numPendingTests ?? 0) + Number(report.numTodoTests ?? 0)
	};
}

rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

console.log(`Chromium: ${ensureChromium()}`);
// The generated types first: the check, the linter and the build all read them, and the build
// rewrites only what changed (nothing, once they are there).
step('Generate the SvelteKit types', 'npx', ['svelte-kit', 'sync']);
// Two lanes for two cores: the linter alone takes about as long as the other three together.
await together('Check, lint and build', [
	[['Lint', 'npx', ['eslint', '.']]],
	[
		[
			'Svelte and TypeScript check',
			'npx',
			['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings']
		],
		['Format', 'npx', ['prettier', '--check', '.']],
		['Build the site', 'npx', ['vite', 'build']]
	]
]);
step('Unit tests (native and wasm DuckDB)', 'npx', [
	'vitest',
	'run',
	'--reporter=default',
	'--reporter=json',
	`--outputFile.json=${RESULTS}/unit.json`
]);
step('Browser tests (Chromium)', 'npx', [
	'vitest',
	'run',
	'--config',
	'tests/e2e/vitest.config.ts',
	'--reporter=default',
	'--reporter=json',
	`--outputFile.json=${RESULTS}/browser.json`
]);

const unit = counts(`${RESULTS}/unit.json`);
const browser = counts(`${RESULTS}/browser.json`);
const passed = unit.passed + browser.passed;
const failed = unit.failed + browser.failed;
const skipped = unit.skipped + browser.skipped;
console.log(`\nUnit: ${unit.passed} passed · Browser: ${browser.passed} passed`);
if (passed === 0) {
	console.error('No test ran.');
	process.exit(1);
}
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
