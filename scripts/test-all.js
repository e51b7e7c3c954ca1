// `npm test`: every check, in the order that fails fastest — typecheck, lint, unit tests on both
// engines, build, browser tests in Chromium. Ends with one summary line of all tests run.
import { spawnSync } from 'node:child_process';
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
step('Svelte and TypeScript check', 'npm', ['run', '--silent', 'check']);
step('Lint and format', 'npm', ['run', '--silent', 'lint']);
step('Unit tests (native and wasm DuckDB)', 'npx', [
	'vitest',
	'run',
	'--reporter=default',
	'--reporter=json',
	`--outputFile.json=${RESULTS}/unit.json`
]);
step('Build the site', 'npm', ['run', '--silent', 'build']);
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
