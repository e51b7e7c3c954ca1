// The customers table and the customer page's data on the demo retailer: search by name, e-mail,
// nationally typed phone and id; quick filters and sort agree with the 360 table; unknown
// columns are refused; a customer's profile holds its records, field sources and events; the
// staleness of the build follows identity runs, event sources and the as-of setting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { build360 } from '../../src/lib/core/customer360/build';
import { loadBuildState, staleReasons360 } from '../../src/lib/core/customer360/build-state';
import { customerPage } from '../../src/lib/core/customer360/customer-list';
import { customerProfile } from '../../src/lib/core/customer360/customer-profile';
import { resolveIdentities } from '../../src/lib/core/identity/resolve';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { sql } from '../../src/lib/core/sql/sql';
import { loadDemoWorkspace } from '../../src/lib/core/workspace/demo-workspace';
import { engines } from '../support/engines';

const base = {
	columns: ['first_name', 'last_name', 'email', 'phone', 'revenue', 'orders'],
	sort: { column: 'revenue', descending: true },
	filters: [],
	search: '',
	offset: 0,
	limit: 50
};

describe.each(engines)('customers list and page ($name)', (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
		await loadDemoWorkspace(db, 800);
		await resolveIdentities(db);
		await build360(db);
	}, 300_000);
	afterAll(() => db.close());

	it('pages every customer, sorted, with the total', async () => {
		const [all] = rowsOf(await db.query(sql`SELECT count(*) AS n FROM cc_customer_360`));
		const page = await customerPage(db, base);
		expect(page.total).toBe(Number(all?.n));
		const revenues = rowsOf(page.rows).map((r) => Number(r.revenue));
		expect(revenues.length).toBe(50);
		expect([...revenues].sort((a, b) => b - a)).toEqual(revenues);
		const next = await customerPage(db, { ...base, offset: 50 });
		expect(Number(rowsOf(next.rows)[0]?.revenue)).toBeLessThanOrEqual(revenues[49] ?? 0);
	});

	it('reads deep pages through the kept order, the same rows as a plain sort', async () => {
		const want = rowsOf(
			await db.query(sql`SELECT customer_id FROM cc_customer_360
				ORDER BY email ASC NULLS LAST, customer_id LIMIT 30 OFFSET 310`)
		).map((r) => r.customer_id);
		expect(want.length).toBe(30);
		const deep = { ...base, sort: { column: 'email', descending: false }, offset: 310, limit: 30 };
		// Pages from row 100 on are read through the kept order; twice: built, then reused.
		for (let round = 0; round < 2; round++) {
			const page = await customerPage(db, deep, 100);
			expect(rowsOf(page.rows).map((r) => r.customer_id)).toEqual(want);
		}
	});

	it('finds a customer by name, e-mail, national phone and id', async () => {
		const [someone] = rowsOf(
			await db.query(sql`SELECT customer_id, first_name, last_name, email, phone FROM cc_customer_360
				WHERE phone LIKE '+33%' AND email IS NOT NULL AND last_name IS NOT NULL ORDER BY customer_id LIMIT 1`)
		);
		if (!someone) throw new Error('the demo has no customer with a French phone');
		const national = `0${String(someone.phone)
			.slice(3)
			.replace(/(\d)(?=(\d{2})+$)/g, '$1 ')}`;
		for (const search of [
			`${someone.first_name} ${someone.last_name}`.toUpperCase(),
			String(someone.email),
			national,
			String(someone.customer_id).toLowerCase()
		]) {
			const ids = rowsOf((await customerPage(db, { ...base, search })).rows).map(
				(r) => r.customer_id
			);
			expect(ids, search).toContain(someone.customer_id);
		}
		const none = await customerPage(db, { ...base, search: 'zz-no-such-customer-zz' });
		expect(none.total).toBe(0);
	});

	it('narrows by quick filters as the 360 table says', async () => {
		const [counts] = rowsOf(
			await db.query(sql`SELECT count(*) FILTER (WHERE orders > 0) AS buyers,
				count(*) FILTER (WHERE orders_online > 0 AND orders_store > 0) AS both
				FROM cc_customer_360`)
		);
		expect((await customerPage(db, { ...base, filters: ['buyers'] })).total).toBe(
			Number(counts?.buyers)
		);
		expect((await customerPage(db, { ...base, filters: ['buyers', 'both_channels'] })).total).toBe(
			Number(counts?.both)
		);
	});

	it('pages a search or filter in the order and with the count of a plain query', async () => {
		const narrowed = {
			...base,
			columns: ['first_name', 'orders'],
			sort: { column: 'revenue', descending: false },
			filters: ['buyers' as const],
			search: 'e'
		};
		const matching = sql`FROM cc_customer_360
			WHERE orders > 0 AND contains(search_text, 'e')`;
		const [counted] = rowsOf(await db.query(sql`SELECT count(*) AS n ${matching}`));
		const total = Number(counted?.n);
		expect(total).toBeGreaterThan(60);
		const want = rowsOf(
			await db.query(sql`SELECT customer_id ${matching}
				ORDER BY revenue ASC NULLS LAST, customer_id LIMIT 20 OFFSET 40`)
		).map((r) => r.customer_id);
		const page = await customerPage(db, { ...narrowed, offset: 40, limit: 20 });
		expect(page.total).toBe(total);
		expect(rowsOf(page.rows).map((r) => r.customer_id)).toEqual(want);
		// Only the asked columns, not the sort key or the count the page was read with.
		expect(page.rows.schema.fields.map((f) => f.name)).toEqual([
			'customer_id',
			'first_name',
			'orders'
		]);
		const past = await customerPage(db, { ...narrowed, offset: total + 10 });
		expect(past.total).toBe(total);
		expect(past.rows.numRows).toBe(0);
	});

	it('refuses columns the table does not have', async () => {
		await expect(
			customerPage(db, { ...base, columns: ['first_name', 'x"; DROP TABLE cc_event; --'] })
		).rejects.toThrow(/has no column/);
		await expect(
			customerPage(db, { ...base, sort: { column: 'nope', descending: false } })
		).rejects.toThrow(/has no column nope/);
	});

	it("gives a customer's records, the source of each golden value and its events", async () => {
		const [busy] = rowsOf(
			await db.query(sql`SELECT customer_id, events FROM cc_customer_360
				WHERE record_count > 1 AND events > 0 ORDER BY events DESC, customer_id LIMIT 1`)
		);
		const profile = await customerProfile(db, String(busy?.customer_id));
		expect(profile?.records.length).toBeGreaterThan(1);
		expect(profile?.eventCount).toBe(Number(busy?.events));
		const lastName = profile?.golden.find((f) => f.column === 'last_name');
		expect(profile?.records.map((r) => r.recordId)).toContain(lastName?.recordId);
		expect(lastName?.sourceName).toMatch(/CRM contacts|E-shop accounts/);
		const times = (profile?.events ?? []).map((e) => e.at ?? 0);
		expect([...times].sort((a, b) => b - a)).toEqual(times);
		expect(await customerProfile(db, 'CNOSUCH')).toBeNull();
	});

	it('is current after a build, stale when the as-of setting or identity changes', async () => {
		const state = await loadBuildState(db);
		expect(await staleReasons360(db, state, null, {})).toEqual([]);
		expect(await staleReasons360(db, state, '2024-01-31', {})).toEqual(['The as-of date changed.']);
		await resolveIdentities(db);
		expect(await staleReasons360(db, state, null, {})).toContain('Identity resolution ran again.');
		await expect(build360(db, { asOf: '31/01/2024' })).rejects.toThrow(/YYYY-MM-DD/);
		const again = await build360(db, { asOf: '2024-01-31' });
		expect(again.asOf).toBe('2024-01-31');
		const [late] = rowsOf(
			await db.query(
				sql`SELECT count(*) AS n FROM cc_customer_360 WHERE last_purchase_at >= '2024-02-01'`
			)
		);
		expect(Number(late?.n)).toBe(0);
	}, 120_000);
});
