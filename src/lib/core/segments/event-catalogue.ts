// The events a behaviour condition can count: each kind of linked event in the 360° view with
// how many there are and its most frequent event types ("click", "open", "return"…), so the
// builder offers what the data holds rather than a blank box.
import type { Db } from '../db';
import { C360_TABLES } from '../customer360/tables';
import { EVENT_KINDS, type EventKind } from '../customer360/event-kinds';
import { rowsOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';

export interface EventKindInfo {
	kind: EventKind;
	events: number;
	/** The most frequent event types, most frequent first (at most 20). */
	types: { value: string; events: number }[];
}

const TOP_TYPES = 20;

/** The kinds of linked events, in the order of EVENT_KINDS; [] before the 360° view is built. */
export async function loadEventCatalogue(db: Db): Promise<EventKindInfo[]> {
	const exists = rowsOf(
		await db.query(sql`SELECT 1 FROM information_schema.tables
			WHERE table_schema = 'main' AND table_name = ${C360_TABLES.event}`)
	);
	if (exists.length === 0) return [];
	const rows = rowsOf(
		await db.query(sql`SELECT kind, event_type, count(*) AS events
			FROM ${ident(C360_TABLES.event)}
			WHERE status = 'linked' AND customer_id IS NOT NULL
			GROUP BY ALL`)
	);
	const byKind = new Map<string, EventKindInfo>();
	for (const row of rows) {
		const kind = String(row.kind) as EventKind;
		if (!EVENT_KINDS.includes(kind)) continue;
		const info = byKind.get(kind) ?? { kind, events: 0, types: [] };
		const events = Number(row.events);
		info.events += events;
		if (row.event_type !== null && row.event_type !== undefined && row.event_type !== '') {
			info.types.push({ value: String(row.event_type), events });
		}
		byKind.set(kind, info);
	}
	return EVENT_KINDS.flatMap((kind) => {
		const info = byKind.get(kind);
		if (!info) return [];
		info.types.sort((a, b) => b.events - a.events || a.value.localeCompare(b.value));
		info.types = info.types.slice(0, TOP_TYPES);
		return [info];
	});
}
