// The repeat-purchase summary the buy-till-you-die models read: per customer, frequency x (repeat
// purchase days), recency t_x (first to last purchase), age T (first purchase to the end of the
// calibration period) and monetary (mean spend of the repeat purchase days). Columns, not rows:
// a million customers are four Float64Arrays, which cross from the worker without copying.
import type { Table } from 'apache-arrow';

export type TimeUnit = 'days' | 'weeks';

/** Length of one time unit in days. */
export const DAYS_PER_UNIT: Record<TimeUnit, number> = { days: 1, weeks: 7 };

export interface RepeatSummary {
	frequency: Float64Array;
	recency: Float64Array;
	T: Float64Array;
	/** Mean spend of the repeat purchase days; 0 when frequency is 0. */
	monetary: Float64Array;
}

/** The summary with the customers it describes and, when known, what they did after it. */
export interface CustomerSummary extends RepeatSummary {
	customers: string[];
	/** Distinct purchase days after the calibration end, up to the holdout end. */
	holdoutFrequency?: Float64Array;
}

export function summarySize(summary: Pick<RepeatSummary, 'frequency'>): number {
	return summary.frequency.length;
}

/** A summary from plain arrays (tests, small data); monetary defaults to zeros. */
export function makeSummary(columns: {
	frequency: ArrayLike<number>;
	recency: ArrayLike<number>;
	T: ArrayLike<number>;
	monetary?: ArrayLike<number>;
}): RepeatSummary {
	const n = columns.frequency.length;
	if (columns.recency.length !== n || columns.T.length !== n) {
		throw new Error('frequency, recency and T must have one value per customer');
	}
	return {
		frequency: Float64Array.from(columns.frequency),
		recency: Float64Array.from(columns.recency),
		T: Float64Array.from(columns.T),
		monetary: columns.monetary ? Float64Array.from(columns.monetary) : new Float64Array(n)
	};
}

/** A numeric column of a result as doubles (NULL read as 0); an empty column when absent. */
export function numberColumn(table: Table, name: string): Float64Array {
	const column = table.getChild(name);
	const out = new Float64Array(table.numRows);
	if (!column) return out;
	let i = 0;
	for (const value of column) out[i++] = Number(value ?? 0);
	return out;
}

/** Reads the result of `repeatSummarySql` into columns. */
export function summaryFromTable(table: Table): CustomerSummary {
	const customer = table.getChild('customer');
	const customers: string[] = new Array(table.numRows);
	for (let i = 0; i < table.numRows; i++) customers[i] = String(customer?.get(i) ?? '');
	return {
		customers,
		frequency: numberColumn(table, 'frequency'),
		recency: numberColumn(table, 'recency'),
		T: numberColumn(table, 'T'),
		monetary: numberColumn(table, 'monetary'),
		holdoutFrequency: numberColumn(table, 'holdout_frequency')
	};
}
