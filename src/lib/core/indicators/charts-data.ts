// Everything the Indicators area's charts draw, read in one call after a build.
import type { Db } from '../db';
import { rowsOf } from '../sql/rows';
import {
	churnHistogramQuery,
	clvHistogramQuery,
	propensityDecilesQuery,
	rfmGridQuery,
	rfmSegmentsQuery
} from './queries';

/** Bins of the churn score histogram (each 0.05 wide). */
export const CHURN_BINS = 20;
/** Bins of the CLV histogram up to its 99th percentile. */
export const CLV_BINS = 20;

export interface RfmCell {
	r_score: number;
	f_score: number;
	rfm_segment: string;
	customers: number;
	revenue: number;
	avg_monetary: number;
}

export interface RfmSegmentRow {
	rfm_segment: string;
	customers: number;
	revenue: number;
	revenue_share: number | null;
	avg_recency_days: number;
	avg_frequency: number;
	avg_monetary: number;
	avg_churn_score: number | null;
	avg_clv: number | null;
}

export interface ChurnBin {
	bin: number;
	rfm_segment: string | null;
	customers: number;
}

export interface ClvBin {
	bin: number;
	low: number;
	high: number;
	customers: number;
	clv: number;
}

export interface PropensityDecile {
	decile: number;
	customers: number;
	avg_propensity: number;
	min_propensity: number;
	max_propensity: number;
	avg_expected_90d: number;
}

export interface IndicatorCharts {
	grid: RfmCell[];
	segments: RfmSegmentRow[];
	churn: ChurnBin[];
	churnBins: number;
	clv: ClvBin[];
	propensity: PropensityDecile[];
}

export async function indicatorCharts(db: Db): Promise<IndicatorCharts> {
	const read = async <T>(query: Parameters<Db['query']>[0]) =>
		rowsOf(await db.query(query)) as unknown as T[];
	return {
		grid: await read<RfmCell>(rfmGridQuery()),
		segments: await read<RfmSegmentRow>(rfmSegmentsQuery()),
		churn: await read<ChurnBin>(churnHistogramQuery(CHURN_BINS)),
		churnBins: CHURN_BINS,
		clv: await read<ClvBin>(clvHistogramQuery(CLV_BINS)),
		propensity: await read<PropensityDecile>(propensityDecilesQuery())
	};
}
