// Keeps what the conditions that read the events found (a behaviour with an event type, a
// filter on its events or two days as window: each customer's count of matching events) in
// temporary tables between the live counts of the segment builder: a marketer edits one
// condition at a time, so the others' counts are read once and reused, and an edit costs what
// its own condition costs — nothing more when only the number of times changes. The key of a
// kept set is its query's text together with the 360° build it was read from — the text holds
// the as-of date and every value, so equal text means equal counts until the events are rebuilt. One
// memo per connection (temporary tables are the connection's), at most MAX_KEPT sets, the
// least recently used dropped first.
import type { Db } from '../db';
import { ident, sql, type Sql } from '../sql/sql';

const MAX_KEPT = 32;
const TABLE_PREFIX = 'cc_segment_memo_';

interface Kept {
	table: string;
	query: Sql;
	ready: boolean;
}

class ConditionMemo {
	private build: string | null = null;
	private kept = new Map<string, Kept>();
	private next = 0;

	/** Forgets (and drops) every set when the events were rebuilt since they were read. */
	async useBuild(db: Db, build: string): Promise<void> {
		if (this.build === build) return;
		await this.dropAll(db);
		this.build = build;
	}

	/** The table that stands for `query` (made by `materialise`), marking it as used now. */
	standIn = (query: Sql): Sql => {
		let kept = this.kept.get(query.text);
		if (kept) {
			this.kept.delete(query.text);
		} else {
			kept = { table: `${TABLE_PREFIX}${this.next++}`, query, ready: false };
		}
		this.kept.set(query.text, kept);
		return sql`SELECT * FROM ${ident(kept.table)}`;
	};

	/** Reads the sets a compiled query needs that are not kept yet, then drops the oldest. */
	async materialise(db: Db): Promise<void> {
		for (const kept of this.kept.values()) {
			if (kept.ready) continue;
			await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${ident(kept.table)} AS ${kept.query}`);
			kept.ready = true;
		}
		while (this.kept.size > MAX_KEPT) {
			const [key, oldest] = this.kept.entries().next().value as [string, Kept];
			this.kept.delete(key);
			await db.exec(sql`DROP TABLE IF EXISTS ${ident(oldest.table)}`);
		}
	}

	/** Drops every kept set (when the tables they were read from go away). */
	async dropAll(db: Db): Promise<void> {
		for (const kept of this.kept.values()) {
			await db.exec(sql`DROP TABLE IF EXISTS ${ident(kept.table)}`);
		}
		this.kept.clear();
	}
}

const memos = new WeakMap<Db, ConditionMemo>();

/** The memo of a connection. */
export function conditionMemo(db: Db): ConditionMemo {
	let memo = memos.get(db);
	if (!memo) {
		memo = new ConditionMemo();
		memos.set(db, memo);
	}
	return memo;
}

export type { ConditionMemo };
