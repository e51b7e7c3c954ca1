// Serves the built site on 127.0.0.1 with the site's Content-Security-Policy as a header (the
// header also guards the workers, which a <meta> policy does not reach).
// Usage: node scripts/serve.js [--port 4173] [--dir build]
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sirv from 'sirv';
import { cspHeader } from './csp.js';

/**
 * The policy the build wrote into index.html (it carries the hash of SvelteKit's boot script),
 * sent again as a header so that it also covers the workers.
 * @param {string} dir
 */
function policyOf(dir) {
	const html = readFileSync(join(dir, 'index.html'), 'utf8');
	const meta = /<meta http-equiv="content-security-policy" content="([^"]+)"/i.exec(html);
	if (!meta?.[1]) return cspHeader();
	return `${meta[1].replaceAll('&#39;', "'")}; frame-ancestors 'none'`;
}

/**
 * @param {{ dir?: string, port?: number, host?: string, quiet?: boolean }} options
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serve({
	dir = 'build',
	port = 4173,
	host = '127.0.0.1',
	quiet = false
} = {}) {
	if (!existsSync(dir)) throw new Error(`No built site in '${dir}': run "npm run build" first.`);
	const files = sirv(dir, { single: 'index.html', dev: false, etag: true, gzip: false });
	const policy = policyOf(dir);
	const server = createServer((req, res) => {
		res.setHeader('Content-Security-Policy', policy);
		res.setHeader('X-Content-Type-Options', 'nosniff');
		res.setHeader('Referrer-Policy', 'no-referrer');
		res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
		files(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolve(undefined));
	});
	const address = server.address();
	const actualPort = typeof address === 'object' && address ? address.port : port;
	const url = `http://${host}:${actualPort}`;
	if (!quiet) console.log(`Concord is running at ${url}  (Ctrl+C to stop)`);
	return {
		url,
		close: () => new Promise((resolve) => server.close(() => resolve(undefined)))
	};
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: process.env.PORT ?? '4173' },
			dir: { type: 'string', default: 'build' },
			host: { type: 'string', default: '127.0.0.1' }
		}
	});
	serve({ dir: values.dir, port: Number(values.port), host: values.host }).catch((error) => {
		console.error(String(error instanceof Error ? error.message : error));
		process.exit(1);
	});
}
