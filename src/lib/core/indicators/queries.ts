// What the Indicators area draws, read from cc_indicator: the RFM grid, the named segments,
// and the distributions of churn score, CLV and propensity. Every query returns counts beside
// the values so the charts can say how many customers each mark stands for.
import { ident, sql, type Sql } from '../sql/sql';
import { INDICATOR_TABLES } from './tables';

const indicators = ident(INDICATOR_TABLES.customer);

/** r_score, f_score, rfm_segment, customers, revenue, avg_monetary: the 25 cells (those used). */
export function rfmGridQuery(): Sql {
	return sql`SELECT r_score, f_score, any_value(rfm_segment) AS rfm_segment,
			count(*)::INTEGER AS customers, round(sum(monetary), 2) AS revenue,
			round(avg(monetary), 2) AS avg_monetary
		FROM ${indicators} WHERE r_score IS NOT NULL GROUP BY r_score, f_score ORDER BY ALL`;
}

/** Per named segment: customers, revenue, its share, average recency, frequency, monetary, churn. */
export function rfmSegmentsQuery(): Sql {
	return sql`SELECT rfm_segment, count(*)::INTEGER AS customers, round(sum(monetary), 2) AS revenue,
			sum(monetary) / nullif(sum(sum(monetary)) OVER (), 0) AS revenue_share,
			avg(recency_days) AS avg_recency_days, avg(frequency) AS avg_frequency,
			avg(monetary) AS avg_monetary, avg(churn_score) AS avg_churn_score, avg(clv) AS avg_clv
		FROM ${indicators} WHERE rfm_segment IS NOT NULL GROUP BY rfm_segment ORDER BY customers DESC`;
}

/** bin (0 … bins − 1, of width 1 / bins), rfm_segment, customers: the churn score histogram. */
export function churnHistogramQuery(bins: number): Sql {
	return sql`SELECT least(floor(churn_score * ${bins}), ${bins - 1})::INTEGER AS bin,
			rfm_segment, count(*)::INTEGER AS customers
		FROM ${indicators} WHERE churn_score IS NOT NULL GROUP BY ALL ORDER BY ALL`;
}

/**
 * bin, low, high, customers, clv: CLV in `bins` bins of equal width from 0 to the 99th
 * percentile, and bin `bins` (low = the 99th percentile) for the tail above it — CLV has a long
 * tail that would squash the rest.
 */
export function clvHistogramQuery(bins: number): Sql {
	return sql`WITH top AS (
			SELECT greatest(quantile_cont(clv, 0.99), 1e-9) AS p99 FROM ${indicators} WHERE clv IS NOT NULL
		),
		binned AS (
			SELECT clv, p99,
				CASE WHEN clv > p99 THEN ${bins} ELSE least(floor(clv / p99 * ${bins}), ${bins - 1}) END::INTEGER AS bin
			FROM ${indicators}, top WHERE clv IS NOT NULL
		)
		SELECT bin, any_value(p99) / ${bins} * bin AS low,
			CASE WHEN bin = ${bins} THEN max(clv) ELSE any_value(p99) / ${bins} * (bin + 1) END AS high,
			count(*)::INTEGER AS customers, sum(clv) AS clv
		FROM binned GROUP BY bin ORDER BY bin`;
}

/** decile (1 = most likely to buy), customers, avg/min/max propensity, expected purchases. */
export function propensityDecilesQuery(): Sql {
	return sql`SELECT propensity_decile AS decile, count(*)::INTEGER AS customers,
			avg(propensity) AS avg_propensity, min(propensity) AS min_propensity,
			max(propensity) AS max_propensity, avg(expected_90d) AS avg_expected_90d
		FROM ${indicators} WHERE propensity_decile IS NOT NULL GROUP BY 1 ORDER BY 1`;
}
