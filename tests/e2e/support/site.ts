// The built site served on 127.0.0.1 on a free port, exactly as `npm start` serves it.
import { existsSync } from 'node:fs';
import { serve } from '../../../scripts/serve.js';

export interface Site {
	url: string;
	close(): Promise<void>;
}

export async function startSite(): Promise<Site> {
	if (!existsSync('build/index.html')) {
		throw new Error('The site is not built: run "npm run build" before the browser tests.');
	}
	return serve({ dir: 'build', port: 0, quiet: true });
}
