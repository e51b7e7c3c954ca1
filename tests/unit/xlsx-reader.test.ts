// Excel workbooks read in JavaScript: choosing the sheet, dates and times as Excel means them
// (both date systems, to the millisecond), the cell shapes writers produce, and the pieces
// underneath — the streaming XML scanner and the zip directory. Workbooks are built in memory.
import { describe, expect, it } from 'vitest';
import type { CellText } from '../../src/lib/core/sources/formats/record-batch';
import { xlsxReader } from '../../src/lib/core/sources/formats/xlsx-reader';
import {
	isDateFormatCode,
	serialDateText,
	unescapeText
} from '../../src/lib/core/sources/formats/xlsx-values';
import { scanXml, XmlScanner } from '../../src/lib/core/sources/formats/xml-scanner';
import { buildXlsx, type FixtureOptions, type FixtureSheet } from '../support/xlsx-fixture';

async function readSheet(content: Uint8Array<ArrayBuffer>, sheet?: string, limit?: number) {
	const blob = new Blob([content]);
	const reader = await xlsxReader(blob, 'book.xlsx', sheet);
	let columns: string[] = [];
	let bytesRead = 0;
	const rows: CellText[][] = [];
	for await (const batch of reader.batches(limit)) {
		columns = batch.columns;
		bytesRead = batch.bytesRead;
		rows.push(...batch.rows);
	}
	return { reader, columns, rows, bytesRead, size: blob.size };
}

const utc = (...parts: [number, number, number, number?, number?, number?, number?]) =>
	new Date(Date.UTC(...parts));

const TWO_SHEETS: FixtureSheet[] = [
	{
		name: 'Customers',
		rows: [
			['id', 'email'],
			['C1', 'helene@example.fr']
		]
	},
	{
		name: 'Orders & returns',
		rows: [
			['order', 'customer', 'ordered at', 'amount'],
			['O1', 'C1', utc(2024, 0, 31, 10, 0, 59), 23.9],
			['O2', 'C1', utc(2024, 1, 29), 1234567.5]
		]
	}
];

describe('choosing the sheet of a workbook', () => {
	it.each<[string, FixtureOptions]>([
		['inline strings, deflated', {}],
		['shared strings, as Excel writes them', { sharedStrings: true }],
		['entries stored uncompressed', { stored: true }]
	])('lists the sheets and reads the one chosen (%s)', async (_label, options) => {
		const workbook = buildXlsx(TWO_SHEETS, options);
		const first = await readSheet(workbook);
		expect(first.reader.sheets).toEqual({
			names: ['Customers', 'Orders & returns'],
			chosen: 'Customers'
		});
		expect(first.rows).toEqual([['C1', 'helene@example.fr']]);

		const second = await readSheet(workbook, 'Orders & returns');
		expect(second.reader.sheets?.chosen).toBe('Orders & returns');
		expect(second.reader.note).toBe(
			`Sheet 'Orders & returns' (the workbook also has 'Customers').`
		);
		expect(second.columns).toEqual(['order', 'customer', 'ordered at', 'amount']);
		expect(second.rows).toEqual([
			['O1', 'C1', '2024-01-31T10:00:59', '23.9'],
			['O2', 'C1', '2024-02-29', '1234567.5']
		]);
	});

	it('refuses a sheet the workbook does not have, or one without data, naming it', async () => {
		const workbook = buildXlsx([{ name: 'Notes', rows: [] }, ...TWO_SHEETS]);
		await expect(readSheet(workbook, 'Returns')).rejects.toThrow(
			`'book.xlsx' has no sheet 'Returns' (its sheets: 'Notes', 'Customers', 'Orders & returns').`
		);
		// An empty sheet the user picks opens (its choice can be changed) but has nothing to read.
		const notes = await xlsxReader(new Blob([workbook]), 'book.xlsx', 'Notes');
		expect(notes.sheets?.names).toHaveLength(3);
		await expect(readSheet(workbook, 'Notes')).rejects.toThrow(
			/'book\.xlsx' has no data in sheet 'Notes'/
		);
	});

	it('reads the first rows of a large sheet for a preview, every row on import', async () => {
		const rows = Array.from({ length: 50_000 }, (_, i) => [i, `user${i}@example.com`, `Note ${i}`]);
		const workbook = buildXlsx([{ name: 'Big', rows: [['id', 'email', 'note'], ...rows] }]);
		const preview = await readSheet(workbook, undefined, 10);
		expect(preview.rows).toHaveLength(10);
		expect(preview.rows[9]).toEqual(['9', 'user9@example.com', 'Note 9']);
		const whole = await readSheet(workbook);
		expect(whole.rows).toHaveLength(50_000);
		expect(whole.rows[49_999]).toEqual(['49999', 'user49999@example.com', 'Note 49999']);
		expect(whole.bytesRead).toBeGreaterThan(whole.size * 0.9);
	});
});

describe('dates and times in a workbook', () => {
	const dates: [string, Date, string][] = [
		['a day', utc(1990, 4, 17), '1990-05-17'],
		['a leap day', utc(2024, 1, 29), '2024-02-29'],
		['a time to the second', utc(2024, 0, 31, 10, 0, 59), '2024-01-31T10:00:59'],
		['the last second of a day', utc(2024, 0, 31, 23, 59, 59), '2024-01-31T23:59:59'],
		['milliseconds', utc(2024, 0, 31, 9, 5, 7, 250), '2024-01-31T09:05:07.250'],
		['a day before 1970', utc(1955, 10, 5, 6, 30), '1955-11-05T06:30:00']
	];

	it.each([false, true])('reads every date as written (1904 date system: %s)', async (date1904) => {
		const workbook = buildXlsx(
			[{ name: 'S', rows: [['label', 'when'], ...dates.map(([label, date]) => [label, date])] }],
			{ date1904 }
		);
		const { rows } = await readSheet(workbook);
		expect(rows).toEqual(dates.map(([label, , text]) => [label, text]));
	});

	it('reads every second of a day exactly, not a millisecond early', async () => {
		const seconds = Array.from({ length: 86_400 }, (_, s) => utc(2024, 0, 31, 0, 0, s));
		const workbook = buildXlsx([{ name: 'S', rows: [['at'], ...seconds.map((d) => [d])] }]);
		const { rows } = await readSheet(workbook);
		// Midnight is the day alone.
		const expected = seconds.map((d, s) => (s === 0 ? '2024-01-31' : d.toISOString().slice(0, 19)));
		const wrong = rows.filter(([text], s) => text !== expected[s]);
		expect(wrong.slice(0, 3)).toEqual([]);
		expect(rows).toHaveLength(86_400);
	});

	it.each([
		['1', false, '1900-01-01'],
		['59', false, '1900-02-28'],
		['60', false, '60'],
		['61', false, '1900-03-01'],
		['45322', false, '2024-01-31'],
		['45322.416678240741', false, '2024-01-31T10:00:01'],
		['45322.41667824074', false, '2024-01-31T10:00:01'],
		['0.5', false, '12:00:00'],
		['0.4375', true, '10:30:00'],
		['1', true, '1904-01-02'],
		['43860', true, '2024-01-31'],
		['-1', false, '-1'],
		['2958465', false, '9999-12-31'],
		['2958466', false, '2958466'],
		['abc', false, 'abc']
	])('serial %s (1904 system: %s) reads %s', (serial, date1904, text) => {
		expect(serialDateText(serial, date1904)).toBe(text);
	});

	it.each([
		['yyyy-mm-dd', true],
		['dd/mm/yyyy\\ hh:mm:ss', true],
		['[$-409]mmmm d, yyyy;@', true],
		['h:mm AM/PM', true],
		['[h]:mm:ss', true],
		['mm:ss.0', true],
		['0.00', false],
		['#,##0 "days"', false],
		['[Red]0.00;[Blue]-0.00', false],
		['#,##0.00 [$€-40C]', false],
		['0.00E+00', false],
		['_-* #,##0_-', false],
		['@', false],
		['General', false]
	])('number format %s shows a date: %s', (code, isDate) => {
		expect(isDateFormatCode(code)).toBe(isDate);
	});
});

describe('the cell shapes writers produce', () => {
	it('reads rich text, formulas, errors, escapes and cells without a reference', async () => {
		const workbook = buildXlsx([
			{
				name: 'S',
				rows: [
					['name', 'total', 'check', 'note', 'next', 'wide'],
					[
						{
							xml: '<c r="$ref" t="inlineStr"><is><r><t>Zo</t></r><r><rPr><b/></rPr><t>ë</t></r><rPh sb="0" eb="1"><t>ゾエ</t></rPh></is></c>'
						},
						{ xml: '<c r="$ref" t="str"><f>A2&amp;"x"</f><v>Zoëx</v></c>' },
						{ xml: '<c r="$ref" t="e"><f>1/0</f><v>#DIV/0!</v></c>' },
						'line_x000D_break _x005F_x0041_',
						{ xml: '<c t="inlineStr"><is><t>no reference</t></is></c>' }
					],
					['a', 'b', null, null, null, null, 'wider than the header']
				]
			}
		]);
		const { rows, columns, reader } = await readSheet(workbook);
		expect(columns).toEqual(['name', 'total', 'check', 'note', 'next', 'wide', 'column6']);
		expect(rows).toEqual([
			// As wide as the header when it was read: a later, wider row cannot lengthen it.
			['Zoë', 'Zoëx', '#DIV/0!', 'line\rbreak _x0041_', 'no reference', null],
			['a', 'b', null, null, null, null, 'wider than the header']
		]);
		expect(reader.warnings().join(' ')).toMatch(/1 column\(s\) without a name: .*column6/);
	});

	it('undoes the _xHHHH_ escapes of the standard, an escaped underscore included', () => {
		expect(unescapeText('a_x0009_b_x005F_x0009_')).toBe('a\tb_x0009_');
	});
});

describe('the XML scanner', () => {
	const DOCUMENT = `<?xml version="1.0"?><x:sheet xmlns:x="urn:x"><!-- a > comment -->
<x:row r="1"><x:c r="A1" t="s" note='a > b'><x:v>&lt;Zoë &amp; &#233;&#x20AC;&gt;</x:v></x:c>
<x:c r="B1"/><x:c><![CDATA[<kept as is>]]></x:c></x:row></x:sheet>`;

	function events(push: (scanner: XmlScanner) => void): string[] {
		const seen: string[] = [];
		const scanner = new XmlScanner({
			open: (name, raw) => seen.push(`<${name}${raw}>`),
			close: (name) => seen.push(`</${name}>`),
			text: (text) => {
				// Text may come in several pieces (CDATA beside text): join neighbours.
				if (seen.at(-1)?.startsWith('"')) seen.push(`${seen.pop()!.slice(0, -1)}${text}"`);
				else seen.push(`"${text}"`);
			}
		});
		push(scanner);
		scanner.end();
		return seen.filter((event) => event.trim() !== '"\n"');
	}

	it('sees the same document however its text is cut', () => {
		const whole = events((scanner) => scanner.push(DOCUMENT));
		expect(whole).toEqual([
			'<sheet xmlns:x="urn:x">',
			'<row r="1">',
			`<c r="A1" t="s" note='a > b'>`,
			'<v>',
			'"<Zoë & é€>"',
			'</v>',
			'</c>',
			'<c r="B1">',
			'</c>',
			'<c>',
			'"<kept as is>"',
			'</c>',
			'</row>',
			'</sheet>'
		]);
		for (const size of [1, 2, 3, 7]) {
			const cut = events((scanner) => {
				for (let at = 0; at < DOCUMENT.length; at += size)
					scanner.push(DOCUMENT.slice(at, at + size));
			});
			expect(cut).toEqual(whole);
		}
	});

	it('says so when the document ends inside a tag', () => {
		expect(() => scanXml('<a><b attr="x', { open() {}, close() {}, text() {} })).toThrow(
			/ends inside a tag/
		);
	});
});

describe('damaged workbooks', () => {
	it.each([
		['cut in half', (book: Uint8Array<ArrayBuffer>) => book.subarray(0, book.length / 2)],
		[
			'with a damaged sheet',
			(book: Uint8Array<ArrayBuffer>) => {
				// Invalid deflate blocks right after the first sheet's local header and name.
				const at = Buffer.from(book).indexOf('xl/worksheets/sheet1.xml') + 24;
				return book.slice().fill(0xff, at, at + 16);
			}
		],
		['not a zip archive', () => new TextEncoder().encode('PK\u0003\u0004 not really')]
	])('refuses a workbook %s with a clear message', async (_label, damage) => {
		const book = damage(buildXlsx(TWO_SHEETS));
		await expect(readSheet(book)).rejects.toThrow(
			/'book\.xlsx' cannot be read as an Excel workbook/
		);
	});
});
