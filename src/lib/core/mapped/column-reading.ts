// How a date or number column of a raw table is to be read, decided by the profile core on the
// column itself: the date formats and day/month order inferType chooses (from the values that
// parse only one way), or the decimal separator. The tricky point: an order chosen by hand, or
// a column too messy for inferType to call it dates, still needs formats; they are then read
// off the column's patterns with dateFormatOf, in the wanted order.
import type { Db } from '../db';
import { readColumn, withValueTable, type DateOrder, type DateTyping } from '../profile';
import { dateFormatsOf } from '../profile/date-formats';
import type { PatternRow } from '../profile/patterns';

/** Share of values that must read as dates for the inferred typing to be used as it is. */
const THRESHOLD = 0.5;
const MAX_FORMATS = 8;

export interface DateReadingPlan {
	typing: DateTyping;
	/** How the order was decided: from the data, assumed, or chosen by hand. */
	decidedBy: 'data' | 'assumed' | 'hand' | 'layout';
}

export interface ColumnPlan {
	date: DateReadingPlan | null;
	/** The decimal separator the column's numbers are written with, when it has one. */
	separator: '.' | ',';
}

function formatsOf(patterns: readonly PatternRow[]) {
	return dateFormatsOf(patterns).slice(0, MAX_FORMATS);
}

/** A typing built from the patterns for a given order (hand-chosen or assumed). */
function typingFromPatterns(patterns: readonly PatternRow[], order: DateOrder): DateTyping {
	let shares = formatsOf(patterns);
	if (order === 'year-first') shares = shares.filter((s) => s.format.layout !== 'day-month');
	const total = shares.reduce((sum, s) => sum + s.count, 0);
	const timed = shares.filter((s) => s.format.hasTime).reduce((sum, s) => sum + s.count, 0);
	return {
		kind: total > 0 && timed * 2 >= total ? 'timestamp' : 'date',
		formats: shares.map((s) => (order === 'month-first' ? s.format.monthFirst : s.format.dayFirst)),
		order,
		orderEvidence: { dayFirst: 0, monthFirst: 0 },
		dropsTimeZone: shares.some((s) => s.format.hasZone)
	};
}

/** Reads one raw column through the profile core and plans how the view parses it. */
export async function planColumn(
	db: Db,
	tableName: string,
	column: string,
	wantDate: boolean,
	order: DateOrder | undefined
): Promise<ColumnPlan> {
	return withValueTable(db, tableName, column, async (values) => {
		const { inference, patterns } = await readColumn(db, tableName, column, values, {
			threshold: THRESHOLD,
			preferDayFirst: true,
			seed: 1
		});
		const type = inference.type;
		const separator = type.kind === 'decimal' ? type.separator : '.';
		if (!wantDate) return { date: null, separator };
		const inferred = type.kind === 'date' || type.kind === 'timestamp' ? type : null;
		if (order !== undefined && (inferred === null || inferred.order !== order)) {
			return {
				date: { typing: typingFromPatterns(patterns.rows, order), decidedBy: 'hand' },
				separator
			};
		}
		if (inferred) {
			const evidence = inferred.orderEvidence;
			const decidedBy =
				inferred.order === 'year-first'
					? 'layout'
					: evidence.dayFirst !== evidence.monthFirst
						? 'data'
						: 'assumed';
			return { date: { typing: inferred, decidedBy: order ? 'hand' : decidedBy }, separator };
		}
		const typing = typingFromPatterns(patterns.rows, 'day-first');
		const dayMonth = typing.formats.some((f) => f.startsWith('%d'));
		return {
			date: {
				typing: dayMonth ? typing : { ...typing, order: 'year-first' },
				decidedBy: 'assumed'
			},
			separator
		};
	});
}
