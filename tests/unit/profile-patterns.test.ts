// The two pure readings behind the profile, without an engine: a value's pattern (letter
// runs collapsed, digits kept one by one, everything else kept) and the strptime format read
// off an example date (both orders kept for day/month values).
import { describe, expect, it } from 'vitest';
import { dateFormatOf } from '../../src/lib/core/profile/date-formats';
import { patternOf } from '../../src/lib/core/profile/patterns';

// prettier-ignore
const PATTERNS: [string, string][] = [
	['Marie', 'Aa'],
	['DUPONT', 'A'],
	['jean-pierre', 'a-a'],
	['McDonald', 'AaAa'],
	['Hélène', 'Aa'],
	['Øst Ðorđe', 'Aa Aa'],
	['75001', '99999'],
	['06 12 34 56 78', '99 99 99 99 99'],
	['+33 6 12 34 56 78', '+99 9 99 99 99 99'],
	['CLI0000123', 'A9999999'],
	['marie.dupont@orange.fr', 'a.a@a.a'],
	['12,50 €', '99,99 €'],
	['2023-12-25T10:11:12Z', '9999-99-99A99:99:99A'],
	['北京', 'a'],
	['😀 ok', '😀 a'],
	['=SUM(A1)', '=A(A9)'],
	['<b>x</b>', '<a>a</a>'],
	['x'.repeat(61), 'a…'],
	['1'.repeat(60), '9'.repeat(60)]
];

describe('value patterns', () => {
	it.each(PATTERNS)('%s → %s', (value, pattern) => {
		expect(patternOf(value)).toBe(pattern);
	});
});

type FormatCase = [string, { layout: string; dayFirst: string; monthFirst: string } | null];

// prettier-ignore
const FORMATS: FormatCase[] = [
	['25/12/2023', { layout: 'day-month', dayFirst: '%d/%m/%Y', monthFirst: '%m/%d/%Y' }],
	['1.2.23', { layout: 'day-month', dayFirst: '%d.%m.%y', monthFirst: '%m.%d.%y' }],
	['25-12-2023 10:11', { layout: 'day-month', dayFirst: '%d-%m-%Y %H:%M', monthFirst: '%m-%d-%Y %H:%M' }],
	['12/31/2023 10:11:12', { layout: 'day-month', dayFirst: '%d/%m/%Y %H:%M:%S', monthFirst: '%m/%d/%Y %H:%M:%S' }],
	['2023-12-25', { layout: 'year-first', dayFirst: '%Y-%m-%d', monthFirst: '%Y-%m-%d' }],
	['2023/1/2', { layout: 'year-first', dayFirst: '%Y/%m/%d', monthFirst: '%Y/%m/%d' }],
	['2023-12-25T10:11:12.123+01:00', { layout: 'year-first', dayFirst: '%Y-%m-%dT%H:%M:%S.%f', monthFirst: '%Y-%m-%dT%H:%M:%S.%f' }],
	['19970101', { layout: 'compact', dayFirst: '%Y%m%d', monthFirst: '%Y%m%d' }],
	['12345678', null],
	['2023-12', null],
	['25/12', null],
	['25/12/2023/1', null],
	['le 25/12/2023', null]
];

describe('date formats read off an example', () => {
	it.each(FORMATS)('%s', (example, expected) => {
		const format = dateFormatOf(example);
		if (expected === null) expect(format).toBeNull();
		else expect(format).toMatchObject(expected);
	});

	it('notes a time zone that will be dropped, and a time', () => {
		expect(dateFormatOf('2023-12-25T10:11:12Z')).toMatchObject({ hasZone: true, hasTime: true });
		expect(dateFormatOf('2023-12-25')).toMatchObject({ hasZone: false, hasTime: false });
	});
});
