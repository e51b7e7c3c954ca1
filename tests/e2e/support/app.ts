// Steps a user takes in the app, shared by the browser tests.
import type { Page } from 'playwright-core';

export const ENGINE_TIMEOUT = 60_000;
/** How long a long job (an identity run on the demo) may take. */
export const JOB_TIMEOUT = 120_000;

/** Opens the app and waits until the engine reports it is ready. */
export async function openApp(page: Page, url: string, path = '/'): Promise<void> {
	await page.goto(`${url}${path}`);
	await page.locator('[data-phase="ready"]').waitFor({ timeout: ENGINE_TIMEOUT });
}

/** Loads the demo of the given size and waits for its sources to be listed. */
export async function loadDemo(page: Page, persons: number): Promise<void> {
	await page.getByTestId('demo-size').first().selectOption(String(persons));
	await page.getByTestId('load-demo').first().click();
	await page.getByTestId('notice').filter({ hasText: 'Demo loaded' }).waitFor({ timeout: 120_000 });
}

/** Waits until the running job's bar is gone: the job has ended. */
export async function jobDone(page: Page): Promise<void> {
	await page.getByTestId('job-bar').waitFor({ state: 'detached', timeout: JOB_TIMEOUT });
}

/** Opens Identity from the navigation and runs identity resolution for the first time. */
export async function runIdentity(page: Page): Promise<void> {
	await page.getByRole('navigation').getByRole('link', { name: 'Identity' }).click();
	const run = page.getByTestId('run-identity');
	await run.filter({ hasText: 'Run identity resolution' }).click({ timeout: ENGINE_TIMEOUT });
	await run.filter({ hasText: 'Re-run' }).waitFor({ timeout: JOB_TIMEOUT });
}
