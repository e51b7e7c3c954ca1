// The JavaScript readers for Parquet, JSON, NDJSON and Excel, without an engine: which format a
// file is, how values become text, and the messages for bad input (naming the file and line).
import type { FileMetaData } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { cellText } from '../../src/lib/core/sources/formats/cell-text';
import { detectFormat } from '../../src/lib/core/sources/formats/detect-format';
import { openReader, type RecordFormat } from '../../src/lib/core/sources/formats/open-reader';
import { unreadableCodecs } from '../../src/lib/core/sources/formats/parquet-reader';
import type { CellText } from '../../src/lib/core/sources/formats/record-batch';
import { buildXlsx } from '../support/xlsx-fixture';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('detecting the format', () => {
	it.each([
		['orders.parquet', Uint8Array.from([0x50, 0x41, 0x52, 0x31, 0x15, 0]), 'parquet'],
		['export.bin', Uint8Array.from([0x50, 0x41, 0x52, 0x31, 0x15, 0]), 'parquet'],
		['book.xlsx', Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0]), 'xlsx'],
		['download', buildXlsx([{ name: 'S', rows: [['a']] }]), 'xlsx'],
		['archive.zip', Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0]), null],
		['list.json', bytes('[{"a":1},{"a":2}]'), 'json'],
		['pretty.json', bytes('{\n  "data": [{"a": 1}]\n}\n'), 'json'],
		['lines.json', bytes('{"a":1}\n{"a":2}\n'), 'ndjson'],
		['lines.txt', bytes('{"a":1}\n'), 'ndjson'],
		['bom.jsonl', bytes('\ufeff{"a":1}\n'), 'ndjson'],
		['first-line-cut.ndjson', bytes('{"a":"'), 'ndjson'],
		['contacts.csv', bytes('id,name\n1,Zoë\n'), 'csv'],
		['sqlserver.csv', bytes('[id],[name]\n1,Zoë\n'), 'csv'],
		['orders.csv.gz', Uint8Array.from([0x1f, 0x8b, 8, 0]), 'csv'],
		['events.ndjson.gz', Uint8Array.from([0x1f, 0x8b, 8, 0]), null],
		['picture.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 0, 1, 2]), null],
		['empty.json', new Uint8Array(0), null]
	])('reads %s as %s', (name, content, format) => {
		expect(detectFormat(name, content, name !== 'first-line-cut.ndjson')).toBe(format);
	});
});

describe('values as text', () => {
	it.each([
		['a string', 'Zoë', 'Zoë'],
		['an integer', 42, '42'],
		['a decimal', 23.9, '23.9'],
		['a big integer', 12345678901234567890n, '12345678901234567890'],
		['true', true, 'true'],
		['a date at midnight', new Date(Date.UTC(2024, 0, 31)), '2024-01-31'],
		['a date and time', new Date(Date.UTC(2024, 0, 31, 9, 5, 7)), '2024-01-31T09:05:07'],
		['milliseconds', new Date(Date.UTC(2024, 0, 31, 9, 5, 7, 250)), '2024-01-31T09:05:07.250'],
		['an object', { a: 1, b: [true, null], c: 2n }, '{"a":1,"b":[true,null],"c":"2"}'],
		['a list', [1, 'x'], '[1,"x"]'],
		['a NUL character', 'a\u0000b', 'a\uFFFDb'],
		['null', null, null],
		['undefined', undefined, null]
	])('writes %s', (_label, value, text) => {
		expect(cellText(value)).toBe(text);
	});
});

async function readAll(format: RecordFormat, content: BlobPart, name: string) {
	const reader = await openReader(format, new Blob([content]), name);
	let columns: string[] = [];
	const rows: CellText[][] = [];
	for await (const batch of reader.batches()) {
		columns = batch.columns;
		rows.push(...batch.rows);
	}
	return { columns, rows, reader };
}

describe('reading NDJSON', () => {
	it('takes the union of the keys, skips blank lines, keeps nested values as JSON', async () => {
		const { columns, rows, reader } = await readAll(
			'ndjson',
			'{"id":1,"email":"a@x.fr"}\r\n\n{"id":2,"tags":["vip"],"address":{"city":"Lyon"}}\n{"email":null,"id":3}',
			'contacts.ndjson'
		);
		expect(columns).toEqual(['id', 'email', 'tags', 'address']);
		expect(rows).toEqual([
			['1', 'a@x.fr'],
			['2', null, '["vip"]', '{"city":"Lyon"}'],
			['3', null, null, null]
		]);
		expect(reader.warnings().join(' ')).toMatch(/'contacts\.ndjson' has records with different/);
	});

	it.each([
		['{"a":1}\n{"a":2}\n{"a":3,}\n', /'bad\.ndjson' line 3 is not valid JSON/],
		['{"a":1}\n\n[1,2]\n', /'bad\.ndjson' line 3 is not a JSON object/],
		['{"a":1}\n"text"\n', /'bad\.ndjson' line 2 is not a JSON object/]
	])('names the file and line of a bad record', async (content, message) => {
		await expect(readAll('ndjson', content, 'bad.ndjson')).rejects.toThrow(message);
	});

	it('reads the line number right across chunks of a large file', async () => {
		const good = '{"id":1,"note":"' + 'x'.repeat(100) + '"}\n';
		const content = good.repeat(30_000) + '{oops}\n';
		await expect(readAll('ndjson', content, 'big.ndjson')).rejects.toThrow(
			/'big\.ndjson' line 30001 is not valid JSON/
		);
	});

	it('gives repeated keys (letter case aside) their own columns', async () => {
		const { columns, reader } = await readAll('ndjson', '{"Email":"a","email":"b"}\n', 'c.ndjson');
		expect(columns).toEqual(['Email', 'email_1']);
		expect(reader.warnings().join(' ')).toMatch(/repeats field names/);
	});
});

describe('reading a JSON document', () => {
	it('reads a list of records, and a list under one key', async () => {
		const list = await readAll('json', '[{"a":1,"b":"x"},{"a":2.5}]', 'list.json');
		expect(list.columns).toEqual(['a', 'b']);
		expect(list.rows).toEqual([
			['1', 'x'],
			['2.5', null]
		]);
		const wrapped = await readAll('json', '{"count":1,"data":[{"a":1}]}', 'wrapped.json');
		expect(wrapped.rows).toEqual([['1']]);
		expect(wrapped.reader.note).toMatch(/under 'data'/);
	});

	it.each([
		['[{"a":1},\n{"a":2},\n{"a":}]', /'bad\.json' is not valid JSON( \(line 3\))?: /],
		['{"a":1}', /'bad\.json' does not hold a list of records/],
		['[{"a":1}, 7]', /'bad\.json': item 2 of the list is not an object/]
	])('refuses bad input with a clear message', async (content, message) => {
		await expect(readAll('json', content, 'bad.json')).rejects.toThrow(message);
	});
});

describe('reading an Excel workbook', () => {
	it('reads the first sheet with data, its first row as the header', async () => {
		const workbook = buildXlsx([
			{ name: 'Notes', rows: [] },
			{
				name: 'Customers',
				rows: [
					['id', 'name', '', 'name', 'born', 'optin', 'spent'],
					[1, 'Zoë', 'x', 'dup', new Date(Date.UTC(1990, 4, 17)), true, 23.9],
					[null, null, null, null, null, null, null],
					[2, '=HYPERLINK("http://x","y")', null, null, null, false, 1234567.5]
				]
			}
		]);
		const { columns, rows, reader } = await readAll('xlsx', workbook, 'crm.xlsx');
		expect(columns).toEqual(['id', 'name', 'column2', 'name_1', 'born', 'optin', 'spent']);
		expect(rows).toEqual([
			['1', 'Zoë', 'x', 'dup', '1990-05-17', 'true', '23.9'],
			['2', '=HYPERLINK("http://x","y")', null, null, null, 'false', '1234567.5']
		]);
		expect(reader.note).toBe(`Sheet 'Customers' (the workbook also has 'Notes').`);
		expect(reader.sheets).toEqual({ names: ['Notes', 'Customers'], chosen: 'Customers' });
		expect(reader.warnings().join(' ')).toMatch(/without a name.*repeats column names/s);
	});

	it.each([
		[
			buildXlsx([
				{ name: 'A', rows: [] },
				{ name: 'B', rows: [] }
			]),
			/'b\.xlsx' has no data in its sheets \(A, B\)/
		],
		[
			buildXlsx([{ name: 'Only', rows: [['id', 'email']] }]),
			/'b\.xlsx' has a header but no rows in sheet 'Only'/
		],
		[
			Uint8Array.from([0x50, 0x4b, 3, 4, 9, 9, 9, 9]),
			/'b\.xlsx' cannot be read as an Excel workbook/
		]
	])('refuses an unusable workbook with a clear message (%#)', async (content, message) => {
		await expect(readAll('xlsx', content, 'b.xlsx')).rejects.toThrow(message);
	});
});

describe('Parquet compression codecs', () => {
	const withCodecs = (...codecs: string[]) =>
		({
			row_groups: [{ columns: codecs.map((codec) => ({ meta_data: { codec } })) }]
		}) as unknown as FileMetaData;

	it.each([
		[['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'ZSTD', 'BROTLI', 'LZ4', 'LZ4_RAW'], []],
		[['ZSTD', 'LZO', 'LZO'], ['LZO']]
	])('of %j, cannot decode %j', (codecs, unreadable) => {
		expect(unreadableCodecs(withCodecs(...codecs))).toEqual(unreadable);
	});

	it('can decode every codec hyparquet-compressors decodes', async () => {
		const { compressors } = await import('hyparquet-compressors');
		expect(unreadableCodecs(withCodecs(...Object.keys(compressors)))).toEqual([]);
	});
});
