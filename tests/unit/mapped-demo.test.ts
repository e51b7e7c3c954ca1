// The mapped view of the demo's CRM export on both engines, against the demo's ground truth:
// birth dates read in the order the data decide, e-mails in their one spelling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { DEMO_SOURCES, generateDemo } from '../../src/lib/core/demo';
import { buildMappedView, type MappedView } from '../../src/lib/core/mapped';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { ident, sql } from '../../src/lib/core/sql/sql';
import { ensureCatalog, loadMapping } from '../../src/lib/core/workspace/catalog';
import { saveSuggestedMapping } from '../../src/lib/core/workspace/suggested-mapping';
import { engines } from '../support/engines';

const crm = DEMO_SOURCES.find((s) => s.table === 'cc_raw_crm_contacts');
if (!crm) throw new Error('The demo has no CRM export');
const sourceId = `demo:${crm.table}`;

describe.each(engines)('mapped demo CRM on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	let mapped: MappedView;
	let emailColumn: string;
	let birthColumn: string;
	beforeAll(async () => {
		db = await engine.open();
		await ensureCatalog(db);
		await generateDemo(db, { persons: 1000 });
		await saveSuggestedMapping(db, sourceId, crm.table, crm.kind);
		const columns = await loadMapping(db, sourceId);
		const columnOf = (role: string) => columns.find((c) => c.role === role)?.column ?? '';
		emailColumn = columnOf('email');
		birthColumn = columnOf('birth_date');
		mapped = await buildMappedView(db, {
			sourceId,
			tableName: crm.table,
			kind: crm.kind,
			columns
		});
	}, 120_000);
	afterAll(() => db.close());

	it('keys records by the CRM id and reads birth dates day-first', () => {
		expect(mapped.view).toBe('cc_map_crm_contacts');
		expect(mapped.columns.find((c) => c.name === 'record_id')?.sourceColumn).toBe(crm.keyColumn);
		expect(mapped.columns.find((c) => c.name === 'birth_date')?.type).toBe('date');
		expect(mapped.notes.some((n) => /^Birth date: dates read day-first \(\d+ values/.test(n))).toBe(
			true
		);
	});

	it('gives the true birth date for most filled raw birth dates', async () => {
		const [row] = rowsOf(
			await db.query(sql`SELECT count(*) AS filled,
					count(*) FILTER (WHERE m.birth_date = p.birth_date::DATE) AS equal
				FROM ${ident(mapped.view)} m
				JOIN ${ident(crm.table)} r ON m.record_id = ${sourceId} || ':' || trim(r.${ident(crm.keyColumn)})
				JOIN cc_demo_record t ON t.source = ${crm.table} AND t.record_key = trim(r.${ident(crm.keyColumn)})
				JOIN cc_demo_person p ON p.person_id = t.person_id
				WHERE trim(r.${ident(birthColumn)}) <> '' AND p.birth_date IS NOT NULL`)
		);
		const filled = Number(row?.filled);
		expect(filled).toBeGreaterThan(500);
		expect(Number(row?.equal) / filled).toBeGreaterThan(0.9);
	});

	it('gives each e-mail as the raw value trimmed and in lower case', async () => {
		const [row] = rowsOf(
			await db.query(sql`SELECT count(*) AS n,
					count(*) FILTER (WHERE m.email IS NOT DISTINCT FROM
						nullif(lower(trim(r.${ident(emailColumn)})), '')) AS same
				FROM ${ident(mapped.view)} m
				JOIN ${ident(crm.table)} r ON m.record_id = ${sourceId} || ':' || trim(r.${ident(crm.keyColumn)})`)
		);
		const raw = rowsOf(await db.query(sql`SELECT count(*) AS n FROM ${ident(crm.table)}`));
		expect(Number(row?.n)).toBeGreaterThan(500);
		expect(row?.n).toBe(raw[0]?.n);
		expect(row?.same).toBe(row?.n);
	});
});
