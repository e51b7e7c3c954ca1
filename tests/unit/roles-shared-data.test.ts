// The reference files in ../shared/data, read as the app reads any file (every value as text),
// must get their roles without help: FEBRL and Splink's fake_1000 by header and values, CDNOW
// (no header at all) by its values alone. Run on native DuckDB and on the wasm build.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { suggestMapping, type ColumnSuggestion } from '../../src/lib/core/roles/auto-map';
import { suggestKind } from '../../src/lib/core/roles/suggest-kind';
import { profileValues } from '../../src/lib/core/roles/value-detect';
import type { RoleId, SourceKind } from '../../src/lib/core/roles/vocabulary';
import { ident, sql, type Sql } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

const dataFile = (path: string) =>
	fileURLToPath(new URL(`../../../shared/data/${path}`, import.meta.url));

interface SharedFile {
	table: string;
	kind: SourceKind;
	load: Sql;
	roles: Record<string, RoleId>;
}

const FILES: SharedFile[] = [
	{
		table: 'febrl_dataset1',
		kind: 'profile',
		load: sql`SELECT * FROM read_csv(${dataFile('febrl/dataset1.csv')}, all_varchar = true, header = true, delim = ', ')`,
		roles: {
			rec_id: 'record_key',
			given_name: 'first_name',
			surname: 'last_name',
			street_number: 'house_number',
			address_1: 'street',
			address_2: 'address_line2',
			suburb: 'city',
			postcode: 'postcode',
			state: 'region',
			date_of_birth: 'birth_date',
			soc_sec_id: 'national_id'
		}
	},
	{
		table: 'splink_fake_1000',
		kind: 'profile',
		load: sql`SELECT * FROM read_csv(${dataFile('splink/fake_1000.csv')}, all_varchar = true, header = true)`,
		roles: {
			unique_id: 'record_key',
			first_name: 'first_name',
			surname: 'last_name',
			dob: 'birth_date',
			city: 'city',
			email: 'email',
			cluster: 'custom'
		}
	},
	{
		// No header, fields separated by runs of spaces: each line is split in SQL.
		table: 'cdnow_sample',
		kind: 'event',
		load: sql`WITH lines AS (
				SELECT regexp_split_to_array(trim(line), '\\s+') AS f
				FROM read_csv(${dataFile('cdnow/CDNOW_sample.txt')}, header = false, delim = '|', quote = '',
					columns = {'line': 'VARCHAR'})
			)
			SELECT f[1] AS column0, f[2] AS column1, f[3] AS column2, f[4] AS column3, f[5] AS column4
			FROM lines`,
		roles: {
			column0: 'record_key',
			column1: 'custom',
			column2: 'event_time',
			column3: 'quantity',
			column4: 'amount'
		}
	}
];

async function suggestionsFor(
	db: Db,
	file: SharedFile,
	kind: SourceKind
): Promise<ColumnSuggestion[]> {
	const values = await profileValues(db, file.table);
	return suggestMapping({
		kind,
		columns: values.map((v) => ({ name: v.column, values: v.profile }))
	});
}

describe.each(engines)('roles of the shared reference files on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
		for (const file of FILES) await db.exec(sql`CREATE TABLE ${ident(file.table)} AS ${file.load}`);
	});
	afterAll(() => db.close());

	it.each(FILES)('$table: every column gets its role without help', async (file) => {
		const suggestions = await suggestionsFor(db, file, file.kind);
		const roles = Object.fromEntries(suggestions.map((s) => [s.column, s.role]));
		expect(roles).toEqual(file.roles);
		for (const s of suggestions) expect(s.reasons.length).toBeGreaterThan(0);
	});

	it.each(FILES)('$table: the source kind is suggested', async (file) => {
		const values = await profileValues(db, file.table);
		const kind = suggestKind(values.map((v) => ({ name: v.column, values: v.profile })));
		expect(kind.kind).toBe(file.kind);
		expect(kind.reason).not.toBe('');
	});

	it('CDNOW: values alone find the date and the dollar value, with reasons about values', async () => {
		const [cdnow] = FILES.filter((f) => f.table === 'cdnow_sample');
		const suggestions = await suggestionsFor(db, cdnow!, 'event');
		const date = suggestions.find((s) => s.column === 'column2');
		expect(date?.reasons[0]).toMatch(/100% of values look like dates/);
		const amount = suggestions.find((s) => s.column === 'column4');
		expect(amount?.reasons[0]).toMatch(/of values look like amounts/);
	});

	it('Splink: the ground-truth cluster is not taken for an identity role', async () => {
		const [splink] = FILES.filter((f) => f.table === 'splink_fake_1000');
		const cluster = (await suggestionsFor(db, splink!, 'profile')).find(
			(s) => s.column === 'cluster'
		);
		expect(cluster?.role).toBe('custom');
	});
});
