// The customers behind a mark of the Indicators area: an RFM cell, a named segment, or the
// movers from one lifecycle stage to another between two dates. A filter is plain data (it
// crosses the worker boundary and is saved with a segment); values are always bound.
import type { Db } from '../db';
import { C360_TABLES } from '../customer360/tables';
import { rowsOf } from '../sql/rows';
import { ident, sql, type Sql } from '../sql/sql';
import { lifecycleAt } from './lifecycle';
import type { LifecycleStage } from './settings';
import { INDICATOR_TABLES } from './tables';
import type { Table } from 'apache-arrow';

export type IndicatorFilter =
	| { kind: 'rfm-cell'; r: number; f: number }
	| { kind: 'rfm-segment'; segment: string }
	| {
			kind: 'lifecycle-shift';
			from: string;
			to: string;
			fromStage: string;
			toStage: string;
			stages: LifecycleStage[];
	  };

/** The columns a member list shows, in order. */
export const MEMBER_COLUMNS = [
	'customer_id',
	'first_name',
	'last_name',
	'email',
	'recency_days',
	'frequency',
	'monetary',
	'rfm_segment',
	'p_alive',
	'clv',
	'lifecycle_stage'
] as const;

/** The customer ids the filter selects. */
export function memberIds(filter: IndicatorFilter): Sql {
	const indicators = ident(INDICATOR_TABLES.customer);
	switch (filter.kind) {
		case 'rfm-cell':
			return sql`SELECT customer_id FROM ${indicators}
				WHERE r_score = ${filter.r} AND f_score = ${filter.f}`;
		case 'rfm-segment':
			return sql`SELECT customer_id FROM ${indicators} WHERE rfm_segment = ${filter.segment}`;
		case 'lifecycle-shift':
			return sql`SELECT a.customer_id
				FROM (${lifecycleAt(filter.from, filter.stages)}) a
				JOIN (${lifecycleAt(filter.to, filter.stages)}) b USING (customer_id)
				WHERE a.stage = ${filter.fromStage} AND b.stage = ${filter.toStage}`;
	}
}

/** How many customers the filter selects and one page of them, highest CLV first. */
export async function indicatorMembers(
	db: Db,
	filter: IndicatorFilter,
	offset: number,
	limit: number
): Promise<{ total: number; rows: Table }> {
	const ids = memberIds(filter);
	const [count] = rowsOf(await db.query(sql`SELECT count(*) AS n FROM (${ids})`));
	const rows = await db.query(sql`SELECT i.customer_id, c.first_name, c.last_name, c.email,
			i.recency_days, i.frequency, i.monetary, i.rfm_segment, i.p_alive, i.clv, i.lifecycle_stage
		FROM (${ids}) m
		JOIN ${ident(INDICATOR_TABLES.customer)} i USING (customer_id)
		JOIN ${ident(C360_TABLES.customer)} c USING (customer_id)
		ORDER BY i.clv DESC NULLS LAST, i.customer_id
		LIMIT ${Math.max(0, Math.min(500, Math.floor(limit)))} OFFSET ${Math.max(0, Math.floor(offset))}`);
	return { total: Number(count?.n ?? 0), rows };
}
