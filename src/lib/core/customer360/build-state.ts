// What the last 360° build used and found, kept in the workspace (cc_360_run, one JSON row), so
// that a reload shows the view as it is and rebuilds nothing that is current. The view is stale
// when identity resolution ran since, an event source was added, removed or changed (data,
// mapping, reading choices), an event source's kind was changed, or the as-of setting changed.
import type { Db } from '../db';
import {
	loadRunState,
	sourceChanges,
	sourceFingerprints,
	type SourceFingerprint
} from '../identity/run-state';
import { rowsOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';
import type { EventKind } from './event-kinds';
import type { IdentifierKind } from './customer-identifiers';
import { C360_TABLES } from './tables';

/** What the build found in one event source. */
export interface SourceLinkReport {
	sourceId: string;
	name: string;
	kind: EventKind;
	/** The profile source its record keys point at, when it has some. */
	keyTarget: string | null;
	events: number;
	linked: number;
	ambiguous: number;
	anonymous: number;
	/** Linked events by the identifier kind that linked them. */
	linkedBy: Partial<Record<IdentifierKind, number>>;
}

export interface Build360State {
	builtAt: number;
	/** The as-of date used (ISO), and the setting it came from (null: the latest event's day). */
	asOf: string;
	asOfSetting: string | null;
	/** When the identity run the build read ran (cc_id_run's ranAt). */
	identityRanAt: number;
	kinds: Record<string, EventKind>;
	sources: Record<string, SourceFingerprint>;
	report: SourceLinkReport[];
	customers: number;
	/** The currencies of purchase amounts (summed as written when there are several). */
	currencies: string[];
	seconds: number;
}

export async function saveBuildState(db: Db, state: Build360State): Promise<void> {
	await db.exec(sql`CREATE OR REPLACE TABLE ${ident(C360_TABLES.run)} AS
		SELECT ${JSON.stringify(state)} AS state`);
}

export async function loadBuildState(db: Db): Promise<Build360State | null> {
	const exists = rowsOf(
		await db.query(sql`SELECT 1 FROM duckdb_tables()
			WHERE table_name = ${C360_TABLES.run} AND schema_name = 'main'`)
	);
	if (exists.length === 0) return null;
	const [row] = rowsOf(await db.query(sql`SELECT state FROM ${ident(C360_TABLES.run)}`));
	return typeof row?.state === 'string' ? (JSON.parse(row.state) as Build360State) : null;
}

/** Why the 360° view no longer reflects the workspace; [] when it is current. */
export async function staleReasons360(
	db: Db,
	state: Build360State | null,
	asOfSetting: string | null,
	kinds: Readonly<Record<string, EventKind>>
): Promise<string[]> {
	const identity = await loadRunState(db);
	if (!identity) return ['Identity resolution has not run yet.'];
	if (!state) return ['The 360° view has not been built yet.'];
	const reasons: string[] = [];
	if (identity.ranAt !== state.identityRanAt) reasons.push('Identity resolution ran again.');
	reasons.push(...sourceChanges(state.sources, await sourceFingerprints(db, 'event')));
	for (const [id, kind] of Object.entries(kinds)) {
		const before = state.kinds[id];
		if (before && before !== kind) {
			reasons.push(`'${state.sources[id]?.name ?? id}' is now read as another kind of event.`);
		}
	}
	if ((asOfSetting ?? null) !== state.asOfSetting) reasons.push('The as-of date changed.');
	return reasons;
}
