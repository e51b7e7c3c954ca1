// Records as people read them: the mapped view's display columns of each record (not the
// lower-case match keys), with the name of its source, for the explain page and the review queue.
import type { Db } from '../db';
import { rowsOf, type Cell } from '../sql/rows';
import { ident, join, sql } from '../sql/sql';
import { listSources } from '../workspace/catalog';
import { loadMappedView } from '../workspace/mapped-views';
import { ensureCustomerTable } from './customer-ids';
import { IDENTITY_TABLES } from './tables';

export interface RecordDetail {
	recordId: string;
	sourceId: string;
	sourceName: string;
	/** The customer the record belongs to after the last run (null before one). */
	customerId: string | null;
	/** Role column → value as text, in the view's column order. */
	fields: Record<string, string | null>;
}

function text(value: Cell): string | null {
	if (value === null) return null;
	return String(value);
}

export async function recordDetails(db: Db, recordIds: readonly string[]): Promise<RecordDetail[]> {
	if (recordIds.length === 0) return [];
	const wanted = join(recordIds.map((id) => sql`${id}`));
	await ensureCustomerTable(db);
	const details: RecordDetail[] = [];
	for (const source of await listSources(db)) {
		if (source.kind !== 'profile') continue;
		const view = await loadMappedView(db, source.sourceId);
		if (!view) continue;
		const columns = view.columns
			.filter((c) => c.name !== 'record_id' && !c.name.endsWith('_key'))
			.map((c) => c.name);
		const select = columns.map((name) => sql`v.${ident(name)}::VARCHAR AS ${ident(name)}`);
		const rows = rowsOf(
			await db.query(sql`SELECT v.record_id, c.customer_id AS cc_customer_id
				${select.length > 0 ? sql`, ${join(select)}` : sql``}
				FROM ${ident(view.view)} v
				LEFT JOIN ${ident(IDENTITY_TABLES.customer)} c ON c.record_id = v.record_id
				WHERE v.record_id IN (${wanted})`)
		);
		for (const row of rows) {
			details.push({
				recordId: String(row.record_id),
				sourceId: source.sourceId,
				sourceName: source.name,
				customerId: row.cc_customer_id === null ? null : String(row.cc_customer_id),
				fields: Object.fromEntries(columns.map((name) => [name, text(row[name] ?? null)]))
			});
		}
	}
	const order = new Map(recordIds.map((id, i) => [id, i]));
	return details.sort((a, b) => (order.get(a.recordId) ?? 0) - (order.get(b.recordId) ?? 0));
}
