// The demo's tables: seven raw sources as a retailer's systems export them, and the hidden
// ground truth used to score the app. The tricky point: the raw tables are what the app sees
// (everything VARCHAR, headers as each tool names them); nothing in them may point at the
// truth, so ids are re-numbered and the true person is only in the cc_demo_* tables.

export interface DemoSource {
	/** The raw table in the database (prefix cc_raw_). */
	table: string;
	/** What a marketer calls the source. */
	name: string;
	kind: 'profile' | 'event';
	/** The file the command line tool writes it to. */
	fileName: string;
	/** The file's character encoding, as the exporting system writes it. */
	encoding: 'utf-8' | 'windows-1252';
	/** The file's field separator. */
	delimiter: ',' | ';';
	/** The column holding each row's own id in that source (used in cc_demo_record). */
	keyColumn: string;
	description: string;
}

export const DEMO_SOURCES: readonly DemoSource[] = [
	{
		table: 'cc_raw_crm_contacts',
		name: 'CRM contacts',
		kind: 'profile',
		fileName: 'crm_contacts.csv',
		encoding: 'utf-8',
		delimiter: ';',
		keyColumn: 'ID Contact',
		description:
			'Loyalty club and store sign-ups from the CRM, French headers, dates day-first; the same person is sometimes entered twice.'
	},
	{
		table: 'cc_raw_eshop_accounts',
		name: 'E-shop accounts',
		kind: 'profile',
		fileName: 'eshop_accounts.csv',
		encoding: 'utf-8',
		delimiter: ',',
		keyColumn: 'customer_id',
		description: 'Customer accounts of the online shop, as typed by the customers themselves.'
	},
	{
		table: 'cc_raw_eshop_orders',
		name: 'E-shop orders',
		kind: 'event',
		fileName: 'eshop_orders.csv',
		encoding: 'utf-8',
		delimiter: ',',
		keyColumn: 'order_id',
		description: 'Online orders, one row per order, linked to an e-shop account.'
	},
	{
		table: 'cc_raw_store_receipts',
		name: 'Store receipts',
		kind: 'event',
		fileName: 'store_receipts.csv',
		encoding: 'windows-1252',
		delimiter: ',',
		keyColumn: 'N° ticket',
		description:
			'Till receipts from the stores (Windows-1252, decimal commas); the loyalty card is often missing.'
	},
	{
		table: 'cc_raw_web_sessions',
		name: 'Web sessions',
		kind: 'event',
		fileName: 'web_sessions.csv',
		encoding: 'utf-8',
		delimiter: ',',
		keyColumn: 'Session ID',
		description:
			'Web analytics sessions (US month-first dates); the e-mail is filled only when the visitor logged in.'
	},
	{
		table: 'cc_raw_service_tickets',
		name: 'Service tickets',
		kind: 'event',
		fileName: 'service_tickets.csv',
		encoding: 'utf-8',
		delimiter: ',',
		keyColumn: 'ticketId',
		description:
			'Customer service tickets with the contact as the agent typed it (e-mail or phone).'
	},
	{
		table: 'cc_raw_email_events',
		name: 'E-mail events',
		kind: 'event',
		fileName: 'email_events.csv',
		encoding: 'utf-8',
		delimiter: ',',
		keyColumn: 'EVENT_ID',
		description:
			'Newsletter sends, opens, clicks, bounces and unsubscribes from the e-mail platform.'
	}
];

/** The hidden ground truth: never shown to the app's users, used by tests and benchmarks. */
export const DEMO_TRUTH_TABLES = {
	/** One row per true person, with true contact details and behaviour. */
	person: 'cc_demo_person',
	/** Every raw row (profile record or event) with its source, key and true person. */
	record: 'cc_demo_record',
	/** Per-person totals recomputed from the events: revenue, orders, sessions, tickets, e-mails. */
	personTruth: 'cc_demo_person_truth'
} as const;

/** Looks a demo source up by its raw table name (a programming error if it is missing). */
export function demoSource(table: string): DemoSource {
	const found = DEMO_SOURCES.find((source) => source.table === table);
	if (!found) throw new Error(`Unknown demo source ${table}`);
	return found;
}

/** Scratch tables the generator builds and drops again (raw rows still holding person ids). */
export function workTable(source: string): string {
	return `cc_demo_work_${source}`;
}
