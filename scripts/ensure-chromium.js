// Makes sure Debian's Chromium is there for the browser tests and benchmarks: installs it with
// apt-get when it is missing and we are root, otherwise says exactly what to do.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function ensureChromium() {
	if (existsSync(CHROMIUM)) return CHROMIUM;
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot) {
		throw new Error(
			`Chromium is missing at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium ` +
				'(or set CHROMIUM_PATH to a Chromium binary).'
		);
	}
	console.log('Chromium is missing: installing Debian’s chromium package with apt-get…');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
	execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
		stdio: 'inherit',
		env
	});
	if (!existsSync(CHROMIUM)) throw new Error(`apt-get finished but ${CHROMIUM} is still missing.`);
	return CHROMIUM;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	try {
		console.log(`Chromium: ${ensureChromium()}`);
	} catch (error) {
		console.error(error instanceof Error ? error.message : String(error));
		process.exit(1);
	}
}
