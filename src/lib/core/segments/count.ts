// The live numbers of a segment being built: how many customers, their share of all customers,
// their revenue and its share, in one query over the 360° table with the rule's predicate as a
// filter (no list of ids to look customers up in); and a first page of members, from the
// compiled query of ids. Both come from the same compiled rule (compile.ts), so what is counted
// is exactly what is exported. Shares are null when there is nothing to share.
import type { Table } from 'apache-arrow';
import type { Db } from '../db';
import { C360_TABLES } from '../customer360/tables';
import { rowsOf } from '../sql/rows';
import { ident, join, sql, type Sql } from '../sql/sql';
import type { Selection } from './compile';

export interface SegmentCount {
	customers: number;
	/** customers / all customers of the 360° view; null when it has none. */
	share: number | null;
	revenue: number;
	/** revenue / all customers' revenue; null when that is 0. */
	revenueShare: number | null;
}

/** The columns of a segment's preview, in order. */
export const PREVIEW_COLUMNS = [
	'customer_id',
	'first_name',
	'last_name',
	'email',
	'city',
	'orders',
	'revenue',
	'last_purchase_at'
] as const;

/** Rows of a preview at most. */
const MAX_PREVIEW = 500;

export async function segmentCount(db: Db, selection: Selection): Promise<SegmentCount> {
	// The members are counted under WHERE rather than as a column: a filter skips the rows an
	// earlier condition already failed and runs the cheapest conditions first, where a column
	// evaluates every condition on every row (half the time at a million customers).
	const [row] = rowsOf(
		await db.query(sql`SELECT * FROM
			(SELECT count(*) AS everyone, coalesce(sum(revenue), 0) AS all_revenue
				FROM ${ident(C360_TABLES.customer)}),
			(SELECT count(*) AS customers, coalesce(sum(c.revenue), 0) AS revenue
				${selection.from} WHERE ${selection.where})`)
	);
	const everyone = Number(row?.everyone ?? 0);
	const allRevenue = Number(row?.all_revenue ?? 0);
	const customers = Number(row?.customers ?? 0);
	const revenue = Number(row?.revenue ?? 0);
	return {
		customers,
		share: everyone > 0 ? customers / everyone : null,
		revenue,
		revenueShare: allRevenue !== 0 ? revenue / allRevenue : null
	};
}

/** The first `limit` members (at most 500), highest revenue first, then by customer id. */
export async function segmentPreview(db: Db, ids: Sql, limit: number): Promise<Table> {
	const rows = Math.max(0, Math.min(MAX_PREVIEW, Math.floor(Number.isFinite(limit) ? limit : 0)));
	const columns = PREVIEW_COLUMNS.map((c) => sql`c.${ident(c)}`);
	return db.query(sql`SELECT ${join(columns)}
		FROM ${ident(C360_TABLES.customer)} c
		WHERE c.customer_id IN (${ids})
		ORDER BY c.revenue DESC NULLS LAST, c.customer_id
		LIMIT ${rows}`);
}
