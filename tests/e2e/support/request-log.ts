// Records every request a browser context makes (pages, workers, nested workers) and tells which
// left the page's origin. Data URLs and blob URLs never touch the network and are not counted.
import type { BrowserContext, Request } from 'playwright-core';

export class RequestLog {
	readonly urls: string[] = [];

	constructor(context: BrowserContext) {
		context.on('request', (request: Request) => this.urls.push(request.url()));
	}

	/** Requests to any origin other than `origin`. */
	offOrigin(origin: string): string[] {
		return this.urls.filter((url) => {
			if (url.startsWith('data:') || url.startsWith('blob:')) return false;
			try {
				return new URL(url).origin !== origin;
			} catch {
				return true;
			}
		});
	}
}
