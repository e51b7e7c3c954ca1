// The golden sample the Identity page shows, on both engines: nothing before a run, then the
// customers with most records first (ties by id), as many as asked within bounds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { GOLDEN_TABLE } from '../../src/lib/core/identity/golden';
import { goldenSample } from '../../src/lib/core/identity/golden-sample';
import { ident, sql } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

describe.each(engines)('golden sample on $name DuckDB', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
	});
	afterAll(() => db.close());

	it('is empty before golden records are built', async () => {
		await expect(goldenSample(db, 10)).resolves.toEqual([]);
	});

	it('lists the customers with most records first, ties by id', async () => {
		await db.exec(sql`CREATE TABLE ${ident(GOLDEN_TABLE)} AS SELECT * FROM (VALUES
			('C2', 'Marie', 'Dupont', 'marie@x.fr', '+33612345678', 'Paris', 3::BIGINT, 2::BIGINT, 'extra'),
			('C1', NULL, NULL, NULL, NULL, NULL, 1::BIGINT, 1::BIGINT, 'extra'),
			('C3', 'Jean', NULL, NULL, NULL, 'Lyon', 3::BIGINT, 1::BIGINT, 'extra')
		) t(customer_id, first_name, last_name, email, phone, city, record_count, source_count, street)`);
		const rows = await goldenSample(db, 10);
		expect(rows.map((r) => r.customerId)).toEqual(['C2', 'C3', 'C1']);
		expect(rows[0]).toEqual({
			customerId: 'C2',
			firstName: 'Marie',
			lastName: 'Dupont',
			email: 'marie@x.fr',
			phone: '+33612345678',
			city: 'Paris',
			recordCount: 3,
			sourceCount: 2
		});
		expect(rows[2]).toMatchObject({ firstName: null, email: null, recordCount: 1 });
	});

	it.each([
		[2, 2],
		[0, 1],
		[-5, 1],
		[Number.NaN, 1]
	])('takes %d as a limit of %d', async (limit, expected) => {
		await expect(goldenSample(db, limit)).resolves.toHaveLength(expected);
	});
});
