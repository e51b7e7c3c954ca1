// What the last identity run used and found, kept in the workspace: the settings, the fitted
// model (so a customer can be explained and pairs re-scored later without re-fitting), the
// summary, and a fingerprint of each profile source so that a changed source, mapping or
// setting marks the customers as stale.
import type { Db } from '../db';
import { rowsOf, scalarOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';
import { CATALOG_TABLE, MAPPING_TABLE } from '../workspace/catalog';
import { COMPARISONS } from './comparisons';
import type { FsParameters } from './em';
import type { ScoringModel } from './score';
import type { IdentitySettings } from './types';

const RUN_TABLE = 'cc_id_run';

export interface SavedModel extends FsParameters {
	comparisons: string[];
	exactByChance: Record<string, number>;
}

export interface RunState<Summary> {
	ranAt: number;
	settings: IdentitySettings;
	model: SavedModel;
	summary: Summary;
	/** Source id → its name and the fingerprint of its data, mapping and reading choices. */
	sources: Record<string, SourceFingerprint>;
}

export interface SourceFingerprint {
	name: string;
	fingerprint: string;
}

/** A fingerprint per source of `kind`: its raw table, its mapping and its reading choices. */
export async function sourceFingerprints(
	db: Db,
	kind: 'profile' | 'event' = 'profile'
): Promise<Record<string, SourceFingerprint>> {
	const rows = rowsOf(
		await db.query(sql`SELECT s.source_id, s.name, md5(s.table_name || '|' || coalesce(string_agg(
				m.column_name || '=' || m.role || '/' || coalesce(m.date_order, '') || '/' || coalesce(m.decimal_separator, ''),
				';' ORDER BY m.column_index), '')) AS fingerprint
			FROM ${ident(CATALOG_TABLE)} s LEFT JOIN ${ident(MAPPING_TABLE)} m USING (source_id)
			WHERE s.kind = ${kind} GROUP BY s.source_id, s.name, s.table_name ORDER BY s.source_id`)
	);
	return Object.fromEntries(
		rows.map((row) => [
			String(row.source_id),
			{ name: String(row.name), fingerprint: String(row.fingerprint) }
		])
	);
}

export async function saveRunState<Summary>(
	db: Db,
	state: Omit<RunState<Summary>, 'ranAt' | 'sources'>
): Promise<void> {
	const full: RunState<Summary> = {
		...state,
		ranAt: Date.now(),
		sources: await sourceFingerprints(db)
	};
	await db.exec(
		sql`CREATE OR REPLACE TABLE ${ident(RUN_TABLE)} AS SELECT ${JSON.stringify(full)} AS state`
	);
}

export async function loadRunState<Summary>(db: Db): Promise<RunState<Summary> | null> {
	const exists = Number(
		scalarOf(
			await db.query(sql`SELECT count(*) FROM duckdb_tables()
				WHERE table_name = ${RUN_TABLE} AND schema_name = 'main'`)
		)
	);
	if (exists === 0) return null;
	const text = scalarOf(await db.query(sql`SELECT state FROM ${ident(RUN_TABLE)}`));
	if (typeof text !== 'string') return null;
	return JSON.parse(text) as RunState<Summary>;
}

export function savedModel(model: ScoringModel): SavedModel {
	return {
		comparisons: model.comparisons.map((c) => c.id),
		lambda: model.parameters.lambda,
		m: model.parameters.m,
		u: model.parameters.u,
		exactByChance: model.exactByChance
	};
}

/** The scoring model back from its saved form (comparisons no longer known are dropped). */
export function scoringModelOf(saved: SavedModel): ScoringModel {
	const kept = saved.comparisons.flatMap((id, i) => {
		const comparison = COMPARISONS.find((c) => c.id === id);
		return comparison ? [{ comparison, i }] : [];
	});
	return {
		comparisons: kept.map((k) => k.comparison),
		parameters: {
			lambda: saved.lambda,
			m: kept.map((k) => saved.m[k.i] ?? []),
			u: kept.map((k) => saved.u[k.i] ?? [])
		},
		exactByChance: saved.exactByChance
	};
}

/** JSON with object keys in sorted order, so equal settings compare equal however built. */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_, v: unknown) =>
		v !== null && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(
					Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))
				)
			: v
	);
}

/** The sources added, changed or removed between two sets of fingerprints, in words. */
export function sourceChanges(
	before: Readonly<Record<string, SourceFingerprint>>,
	now: Readonly<Record<string, SourceFingerprint>>
): string[] {
	const changes: string[] = [];
	for (const [id, source] of Object.entries(now)) {
		const was = before[id];
		if (!was) changes.push(`'${source.name}' was added.`);
		else if (was.fingerprint !== source.fingerprint) {
			changes.push(`'${source.name}' changed (new data, mapping or reading choices).`);
		}
	}
	for (const [id, source] of Object.entries(before)) {
		if (!(id in now)) changes.push(`'${source.name}' was removed.`);
	}
	return changes;
}

/** Why the customers no longer reflect the workspace, or [] when they are current. */
export async function staleReasons(
	db: Db,
	state: RunState<unknown> | null,
	settings: IdentitySettings,
	decisionsChangedAt: number | null
): Promise<string[]> {
	if (!state) return ['Identity resolution has not run yet.'];
	const reasons = sourceChanges(state.sources, await sourceFingerprints(db));
	if (canonicalJson(state.settings) !== canonicalJson(settings)) {
		reasons.push('The identity settings changed.');
	}
	if (decisionsChangedAt !== null && decisionsChangedAt > state.ranAt) {
		reasons.push('Decisions were made since the last run.');
	}
	return reasons;
}
