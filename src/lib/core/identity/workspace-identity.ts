// Identity resolution as the app calls it: one function per user action, each taking the
// workspace's database and returning plain data (what the worker sends to the page).
import type { Db } from '../db';
import { truthAccuracy, type PairwiseAccuracy, type TruthColumn } from './accuracy';
import { findCustomers, type CustomerHit } from './customer-search';
import { removeDecision, saveDecision, type Decision } from './decisions';
import { explainCustomer, type CustomerExplanation } from './explain';
import { identityOverview, type IdentityOverview } from './overview';
import { resolveIdentities, type ResolveProgress, type RunSummary } from './resolve';
import { reviewQueue, type ReviewPair } from './review';
import { loadRunState, scoringModelOf } from './run-state';
import type { IdentitySettings } from './types';

export type { CustomerHit, CustomerExplanation, IdentityOverview, ReviewPair, PairwiseAccuracy };
export type { TruthColumn };

/** Runs identity resolution and returns the page's overview of the result. */
export async function runIdentity(
	db: Db,
	settings: IdentitySettings,
	onProgress: ResolveProgress
): Promise<IdentityOverview> {
	await resolveIdentities(db, settings, onProgress);
	const overview = await identityOverview(db, settings);
	if (!overview) throw new Error('The identity run left no result.');
	return overview;
}

export async function identityReview(db: Db, limit = 20): Promise<ReviewPair[]> {
	const state = await loadRunState<RunSummary>(db);
	return state ? reviewQueue(db, state.settings.threshold, limit) : [];
}

export async function decidePair(
	db: Db,
	recordA: string,
	recordB: string,
	same: boolean | null,
	origin: Decision['origin']
): Promise<void> {
	if (same === null) await removeDecision(db, recordA, recordB);
	else await saveDecision(db, recordA, recordB, same, origin);
}

export async function explainIdentity(
	db: Db,
	customerId: string
): Promise<CustomerExplanation | null> {
	const state = await loadRunState<RunSummary>(db);
	if (!state) return null;
	return explainCustomer(db, customerId, scoringModelOf(state.model), state.settings.threshold);
}

export async function searchCustomers(db: Db, text: string): Promise<CustomerHit[]> {
	return (await loadRunState(db)) ? findCustomers(db, text) : [];
}

export async function identityAccuracy(
	db: Db,
	truths: readonly TruthColumn[]
): Promise<PairwiseAccuracy | null> {
	return (await loadRunState(db)) ? truthAccuracy(db, truths) : null;
}

export { identityOverview };
