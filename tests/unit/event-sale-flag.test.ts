// The sale flag of the event table: a purchase line is a sale unless its type says it was
// cancelled or refunded, and an event table saved before the flag was kept gets it, on both
// engines; the same flag as the one read from the types when it is not kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import {
	addSaleColumn,
	createEventTable,
	lacksSaleColumn,
	saleOf
} from '../../src/lib/core/customer360/events';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { sql } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

const EVENTS = [
	['purchase', 'order', true],
	['purchase', 'ANNULÉE', false],
	['purchase', 'Refund', false],
	['purchase', null, true],
	['web', 'visit', false],
	['email', 'open', false]
] as const;

describe.each(engines)('event sale flag ($name)', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
	});
	afterAll(() => db.close());

	const flags = async () =>
		rowsOf(
			await db.query(sql`SELECT kind, event_type, sale FROM cc_event ORDER BY source_row`)
		).map((r) => [r.kind, r.event_type, r.sale]);

	it('has no event table to upgrade before the 360° view, and none when the table has the flag', async () => {
		expect(await lacksSaleColumn(db)).toBe(false);
		await createEventTable(db);
		expect(await lacksSaleColumn(db)).toBe(false);
	});

	it('flags the events of a table saved without the flag as the 360° build would', async () => {
		await db.exec(sql`CREATE OR REPLACE TABLE cc_event (source_row BIGINT, kind VARCHAR,
			event_type VARCHAR)`);
		for (const [i, [kind, type]] of EVENTS.entries()) {
			await db.exec(sql`INSERT INTO cc_event VALUES (${i}, ${kind}, ${type})`);
		}
		expect(await lacksSaleColumn(db)).toBe(true);
		await addSaleColumn(db);
		expect(await lacksSaleColumn(db)).toBe(false);
		expect(await flags()).toEqual(EVENTS.map(([kind, type, sale]) => [kind, type, sale]));
		const [row] = rowsOf(
			await db.query(sql`SELECT count(*) FILTER (
					WHERE sale IS DISTINCT FROM ${saleOf(sql`kind`, sql`event_type`)}) AS differ
				FROM cc_event`)
		);
		expect(Number(row?.differ)).toBe(0);
	});
});
