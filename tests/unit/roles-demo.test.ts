// The demo retailer's exports get their intended roles, and their kind, without help: a small
// demo is generated on each engine and every column of every raw source is checked. Columns
// without a role in the vocabulary (an event's own id, payment method, the hour apart from the
// date) are expected as custom attributes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { DEMO_SOURCES, generateDemo } from '../../src/lib/core/demo';
import { suggestMapping } from '../../src/lib/core/roles/auto-map';
import { suggestKind } from '../../src/lib/core/roles/suggest-kind';
import { profileValues } from '../../src/lib/core/roles/value-detect';
import type { RoleId } from '../../src/lib/core/roles/vocabulary';
import { engines } from '../support/engines';

const INTENDED: Record<string, Record<string, RoleId>> = {
	cc_raw_crm_contacts: {
		'ID Contact': 'record_key',
		Civilité: 'gender',
		Prénom: 'first_name',
		Nom: 'last_name',
		'E-mail': 'email',
		Téléphone: 'phone',
		Adresse: 'street',
		'Code postal': 'postcode',
		Ville: 'city',
		'Date de naissance': 'birth_date',
		'N° carte fidélité': 'loyalty_id',
		Magasin: 'custom',
		'Date de création': 'created_at',
		'Optin email': 'email_optin'
	},
	cc_raw_eshop_accounts: {
		customer_id: 'record_key',
		email: 'email',
		first_name: 'first_name',
		last_name: 'last_name',
		phone: 'phone',
		birth_date: 'birth_date',
		zip: 'postcode',
		city: 'city',
		created_at: 'created_at',
		newsletter: 'email_optin'
	},
	cc_raw_eshop_orders: {
		order_id: 'order_id',
		customer_id: 'record_key',
		order_date: 'event_time',
		status: 'event_type',
		total_amount: 'amount',
		currency: 'currency',
		items: 'quantity',
		category: 'category',
		payment_method: 'custom'
	},
	cc_raw_store_receipts: {
		'N° ticket': 'order_id',
		Magasin: 'store',
		Date: 'event_time',
		Heure: 'custom',
		'Carte fidélité': 'loyalty_id',
		'Montant TTC': 'amount',
		'Nb articles': 'quantity',
		Règlement: 'custom',
		'Nom client': 'full_name',
		'Tél. client': 'phone'
	},
	cc_raw_web_sessions: {
		'Session ID': 'custom',
		'Visitor ID': 'custom',
		'User Email': 'email',
		'Session Start': 'event_time',
		'Duration (s)': 'custom',
		Pageviews: 'custom',
		'Device Category': 'custom',
		'Landing Page': 'custom',
		Campaign: 'campaign'
	},
	cc_raw_service_tickets: {
		ticketId: 'custom',
		openedAt: 'event_time',
		closedAt: 'custom',
		status: 'event_type',
		channel: 'channel',
		contact: 'email',
		subject: 'custom'
	},
	cc_raw_email_events: {
		EVENT_ID: 'custom',
		EMAIL: 'email',
		CAMPAIGN: 'campaign',
		EVENT_TYPE: 'event_type',
		EVENT_TIME: 'event_time'
	}
};

describe.each(engines)("the demo's exports on $name DuckDB", (engine) => {
	let db: Db & { close(): void };
	beforeAll(async () => {
		db = await engine.open();
		await generateDemo(db, { persons: 1000 });
	}, 120_000);
	afterAll(() => db.close());

	it('has an intended mapping for every demo source', () => {
		expect(Object.keys(INTENDED).sort()).toEqual(DEMO_SOURCES.map((s) => s.table).sort());
	});

	it.each(DEMO_SOURCES.map((s) => ({ ...s })))('$name: roles and kind', async (source) => {
		const values = await profileValues(db, source.table);
		const columns = values.map((v) => ({ name: v.column, values: v.profile }));
		const suggestions = suggestMapping({ kind: source.kind, columns });
		expect(Object.fromEntries(suggestions.map((s) => [s.column, s.role]))).toEqual(
			INTENDED[source.table]
		);
		expect(suggestKind(columns).kind).toBe(source.kind);
		for (const s of suggestions) {
			if (s.role !== 'custom') expect(s.confidence).toBeGreaterThanOrEqual(0.7);
		}
	});
});
