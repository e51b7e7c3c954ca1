// RFM scores 1–5 and the named segment of every customer who bought, from a relation with
// customer_id, recency_days, frequency (orders) and monetary (revenue); customers without a
// purchase get no score. Quintiles rank the scored customers: score = 1 + ⌊5 · (rank − 1) / n⌋
// with rank() so that tied values share the lower score (the tie is never split at random, and
// the same data always scores the same); recency ranks the longest-gone first. Thresholds
// count the cut points a value is above (for recency, 5 minus those the days are above). The
// scores are columns of the customers' own rows (windows over those who bought), so the
// indicator table reads them without joining a second copy of the customers back by id.
import { join, lit, sql, type Sql } from '../sql/sql';
import { RFM_GRID } from './rfm-segments';
import type { Cuts, RfmSettings } from './settings';

/** Whether the customer bought: only then has it scores. */
const BOUGHT = sql`(frequency > 0 AND recency_days IS NOT NULL)`;

function quintile(order: Sql): Sql {
	const among = sql`PARTITION BY ${BOUGHT}`;
	return sql`(1 + floor(5 * (rank() OVER (${among} ORDER BY ${order}) - 1)
		/ count(*) OVER (${among})))::INTEGER`;
}

function aboveCuts(value: Sql, cuts: Cuts): Sql {
	return join(
		cuts.map((cut) => sql`(${value} > ${cut})::INTEGER`),
		' + '
	);
}

function scores(rfm: RfmSettings): { r: Sql; f: Sql; m: Sql } {
	if (rfm.method === 'quintiles') {
		return {
			r: quintile(sql`recency_days DESC`),
			f: quintile(sql`frequency`),
			m: quintile(sql`monetary`)
		};
	}
	return {
		r: sql`(5 - (${aboveCuts(sql`recency_days`, rfm.recencyDays)}))::INTEGER`,
		f: sql`(1 + ${aboveCuts(sql`frequency`, rfm.frequency)})::INTEGER`,
		m: sql`(1 + ${aboveCuts(sql`monetary`, rfm.monetary)})::INTEGER`
	};
}

/** The grid as a DuckDB list of lists: grid[r][f] is the segment (lists count from 1). */
function gridList(): Sql {
	const rows = RFM_GRID.map((row) => sql`[${join(row.map((segment) => lit(segment)))}]`);
	return sql`[${join(rows)}]`;
}

/**
 * r_score, f_score, m_score as select items over a relation with recency_days, frequency and
 * monetary: NULL for a customer who did not buy.
 */
export function rfmScoreColumns(rfm: RfmSettings): Sql {
	const { r, f, m } = scores(rfm);
	const ifBought = (score: Sql) => sql`CASE WHEN ${BOUGHT} THEN ${score} END`;
	return sql`${ifBought(r)} AS r_score, ${ifBought(f)} AS f_score, ${ifBought(m)} AS m_score`;
}

/** The named segment of an R and an F score (NULL without scores). */
export function rfmSegment(r: Sql, f: Sql): Sql {
	return sql`(${gridList()})[${r}][${f}]`;
}

/** customer_id, r_score, f_score, m_score, rfm_segment of the customers of `base` who bought. */
export function rfmScores(base: Sql, rfm: RfmSettings): Sql {
	return sql`SELECT customer_id, r_score, f_score, m_score,
			${rfmSegment(sql`r_score`, sql`f_score`)} AS rfm_segment
		FROM (SELECT *, ${rfmScoreColumns(rfm)} FROM (${base}))
		WHERE ${BOUGHT}`;
}
