// One tab at a time: the database file on OPFS can be opened by a single tab only, so the first
// tab takes a Web Lock for its whole life and a second tab is told instead of failing obscurely.

const LOCK_NAME = 'concord-workspace';

/** Resolves true when this tab holds the workspace, false when another tab already does. */
export function acquireWorkspaceLock(): Promise<boolean> {
	if (!('locks' in navigator)) return Promise.resolve(true);
	return new Promise((resolve) => {
		void navigator.locks.request(LOCK_NAME, { ifAvailable: true }, (lock) => {
			if (!lock) {
				resolve(false);
				return null;
			}
			resolve(true);
			// Held until the tab closes.
			return new Promise<never>(() => undefined);
		});
	});
}
