// The engine contract: what the core relies on behaves the same on native DuckDB and on the
// wasm build. A difference between hosts fails here before it shows up as a wrong indicator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { rowsOf, scalarOf } from '../../src/lib/core/sql/rows';
import { ident, sql } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

describe.each(engines)('engine contract on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
	});
	afterAll(() => db.close());

	it('reports DuckDB v1.4.3 on every host', async () => {
		expect(scalarOf(await db.query(sql`SELECT version()`))).toBe('v1.4.3');
	});

	it('returns BIGINT, DECIMAL and DOUBLE as JS numbers and timestamps as epoch ms', async () => {
		const [row] = rowsOf(
			await db.query(
				sql`SELECT 42::BIGINT AS n, 12.34::DECIMAL(10,2) AS d, 0.5::DOUBLE AS f,
				TIMESTAMP '2024-03-01 12:00:00' AS ts, 'é' AS t, NULL::VARCHAR AS missing, true AS b`
			)
		);
		expect(row).toEqual({
			n: 42,
			d: 12.34,
			f: 0.5,
			ts: Date.UTC(2024, 2, 1, 12),
			t: 'é',
			missing: null,
			b: true
		});
	});

	it('keeps hostile text inert when it is escaped as a value or quoted as a name', async () => {
		const hostile = `x'); DROP TABLE t; --"`;
		await db.exec(sql`CREATE OR REPLACE TABLE ${ident(hostile)} (${ident(hostile)} VARCHAR)`);
		await db.exec(sql`INSERT INTO ${ident(hostile)} VALUES (${hostile})`);
		const rows = rowsOf(await db.query(sql`SELECT * FROM ${ident(hostile)}`));
		expect(rows).toEqual([{ [hostile]: hostile }]);
	});

	it('has the string functions the core uses, with the same results', async () => {
		const [row] = rowsOf(
			await db.query(sql`SELECT strip_accents('Hélène Lefèvre') AS plain,
				round(jaro_winkler_similarity('martha', 'marhta'), 4) AS jw,
				levenshtein('kitten', 'sitting') AS lev,
				regexp_matches('a@b.fr', '^[^@]+@[^@]+\.[a-z]+$') AS is_email,
				hash('concord', 1) % 1000 AS h`)
		);
		expect(row).toMatchObject({ plain: 'Helene Lefevre', jw: 0.9611, lev: 3, is_email: true });
		expect(typeof row?.h).toBe('number');
	});

	it.runIf(engine.name === 'wasm')(
		'fails fast with a clear error instead of downloading a missing extension',
		async () => {
			await expect(db.query(sql`SELECT * FROM read_parquet('missing.parquet')`)).rejects.toThrow(
				/parquet|extension/i
			);
		}
	);
});
