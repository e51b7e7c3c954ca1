// How a date or number column of a raw table is to be read, decided by the profile core on the
// column itself: the date formats and day/month order inferType chooses (from the values that
// parse only one way), or the decimal separator. What the data say is kept beside what is used,
// so the page can show both when the user chose otherwise. The tricky point: an order chosen by
// hand, or a column too messy for inferType to call it dates, still needs formats; they are
// then read off the column's patterns with dateFormatOf, in the wanted order.
import type { Db } from '../db';
import { readColumn, withValueTable, type DateOrder, type DateTyping } from '../profile';
import { dateFormatsOf } from '../profile/date-formats';
import type { PatternRow } from '../profile/patterns';
import { typeEvidence } from '../profile/type-evidence';
import type { ColumnType } from '../profile/types';
import type { DecimalSeparator } from './types';

/** Share of values that must read as dates for the inferred typing to be used as it is. */
const THRESHOLD = 0.5;
const MAX_FORMATS = 8;

export interface DateDetection {
	/** The order the data give; null when no value reads as a date. */
	order: DateOrder | null;
	/** From values that parse one way only, from a year-first layout, or assumed. */
	decidedBy: 'data' | 'layout' | 'assumed';
	/** Values that parse day-first only, and month-first only. */
	evidence: { dayFirst: number; monthFirst: number };
}

export interface DateReadingPlan {
	typing: DateTyping;
	/** How the order was decided: from the data, assumed, or chosen by hand. */
	decidedBy: 'data' | 'assumed' | 'hand' | 'layout';
	detected: DateDetection;
}

export interface SeparatorDetection {
	separator: DecimalSeparator;
	decidedBy: 'data' | 'assumed';
	/** Values written with a decimal point, and with a decimal comma. */
	evidence: { point: number; comma: number };
}

export interface NumberReadingPlan {
	separator: DecimalSeparator;
	decidedBy: 'data' | 'assumed' | 'hand';
	detected: SeparatorDetection;
}

export type ColumnPlan =
	{ kind: 'date'; date: DateReadingPlan } | { kind: 'number'; number: NumberReadingPlan };

export interface PlanChoice {
	dateOrder?: DateOrder;
	decimalSeparator?: DecimalSeparator;
}

const NO_EVIDENCE = { dayFirst: 0, monthFirst: 0 };

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
		orderEvidence: { ...NO_EVIDENCE },
		dropsTimeZone: shares.some((s) => s.format.hasZone)
	};
}

/** The typing and order the data alone give. */
function detectDate(
	type: ColumnType,
	patterns: readonly PatternRow[]
): { typing: DateTyping; detected: DateDetection } {
	if (type.kind === 'date' || type.kind === 'timestamp') {
		const evidence = type.orderEvidence;
		const decidedBy =
			type.order === 'year-first'
				? 'layout'
				: evidence.dayFirst !== evidence.monthFirst
					? 'data'
					: 'assumed';
		return { typing: type, detected: { order: type.order, decidedBy, evidence } };
	}
	const typing = typingFromPatterns(patterns, 'day-first');
	if (typing.formats.length === 0) {
		return { typing, detected: { order: null, decidedBy: 'assumed', evidence: NO_EVIDENCE } };
	}
	const dayMonth = typing.formats.some((f) => f.startsWith('%d'));
	const order = dayMonth ? 'day-first' : 'year-first';
	return {
		typing: { ...typing, order },
		detected: { order, decidedBy: dayMonth ? 'assumed' : 'layout', evidence: NO_EVIDENCE }
	};
}

function planDate(
	type: ColumnType,
	patterns: readonly PatternRow[],
	order: DateOrder | undefined
): DateReadingPlan {
	const { typing, detected } = detectDate(type, patterns);
	if (order === undefined) return { typing, decidedBy: detected.decidedBy, detected };
	const chosen = typing.order === order ? typing : typingFromPatterns(patterns, order);
	return { typing: chosen, decidedBy: 'hand', detected };
}

/** The separator the data give: the inferred decimal type's, else the more frequent one. */
function detectSeparator(type: ColumnType, patterns: readonly PatternRow[]): SeparatorDetection {
	const found = typeEvidence(patterns);
	const evidence = { point: found.pointDecimal, comma: found.commaDecimal };
	if (type.kind === 'decimal') return { separator: type.separator, decidedBy: 'data', evidence };
	if (evidence.point !== evidence.comma) {
		return { separator: evidence.comma > evidence.point ? ',' : '.', decidedBy: 'data', evidence };
	}
	return { separator: '.', decidedBy: 'assumed', evidence };
}

/** Reads one raw column through the profile core and plans how the view parses it. */
export async function planColumn(
	db: Db,
	tableName: string,
	column: string,
	kind: 'date' | 'number',
	choice: PlanChoice = {}
): Promise<ColumnPlan> {
	return withValueTable(db, tableName, column, async (values) => {
		const { inference, patterns } = await readColumn(db, tableName, column, values, {
			threshold: THRESHOLD,
			preferDayFirst: true,
			seed: 1
		});
		if (kind === 'date') {
			return { kind, date: planDate(inference.type, patterns.rows, choice.dateOrder) };
		}
		const detected = detectSeparator(inference.type, patterns.rows);
		const separator = choice.decimalSeparator;
		return {
			kind,
			number: separator
				? { separator, decidedBy: 'hand', detected }
				: { separator: detected.separator, decidedBy: detected.decidedBy, detected }
		};
	});
}
