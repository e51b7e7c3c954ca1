// Makes sure build/ holds the current site before the browser benchmark: it runs `npm run build`
// when build/index.html is missing or older than any source of the site. The tricky point: the
// check walks every input of the build (src, workers, static, configs, lock file), so an edit
// anywhere rebuilds, and a fresh build is reused by later runs.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const INPUTS = [
	'src',
	'workers',
	'static',
	'scripts/csp.js',
	'svelte.config.js',
	'vite.config.ts',
	'package.json',
	'package-lock.json'
];
const BUILT = 'build/index.html';

function newestChange(path: string): number {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
	return newest;
}

/** Why the site must be built, or null when build/ is current. */
export function staleReason(): string | null {
	if (!existsSync(BUILT)) return 'build/ is missing';
	const built = statSync(BUILT).mtimeMs;
	const changed = INPUTS.find((input) => newestChange(input) > built);
	return changed ? `${changed} changed since the last build` : null;
}

export function ensureBuilt(): void {
	const reason = staleReason();
	if (!reason) return;
	console.log(`Building the site (${reason})…`);
	const result = spawnSync('npm', ['run', '--silent', 'build'], {
		encoding: 'utf8',
		maxBuffer: 64 * 2 ** 20
	});
	if (result.status !== 0) {
		console.error(`${result.stdout}\n${result.stderr}`);
		throw new Error('"npm run build" failed: the browser benchmark needs it.');
	}
}
