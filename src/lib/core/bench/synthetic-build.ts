// The build state of a scenario's synthetic 360° view. The tricky point: the scenarios write
// the 360° tables straight from range(), so no build ran, yet the code they time reads the state
// a build leaves (its as-of date, its customer count) and refuses to work without one.
import type { Db } from '../db';
import { saveBuildState } from '../customer360/build-state';

/** Records a 360° build as of `asOf` holding `customers` customers, with nothing else known. */
export async function saveSyntheticBuild(db: Db, asOf: string, customers: number): Promise<void> {
	await saveBuildState(db, {
		builtAt: 1,
		asOf,
		asOfSetting: asOf,
		identityRanAt: 0,
		kinds: {},
		sources: {},
		report: [],
		customers,
		currencies: [],
		seconds: 0
	});
}
