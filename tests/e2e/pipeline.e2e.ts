// The pipeline in one action, and resumable: on the demo, "Bring everything up to date" runs
// identity resolution, the 360° view and the indicators; a reload once the 360° build has
// started keeps the identity run that was committed, and the next run resumes after it, running
// only the steps left out of date; a settings change reruns only the step it made out of date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { JOB_TIMEOUT } from './support/app';
import { openDemo } from './support/demo-session';
import { closeSession, type Session } from './support/session';

let session: Session;

beforeAll(async () => {
	session = await openDemo('loaded');
});

afterAll(async () => {
	await closeSession(session);
});

const stepState = (page: Page, step: string) =>
	page.getByTestId(`pipeline-step-${step}`).getAttribute('data-state');

/** Waits until the pipeline panel has read every step's state. */
async function statesRead(page: Page): Promise<void> {
	await page.getByTestId('pipeline-step-identity').waitFor();
	await page.waitForFunction(
		() =>
			document.querySelector('[data-testid="pipeline-step-identity"] .reason') !== null ||
			document
				.querySelector('[data-testid="pipeline-step-identity"]')
				?.getAttribute('data-state') === 'current'
	);
}

describe('pipeline', () => {
	it('shows every step out of date on a new workspace', async () => {
		const { page } = session;
		await page.goto(`${session.site.url}/`);
		await statesRead(page);
		expect(await stepState(page, 'identity')).toBe('missing');
		expect(await stepState(page, 'customers360')).toBe('missing');
		expect(await stepState(page, 'indicators')).toBe('missing');
	});

	it('keeps the committed identity run after a reload mid-run, then resumes after it', async () => {
		const { page } = session;
		await page.getByTestId('pipeline-run').click();
		// Identity resolution is committed once the 360° build has started: reload then.
		await page.getByTestId('job-bar').filter({ hasText: '360' }).waitFor({ timeout: JOB_TIMEOUT });
		await page.reload();
		await page.locator('[data-phase="ready"]').waitFor({ timeout: JOB_TIMEOUT });
		await page
			.locator('[data-testid="pipeline-step-identity"][data-state="current"]')
			.waitFor({ timeout: JOB_TIMEOUT });
		await statesRead(page);
		// The 360° build was most likely cut short; whatever was not current must run next.
		const notCurrent: string[] = [];
		for (const [step, label] of [
			['customers360', '360° view'],
			['indicators', 'Indicators']
		] as const) {
			if ((await stepState(page, step)) !== 'current') notCurrent.push(label);
		}
		expect(notCurrent).toContain('Indicators');

		await page.getByTestId('pipeline-run').click();
		await page.getByTestId('pipeline-ran').waitFor({ timeout: 2 * JOB_TIMEOUT });
		expect(await page.getByTestId('pipeline-ran').textContent()).toContain(
			`Ran ${notCurrent.join(', then ')};`
		);
		for (const step of ['identity', 'customers360', 'indicators']) {
			expect(await stepState(page, step)).toBe('current');
		}
		expect(await page.getByTestId('pipeline-run').isDisabled()).toBe(true);
		expect(session.pageErrors).toEqual([]);
	});

	it('runs only what a settings change made out of date', async () => {
		const { page } = session;
		await page.getByRole('navigation').getByRole('link', { name: 'Indicators' }).click();
		await page.getByTestId('indicator-settings').locator('summary').click();
		await page.getByTestId('rfm-method').selectOption('thresholds');
		await page.getByTestId('indicators-stale').waitFor({ timeout: 10_000 });

		await page.locator('a.brand').click();
		await page
			.locator('[data-testid="pipeline-step-indicators"][data-state="stale"]')
			.waitFor({ timeout: JOB_TIMEOUT });
		expect(await page.getByTestId('pipeline-step-indicators').innerText()).toContain(
			'The indicator settings changed.'
		);
		expect(await stepState(page, 'identity')).toBe('current');
		expect(await stepState(page, 'customers360')).toBe('current');
		await page.getByTestId('pipeline-run').click();
		await page.getByTestId('pipeline-ran').waitFor({ timeout: JOB_TIMEOUT });
		expect(await page.getByTestId('pipeline-ran').textContent()).toContain('Ran Indicators;');
		expect(await stepState(page, 'indicators')).toBe('current');
		expect(session.pageErrors).toEqual([]);
	});
});
