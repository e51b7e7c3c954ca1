// The event sources the 360° view reads, each through its mapped view, with what it records
// (its kind) and, when it carries a record key, which profile source that key points at. The
// tricky point: an order's `customer_id` is the record key of some profile source, but nothing
// in the file says which; the data do — the profile source holding the most of its keys.
import type { Db } from '../db';
import type { MappedColumn } from '../mapped';
import { rowsOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';
import { listSources, loadMapping } from '../workspace/catalog';
import type { RoleId } from '../roles/vocabulary';
import { loadMappedView, refreshMappedView } from '../workspace/mapped-views';
import { IDENTITY_TABLES } from '../identity/tables';
import { suggestEventKind, type EventKind } from './event-kinds';

export interface EventSource {
	sourceId: string;
	name: string;
	view: string;
	columns: MappedColumn[];
	kind: EventKind;
	/** The profile source whose record keys this source's record_key column holds, if any. */
	keyTarget: string | null;
}

/** The view's columns taking `role` (their `_key` match forms left out). */
export function columnsWithRole(source: Pick<EventSource, 'columns'>, role: string): string[] {
	return source.columns
		.filter((c) => c.role === role && !c.name.endsWith('_key'))
		.map((c) => c.name);
}

/**
 * The profile source whose customers' record ids (`<source id>:<key>`) match most of the
 * event source's distinct keys; null when none matches. Reads the resolved customers, so it
 * runs after identity resolution. The key is cut out of the record id rather than the id built
 * from the key: an equality with the customer's columns on one side only is a hash join, the
 * other a nested loop (minutes at a million records).
 */
async function keyTargetOf(db: Db, view: string, column: string): Promise<string | null> {
	const [best] = rowsOf(
		await db.query(sql`WITH keys AS (
				SELECT DISTINCT trim(${ident(column)}) AS k FROM ${ident(view)} WHERE ${ident(column)} IS NOT NULL
			)
			SELECT c.source_id, count(*) AS n
			FROM ${ident(IDENTITY_TABLES.customer)} c
			JOIN keys ON substr(c.record_id, length(c.source_id) + 2) = keys.k
			GROUP BY c.source_id ORDER BY n DESC, c.source_id LIMIT 1`)
	);
	return best ? String(best.source_id) : null;
}

/** Every event source with columns, its kind (chosen, else suggested) and its key target. */
export async function eventSources(
	db: Db,
	chosenKinds: Readonly<Record<string, EventKind>> = {}
): Promise<EventSource[]> {
	const sources: EventSource[] = [];
	for (const source of await listSources(db)) {
		if (source.kind !== 'event' || source.columnCount === 0) continue;
		const mapped =
			(await loadMappedView(db, source.sourceId)) ?? (await refreshMappedView(db, source.sourceId));
		const roles = mapped.columns.map((c) => c.role);
		const keyColumn = mapped.columns.find((c) => c.role === 'record_key' && c.name !== 'record_id');
		sources.push({
			sourceId: source.sourceId,
			name: source.name,
			view: mapped.view,
			columns: mapped.columns,
			kind: Object.hasOwn(chosenKinds, source.sourceId)
				? (chosenKinds[source.sourceId] as EventKind)
				: suggestEventKind([source.name, source.fileName], roles),
			keyTarget: keyColumn ? await keyTargetOf(db, mapped.view, keyColumn.name) : null
		});
	}
	return sources;
}

/** Every event source with its kind (chosen, else suggested), without reading its data. */
export async function eventSourceKinds(
	db: Db,
	chosenKinds: Readonly<Record<string, EventKind>> = {}
): Promise<{ sourceId: string; name: string; kind: EventKind }[]> {
	const found: { sourceId: string; name: string; kind: EventKind }[] = [];
	for (const source of await listSources(db)) {
		if (source.kind !== 'event' || source.columnCount === 0) continue;
		const roles = (await loadMapping(db, source.sourceId)).map((c) => c.role as RoleId);
		found.push({
			sourceId: source.sourceId,
			name: source.name,
			kind: Object.hasOwn(chosenKinds, source.sourceId)
				? (chosenKinds[source.sourceId] as EventKind)
				: suggestEventKind([source.name, source.fileName], roles)
		});
	}
	return found;
}
