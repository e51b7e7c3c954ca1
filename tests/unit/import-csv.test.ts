// Importing delimited text on both engines: the sniffer's choices, encodings, compression, and
// a clear message naming the file for every kind of bad input — with nothing left behind.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { rowsOf, scalarOf } from '../../src/lib/core/sql/rows';
import { ident, sql } from '../../src/lib/core/sql/sql';
import { inspectBytes } from '../../src/lib/core/sources/encoding';
import { importCsv } from '../../src/lib/core/sources/import-csv';
import { sniffCsv } from '../../src/lib/core/sources/sniff';
import { engines } from '../support/engines';

const dir = mkdtempSync(join(tmpdir(), 'concord-import-'));
const file = (name: string, content: string | Uint8Array) => {
	const path = join(dir, name);
	writeFileSync(path, content);
	return path;
};
const latin1 = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));

const fixtures = {
	semicolon: file('crm.csv', 'Nom;Prénom;E-mail\nLefèvre;Hélène;h@x.fr\nMüller;François;f@y.de\n'),
	tab: file('tab.tsv', 'a\tb\n1\t2\n3\t4\n'),
	pipe: file('pipe.txt', 'a|b|c\n1|2|3\n'),
	bom: file('bom.csv', '\ufeffid,name\n1,Zoë\n'),
	latin: file('latin.csv', latin1('Nom;Ville\nLefèvre;Besançon\nNúñez;Orléans\n')),
	gzip: file('orders.csv.gz', gzipSync('order_id,amount\nA1,"23,90"\nA2,"5,00"\n')),
	quoted: file('quoted.csv', 'id,comment\n1,"He said ""hi"", then left"\n2,"multi\nline"\n'),
	headerOnly: file('header-only.csv', 'id,email\n'),
	ragged: file('ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n'),
	names: file('names.csv', 'id,,id,"sel""ect",😀\n1,2,3,4,5\n'),
	hostile: file(
		'hostile.csv',
		`id,value\n1,"=HYPERLINK(""http://x"",""y"")"\n2,<script>alert(1)</script>\n3,"'); DROP TABLE t; --"\n`
	)
};

describe('inspecting the first bytes', () => {
	it.each([
		['utf-8 text', 'a,b\né,1\n', 'utf-8'],
		['latin-1 text', latin1('a;b\né;1\n'), 'latin-1'],
		['windows-1252 text', Uint8Array.from([0x61, 0x3b, 0x80, 0x0a, 0xe9, 0x0a]), 'windows-1252']
	])('reads %s as %s', (_label, content, encoding) => {
		const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
		const shape = inspectBytes(bytes, true);
		expect(shape).toMatchObject({ kind: 'text', encoding: { encoding } });
	});

	it('sees a UTF-8 sample cut in the middle of a character as UTF-8', () => {
		const bytes = new TextEncoder().encode('name\nHélène\n');
		expect(inspectBytes(bytes.subarray(0, 8), false)).toMatchObject({
			encoding: { encoding: 'utf-8' }
		});
	});

	it.each([
		['gzip', [0x1f, 0x8b, 8, 0], 'gzip'],
		['xlsx (zip)', [0x50, 0x4b, 3, 4], 'zip'],
		['parquet', [0x50, 0x41, 0x52, 0x31], 'parquet'],
		['an image', [0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 0, 0, 0, 1, 2, 3], 'binary'],
		['nothing', [], 'empty']
	])('recognises %s', (_label, bytes, kind) => {
		expect(inspectBytes(Uint8Array.from(bytes), true).kind).toBe(kind);
	});
});

describe.each(engines)('CSV import on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
	});
	afterAll(() => db.close());

	let n = 0;
	const importFile = async (path: string, encoding: 'utf-8' | 'latin-1' = 'utf-8') => {
		const compression = path.endsWith('.gz') ? 'gzip' : 'none';
		const options = await sniffCsv(db, path, encoding, compression);
		return importCsv(db, {
			fileName: path,
			displayName: path.split('/').pop() ?? path,
			tableName: `t${n++}`,
			options
		});
	};

	it.each([
		['semicolon', fixtures.semicolon, ';', ['Nom', 'Prénom', 'E-mail'], 2],
		['tab', fixtures.tab, '\t', ['a', 'b'], 2],
		['pipe', fixtures.pipe, '|', ['a', 'b', 'c'], 1],
		['BOM', fixtures.bom, ',', ['id', 'name'], 1],
		['gzip', fixtures.gzip, ',', ['order_id', 'amount'], 2],
		['quoted', fixtures.quoted, ',', ['id', 'comment'], 2]
	])('sniffs and imports a %s file', async (_label, path, delimiter, columns, rows) => {
		const options = await sniffCsv(db, path, 'utf-8', path.endsWith('.gz') ? 'gzip' : 'none');
		expect(options.delimiter).toBe(delimiter);
		expect(options.header).toBe(true);
		const imported = await importFile(path);
		expect(imported.columns).toEqual(columns);
		expect(imported.rowCount).toBe(rows);
	});

	it('keeps every value as text, exactly as written', async () => {
		const imported = await importFile(fixtures.quoted);
		const rows = rowsOf(await db.query(sql`SELECT * FROM ${ident(imported.tableName)}`));
		expect(rows).toEqual([
			{ id: '1', comment: 'He said "hi", then left' },
			{ id: '2', comment: 'multi\nline' }
		]);
	});

	it('reads Latin-1 accents correctly', async () => {
		const imported = await importFile(fixtures.latin, 'latin-1');
		const names = rowsOf(
			await db.query(sql`SELECT "Nom", "Ville" FROM ${ident(imported.tableName)}`)
		);
		expect(names).toEqual([
			{ Nom: 'Lefèvre', Ville: 'Besançon' },
			{ Nom: 'Núñez', Ville: 'Orléans' }
		]);
	});

	it('keeps hostile cell values inert', async () => {
		const imported = await importFile(fixtures.hostile);
		const values = rowsOf(
			await db.query(sql`SELECT value FROM ${ident(imported.tableName)} ORDER BY id`)
		).map((r) => r.value);
		expect(values).toEqual([
			'=HYPERLINK("http://x","y")',
			'<script>alert(1)</script>',
			"'); DROP TABLE t; --"
		]);
	});

	it('names blank and repeated headers in a warning', async () => {
		const imported = await importFile(fixtures.names);
		expect(imported.columns).toHaveLength(5);
		expect(imported.columns).toContain('sel"ect');
		expect(imported.columns).toContain('😀');
		expect(imported.warnings.join(' ')).toMatch(/without a name/);
		expect(imported.warnings.join(' ')).toMatch(/repeats column names/);
	});

	it.each([
		['a header and no rows', fixtures.headerOnly, /header-only\.csv' has a header but no rows/],
		['ragged rows', fixtures.ragged, /ragged\.csv' has rows with a different number of values/],
		['a Latin-1 file read as UTF-8', fixtures.latin, /latin\.csv' is not in the text encoding/]
	])(
		'refuses %s with a message naming the file, and leaves nothing behind',
		async (_label, path, message) => {
			const before = Number(scalarOf(await db.query(sql`SELECT count(*) FROM duckdb_tables()`)));
			await db.exec(sql`BEGIN TRANSACTION`);
			await expect(
				(async () => {
					const options = {
						delimiter: path === fixtures.latin ? ';' : ',',
						quote: '"',
						escape: '"',
						header: true,
						skipRows: 0,
						encoding: 'utf-8' as const,
						compression: 'none' as const
					};
					return importCsv(db, {
						fileName: path,
						displayName: path.split('/').pop() ?? path,
						tableName: 'refused',
						options
					});
				})()
			).rejects.toThrow(message);
			await db.exec(sql`ROLLBACK`);
			expect(Number(scalarOf(await db.query(sql`SELECT count(*) FROM duckdb_tables()`)))).toBe(
				before
			);
		}
	);
});

// On its own engine: after a 10,000-column read, DuckDB's sniffer misreads the next small files
// of the same connection (seen on both engines; to investigate before wide files are common).
describe.each(engines)('a very wide CSV on $name DuckDB', (engine) => {
	it('imports a file with 10,000 columns', async () => {
		const db = await engine.open();
		try {
			const names = Array.from({ length: 10_000 }, (_, i) => `c${i}`);
			const path = file('wide.csv', `${names.join(',')}\n${names.map((_, i) => i).join(',')}\n`);
			const options = await sniffCsv(db, path, 'utf-8', 'none');
			const imported = await importCsv(db, {
				fileName: path,
				displayName: 'wide.csv',
				tableName: 'wide',
				options
			});
			expect(imported.columns).toHaveLength(10_000);
			expect(imported.rowCount).toBe(1);
			const [row] = rowsOf(await db.query(sql`SELECT "c9999" AS last FROM wide`));
			expect(row?.last).toBe('9999');
		} finally {
			db.close();
		}
	});
});
