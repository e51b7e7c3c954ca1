// strptime formats read off example values: '25/12/2023 10:11' gives '%d/%m/%Y %H:%M' (and
// '%m/%d/%Y %H:%M' for the other order), '2023-12-25T10:11:12Z' gives '%Y-%m-%dT%H:%M:%S' with
// the zone dropped first, '19970101' gives '%Y%m%d'. One example stands for all the values of
// its pattern, which share their separators and field widths. The tricky point: a day/month
// example cannot say which order it is written in, so both formats are kept and the data
// decide later (a value that parses only one way proves that way).

export type DateLayout = 'year-first' | 'day-month' | 'compact';

export interface DateFormat {
	layout: DateLayout;
	/** The format reading the first two parts as day then month (or year-first/compact). */
	dayFirst: string;
	/** The same format read month then day; equal to dayFirst for the other layouts. */
	monthFirst: string;
	hasTime: boolean;
	hasZone: boolean;
}

const TIME = '(?:([ T])(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:([.,])(\\d+))?)?)?';
const YEAR_FIRST = new RegExp(
	`^(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})${TIME}(Z|[+-]\\d{2}:?\\d{2})?$`
);
const DAY_MONTH = new RegExp(`^(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4}|\\d{2})${TIME}$`);
const COMPACT = /^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;

/** The time part of a format from the TIME groups (separator, hour, minute, second, fraction). */
function timeFormat(groups: (string | undefined)[]): string {
	const [separator, hour, , second, fractionSeparator] = groups;
	if (separator === undefined || hour === undefined) return '';
	let format = `${separator}%H:%M`;
	if (second !== undefined) format += ':%S';
	if (fractionSeparator !== undefined) format += `${fractionSeparator}%f`;
	return format;
}

/** The format of one trimmed example value, or null when it is not a date this module reads. */
export function dateFormatOf(example: string): DateFormat | null {
	if (COMPACT.test(example)) {
		return {
			layout: 'compact',
			dayFirst: '%Y%m%d',
			monthFirst: '%Y%m%d',
			hasTime: false,
			hasZone: false
		};
	}
	const ymd = YEAR_FIRST.exec(example);
	if (ymd) {
		const separator = ymd[2] ?? '-';
		const time = timeFormat(ymd.slice(5, 10));
		const format = `%Y${separator}%m${separator}%d${time}`;
		return {
			layout: 'year-first',
			dayFirst: format,
			monthFirst: format,
			hasTime: time !== '',
			hasZone: ymd[11] !== undefined
		};
	}
	const dmy = DAY_MONTH.exec(example);
	if (dmy) {
		const separator = dmy[2] ?? '/';
		const year = (dmy[4] ?? '').length === 4 ? '%Y' : '%y';
		const time = timeFormat(dmy.slice(5, 10));
		const first = (a: string, b: string) => `${a}${separator}${b}${separator}${year}${time}`;
		return {
			layout: 'day-month',
			dayFirst: first('%d', '%m'),
			monthFirst: first('%m', '%d'),
			hasTime: time !== '',
			hasZone: false
		};
	}
	return null;
}

export interface DateFormatShare {
	format: DateFormat;
	/** Rows whose pattern gave this format. */
	count: number;
}

/** The date formats found among patterns, most frequent first, each once. */
export function dateFormatsOf(
	patterns: readonly { example: string; count: number }[]
): DateFormatShare[] {
	const byFormat = new Map<string, DateFormatShare>();
	for (const { example, count } of patterns) {
		const format = dateFormatOf(example);
		if (!format) continue;
		const known = byFormat.get(format.dayFirst);
		if (known) known.count += count;
		else byFormat.set(format.dayFirst, { format, count });
	}
	return [...byFormat.values()].sort((a, b) => b.count - a.count);
}
