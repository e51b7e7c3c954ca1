// Choosing a column's type: candidates are proposed by the evidence (patterns, yes/no words)
// from the most specific to the least — yes/no, date, whole number, decimal — and each is
// then read over every value; the first that at least `threshold` of the non-empty values
// conform to wins, text otherwise. The tricky point is the day/month order: it is decided
// from the data, by the values that parse only one way ('25/12/2023' proves day-first,
// '12/25/2023' month-first); when no value decides, the preferred order is assumed and the
// evidence (0 and 0) says so.
import type { Db } from '../db';
import type { DateFormatShare } from './date-formats';
import type { PatternRow } from './patterns';
import { MAX_BOOLEAN_VALUES, readBooleans, typeEvidence } from './type-evidence';
import { readDates, readNumbers, type DateReading, type DayMonthFormats } from './typed-values';
import type { ColumnType, DateOrder, DateTyping, ValueRange } from './types';
import type { ValueTable } from './value-table';

/** At most this many date formats are tried for one column. */
const MAX_DATE_FORMATS = 8;
/** Different values read to guess which day/month order to parse first. */
const ORDER_LOOK_VALUES = 2000;

function swapped(reading: DateReading): DateReading {
	return { dayFirst: reading.monthFirst, monthFirst: reading.dayFirst };
}

export interface TypeInput {
	filled: number;
	distinct: number;
	patterns: readonly PatternRow[];
	textRange: ValueRange | null;
}

export interface TypeOptions {
	/** Share of non-empty values that must read as a type for the column to get it. */
	threshold: number;
	preferDayFirst: boolean;
}

export interface TypeInference {
	type: ColumnType;
	conforming: number;
	range: ValueRange | null;
}

function chooseOrder(
	dayMonth: boolean,
	evidence: { dayFirst: number; monthFirst: number },
	preferDayFirst: boolean
): DateOrder {
	if (!dayMonth) return 'year-first';
	if (evidence.dayFirst !== evidence.monthFirst) {
		return evidence.dayFirst > evidence.monthFirst ? 'day-first' : 'month-first';
	}
	return preferDayFirst ? 'day-first' : 'month-first';
}

function dayMonthOf(used: readonly DateFormatShare[]): DayMonthFormats {
	const count = used.filter((s) => s.format.layout === 'day-month').length;
	if (count === 0) return 'none';
	return count === used.length ? 'all' : 'some';
}

async function inferDate(
	db: Db,
	values: ValueTable,
	shares: readonly DateFormatShare[],
	options: TypeOptions
): Promise<TypeInference> {
	const used = shares.slice(0, MAX_DATE_FORMATS);
	const total = used.reduce((sum, share) => sum + share.count, 0);
	const timed = used.filter((s) => s.format.hasTime).reduce((sum, s) => sum + s.count, 0);
	const withTime = timed * 2 >= total;
	const dropsTimeZone = used.some((s) => s.format.hasZone);
	const lists = {
		dayFirst: used.map((s) => s.format.dayFirst),
		monthFirst: used.map((s) => s.format.monthFirst)
	};
	const settings = {
		dropsTimeZone,
		withTime,
		plausibleYears: used.some((s) => s.format.layout === 'compact'),
		dayMonth: dayMonthOf(used)
	};
	// The full read parses one order and derives the other; parsing the likelier one first
	// halves the work on month-first files, so a quick look at a few values picks it.
	let monthFirstLikelier = false;
	if (settings.dayMonth !== 'none') {
		const look = await readDates(db, values, lists, { ...settings, limit: ORDER_LOOK_VALUES });
		monthFirstLikelier = look.monthFirst.only > look.dayFirst.only;
	}
	const reading = monthFirstLikelier
		? swapped(
				await readDates(
					db,
					values,
					{ dayFirst: lists.monthFirst, monthFirst: lists.dayFirst },
					settings
				)
			)
		: await readDates(db, values, lists, settings);
	const orderEvidence = { dayFirst: reading.dayFirst.only, monthFirst: reading.monthFirst.only };
	const dayMonth = used.some((s) => s.format.layout === 'day-month');
	const order = chooseOrder(dayMonth, orderEvidence, options.preferDayFirst);
	const side = order === 'month-first' ? reading.monthFirst : reading.dayFirst;
	const type: DateTyping = {
		kind: withTime ? 'timestamp' : 'date',
		formats: used.map((s) => (order === 'month-first' ? s.format.monthFirst : s.format.dayFirst)),
		order,
		orderEvidence,
		dropsTimeZone
	};
	const range: ValueRange | null =
		side.min !== null && side.max !== null ? { kind: 'date', min: side.min, max: side.max } : null;
	return { type, conforming: side.parsed, range };
}

async function inferNumber(
	db: Db,
	values: ValueTable,
	separator: '.' | ',' | null
): Promise<TypeInference> {
	const reading = await readNumbers(db, values, separator);
	const type: ColumnType =
		separator === null
			? { kind: 'integer', leadingZeros: reading.leadingZeros }
			: { kind: 'decimal', separator };
	const range: ValueRange | null =
		reading.min !== null && reading.max !== null
			? { kind: 'number', min: reading.min, max: reading.max }
			: null;
	return { type, conforming: reading.conforming, range };
}

/** The column's type, how many values conform to it, and its typed range. */
export async function inferType(
	db: Db,
	values: ValueTable,
	input: TypeInput,
	options: TypeOptions
): Promise<TypeInference> {
	const text: TypeInference = {
		type: { kind: 'text' },
		conforming: input.filled,
		range: input.textRange
	};
	if (input.filled === 0) return { type: { kind: 'empty' }, conforming: 0, range: null };
	const needed = options.threshold * input.filled;
	if (input.distinct <= MAX_BOOLEAN_VALUES) {
		const words = await readBooleans(db, values);
		if (words.words >= needed && (words.lettered > 0 || input.distinct <= 2)) {
			return { type: { kind: 'boolean' }, conforming: words.words, range: input.textRange };
		}
	}
	const evidence = typeEvidence(input.patterns);
	const dateRows = evidence.dates.reduce((sum, share) => sum + share.count, 0);
	const candidates: (() => Promise<TypeInference>)[] = [];
	if (dateRows >= needed) candidates.push(() => inferDate(db, values, evidence.dates, options));
	if (evidence.integer >= needed) candidates.push(() => inferNumber(db, values, null));
	const decimals: ['.' | ',', number][] = [
		['.', evidence.pointDecimal],
		[',', evidence.commaDecimal]
	];
	decimals.sort((a, b) => b[1] - a[1]);
	for (const [separator, rows] of decimals) {
		if (rows > 0 && rows + evidence.integer >= needed) {
			candidates.push(() => inferNumber(db, values, separator));
		}
	}
	for (const candidate of candidates) {
		const inference = await candidate();
		if (inference.conforming >= needed) return inference;
	}
	return text;
}
