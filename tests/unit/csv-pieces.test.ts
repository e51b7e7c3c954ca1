// Reading delimited text piece by piece: where records end (quoted newlines, doubled and escaped
// quotes), where the file is cut, and — on both engines — that the pieces give exactly the table
// the whole file gives, fall back to the whole file on a wrong cut, and fail with its message.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { ident, sql } from '../../src/lib/core/sql/sql';
import type { CsvOptions } from '../../src/lib/core/sources/csv-options';
import {
	canCutIntoPieces,
	lastRecordEnd,
	PIECE_BYTES,
	pieceBounds,
	type PieceBounds
} from '../../src/lib/core/sources/csv-pieces';
import { importCsv, type CsvPiece } from '../../src/lib/core/sources/import-csv';
import { engines } from '../support/engines';

const dir = mkdtempSync(join(tmpdir(), 'concord-pieces-'));
async function* oneByOne<T>(items: T[]): AsyncGenerator<T> {
	yield* items;
}
const bytes = (text: string) => new TextEncoder().encode(text);

const OPTIONS: CsvOptions = {
	delimiter: ',',
	quote: '"',
	escape: '"',
	header: true,
	skipRows: 0,
	encoding: 'utf-8',
	compression: 'none'
};

describe('where records end', () => {
	it.each([
		['plain lines', 'a,b\n1,2\n3,4', '"', '"', 1, 8],
		['no line end', 'a,b', '"', '"', 1, -1],
		['CRLF line ends', 'a\r\nb\r\nc', '"', '"', 1, 6],
		['a newline inside quotes', 'a,"x\ny"\nz', '"', '"', 1, 8],
		['doubled quotes', 'a,"say ""hi\n"""\nz', '"', '"', 1, 16],
		['an escaped quote', 'a,"x\\"\ny"\nz', '"', '\\', 1, 10],
		['an escaped escape', 'a,"x\\\\"\ny', '"', '\\', 1, 8],
		['no quoting', 'a,"x\ny\n', '', '', 1, 7],
		['too few records', 'skip\nhead\n1', '"', '"', 3, -1],
		['enough records', 'skip\nhead\n1\n', '"', '"', 3, 12]
	])('%s', (_label, text, quote, escape, minRecords, end) => {
		expect(lastRecordEnd(bytes(text), quote, escape, minRecords)).toBe(end);
	});

	it.each([
		[OPTIONS, true],
		[{ ...OPTIONS, compression: 'gzip' as const }, false],
		[{ ...OPTIONS, encoding: 'utf-16' as const }, false],
		[{ ...OPTIONS, encoding: 'latin-1' as const, delimiter: ';' }, true],
		[{ ...OPTIONS, quote: '«' }, false]
	])('cuts %o into pieces: %s', (options, expected) => {
		expect(canCutIntoPieces(options, 100 * 1024 * 1024)).toBe(expected);
	});

	it('reads a file of one piece and a quarter or less whole', () => {
		expect(canCutIntoPieces(OPTIONS, PIECE_BYTES * 1.25)).toBe(false);
		expect(canCutIntoPieces(OPTIONS, PIECE_BYTES * 1.25 + 1)).toBe(true);
	});
});

/** Every 10th value spans two lines and holds a doubled quote; the header repeats a name. */
function trickyCsv(rows: number): string {
	const lines = ['id,name,id,note'];
	for (let i = 0; i < rows; i++) {
		const note = i % 10 === 0 ? `"line one\r\nsaid ""${i}"", then left"` : `plain ${i}`;
		lines.push(`${i},Name ${i % 7},${i * 3},${note}`);
	}
	return lines.join('\r\n');
}

async function bounds(text: Uint8Array, options: CsvOptions, pieceBytes: number) {
	const read = async (start: number, end: number) => text.subarray(start, end);
	const found: PieceBounds[] = [];
	for await (const piece of pieceBounds(text.length, read, options, pieceBytes)) found.push(piece);
	return found;
}

describe('cutting a file into pieces', () => {
	const text = bytes(trickyCsv(200));

	it('covers the file with pieces that end where records end', async () => {
		const pieces = await bounds(text, OPTIONS, 256);
		expect(pieces.length).toBeGreaterThan(10);
		expect(pieces[0]?.start).toBe(0);
		expect(pieces.at(-1)?.end).toBe(text.length);
		for (const [i, piece] of pieces.entries()) {
			if (i > 0) expect(piece.start).toBe(pieces[i - 1]?.end);
			if (i < pieces.length - 1) expect(text[piece.end - 1]).toBe(0x0a);
		}
	});

	it('keeps a short remainder with the piece before it', async () => {
		const pieces = await bounds(text, OPTIONS, 256);
		const last = pieces.at(-1);
		expect(last && last.end - last.start).toBeGreaterThanOrEqual(256 / 4);
	});

	it('reads a file smaller than a piece and a quarter as one piece', async () => {
		expect(await bounds(text, OPTIONS, text.length)).toEqual([{ start: 0, end: text.length }]);
	});

	it('keeps the skipped rows, the header and a record in the first piece', async () => {
		const skipped = bytes(`title\nexported today\n${trickyCsv(200)}`);
		const pieces = await bounds(skipped, { ...OPTIONS, skipRows: 2 }, 128);
		expect(pieces.length).toBeGreaterThan(10);
		const first = new TextDecoder().decode(skipped.subarray(0, pieces[0]?.end));
		expect(first).toMatch(/^title\nexported today\nid,name,id,note\r\n0,Name 0,0,"line one/);
		expect(first.endsWith('\r\n')).toBe(true);
	});
});

describe.each(engines)('importing in pieces on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
	});
	afterAll(() => db.close());

	let n = 0;
	/** The file as DuckDB reads it whole, and as pieces written beside it. */
	function prepare(name: string, text: string, cuts: PieceBounds[]) {
		const content = bytes(text);
		const path = join(dir, `${engine.name}-${name}`);
		writeFileSync(path, content);
		const pieces: CsvPiece[] = cuts.map(({ start, end }, i) => {
			const piecePath = `${path}.${i}`;
			writeFileSync(piecePath, content.subarray(start, end));
			return { fileName: piecePath, end };
		});
		return { path, pieces };
	}

	async function imported(path: string, options: CsvOptions, pieces?: CsvPiece[]) {
		const reported: number[] = [];
		const table = await importCsv(db, {
			fileName: path,
			displayName: 'customers.csv',
			tableName: `t${n++}`,
			options,
			pieces: pieces && oneByOne(pieces),
			onRead: (bytesRead) => reported.push(bytesRead)
		});
		const rows = rowsOf(await db.query(sql`SELECT * FROM ${ident(table.tableName)}`));
		return { table, rows, reported };
	}

	it.each([
		['with a header', OPTIONS, '', 300],
		['after skipped rows', { ...OPTIONS, skipRows: 2 }, 'title\r\nexported today\r\n', 300],
		['without a header', { ...OPTIONS, header: false }, '', 301]
	])('gives the table the whole file gives, %s', async (_label, options, before, rowCount) => {
		const text = before + trickyCsv(300);
		const { path, pieces } = prepare(
			`tricky-${n}.csv`,
			text,
			await bounds(bytes(text), options, 200)
		);
		expect(pieces.length).toBeGreaterThan(20);
		const whole = await imported(path, options);
		const inPieces = await imported(path, options, pieces);
		expect(inPieces.table.columns).toEqual(whole.table.columns);
		expect(inPieces.table.warnings).toEqual(whole.table.warnings);
		expect(inPieces.rows).toEqual(whole.rows);
		expect(inPieces.rows).toHaveLength(rowCount);
		expect(inPieces.reported).toEqual(pieces.map((piece) => piece.end));
	});

	it('reads the file whole when a piece is cut inside a quoted value', async () => {
		const text = trickyCsv(50);
		const inside = text.indexOf('line one\r\n') + 'line one\r\n'.length;
		const { path, pieces } = prepare('wrong-cut.csv', text, [
			{ start: 0, end: inside },
			{ start: inside, end: text.length }
		]);
		const whole = await imported(path, OPTIONS);
		const inPieces = await imported(path, OPTIONS, pieces);
		expect(inPieces.reported).toEqual([]);
		expect(inPieces.rows).toEqual(whole.rows);
	});

	it('fails with the message and line of the whole file', async () => {
		const text = `${trickyCsv(100)}\r\n1,2,3,4,5\r\n${trickyCsv(100).split('\r\n').slice(1).join('\r\n')}`;
		const { path, pieces } = prepare('ragged.csv', text, await bounds(bytes(text), OPTIONS, 200));
		const whole = imported(path, OPTIONS);
		await expect(whole).rejects.toThrow(/different number of values/);
		const message = await whole.catch((error: Error) => error.message);
		await expect(imported(path, OPTIONS, pieces)).rejects.toThrow(message);
	});
});
