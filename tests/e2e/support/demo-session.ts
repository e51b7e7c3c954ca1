// A browser test's session on the demo retailer (1,000 persons) with identity resolved, and
// optionally the 360° view built too: the starting point of the tests of the areas that read
// resolved customers. The tricky point: a set-up step that fails closes the session itself,
// since the test file never receives it to close.
import { jobDone, loadDemo, openApp, runIdentity } from './app';
import { closeSession, openSession, type Session } from './session';

const DEMO_PERSONS = 1000;

/** Opens the app, loads the demo and runs identity resolution (left on the Identity page). */
export async function openResolvedDemo(): Promise<Session> {
	const session = await openSession();
	try {
		await openApp(session.page, session.site.url);
		await loadDemo(session.page, DEMO_PERSONS);
		await runIdentity(session.page);
		return session;
	} catch (error) {
		await closeSession(session);
		throw error;
	}
}

/** As `openResolvedDemo`, then builds the 360° view from the Customers area (left there). */
export async function openBuiltDemo(): Promise<Session> {
	const session = await openResolvedDemo();
	const { page } = session;
	try {
		await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
		await page.getByTestId('customer-count').waitFor({ timeout: 120_000 });
		await jobDone(page);
		return session;
	} catch (error) {
		await closeSession(session);
		throw error;
	}
}
