// The tables the 360° view writes, in one place so that each step, the pages and the clean-up
// agree on them.
export const C360_TABLES = {
	/** Every event of every event source, with the customer it is linked to (or why not). */
	event: 'cc_event',
	/** One row per customer: the golden record and the customer's KPIs as of the chosen date. */
	customer: 'cc_customer_360',
	/** What the last build used and found (as-of date, fingerprints, link report). */
	run: 'cc_360_run',
	/** kind, value, customer_id: every identifier of every customer (temporary, during a build). */
	identifier: 'cc_360_identifier',
	/** source_id, source_row, customer_id, customers, linked_by (temporary, during a build). */
	link: 'cc_360_link'
} as const;

/**
 * Columns of cc_customer_360 that serve the engine, not people: the search's text and the
 * behaviour conditions' activity days. Left out of lists, profiles, exports and fields.
 */
export const HIDDEN_CUSTOMER_COLUMNS: readonly string[] = ['search_text', 'activity_days'];
