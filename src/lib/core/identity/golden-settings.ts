// Survivorship settings of the golden record: for each field, the rules that choose which of a
// customer's records gives the value the customer keeps. The address is one field, a block, so
// that street, postcode and city always come from the same record and never describe a place
// nobody lives at. Settings are plain data (kept in the workspace file and IndexedDB); every
// field has a default that works unattended.

export const SURVIVORSHIP_RULES = [
	'source_priority',
	'most_recent',
	'most_frequent',
	'most_complete'
] as const;

/**
 * - source_priority: the record of the first source in the field's list; sources not listed
 *   come after, in catalog order.
 * - most_recent: the record updated (else created) last; records without a date come last.
 * - most_frequent: the value most of the customer's records hold, case, accents, spaces and
 *   punctuation aside, so "MARIE" and "Marie" count together.
 * - most_complete: the longest value; for the address, the one with most of street, postcode
 *   and city filled, the parts a letter needs.
 */
export type SurvivorshipRule = (typeof SURVIVORSHIP_RULES)[number];

export const GOLDEN_FIELDS = [
	'first_name',
	'last_name',
	'email',
	'phone',
	'birth_date',
	'gender',
	'address',
	'company',
	'email_optin',
	'sms_optin'
] as const;

export type GoldenField = (typeof GOLDEN_FIELDS)[number];

/** The golden columns of the address block, all taken from one record. */
export const ADDRESS_COLUMNS = [
	'street',
	'house_number',
	'address_line2',
	'postcode',
	'city',
	'region',
	'country'
] as const;

export interface FieldSurvivorship {
	/**
	 * The first rule chooses; records it cannot tell apart go to the next one, and any tie left
	 * at the end to source order (the field's source list, then catalog order) and record id,
	 * so a re-run gives the same golden record.
	 */
	rules: readonly SurvivorshipRule[];
	/** Source ids, best first: the order of source_priority and of the final tie-break. */
	sources?: readonly string[];
}

export interface GoldenSettings {
	fields: Record<GoldenField, FieldSurvivorship>;
	/** Names written all in capitals or all in lower case are shown in title case: MARIE → Marie. */
	titleCaseNames: boolean;
}

export const DEFAULT_GOLDEN_SETTINGS: GoldenSettings = {
	fields: {
		// People do not change names often; typos and variants are rarer than the right spelling.
		first_name: { rules: ['most_frequent', 'most_recent'] },
		last_name: { rules: ['most_frequent', 'most_recent'] },
		// Contact details change: the latest one is the one most likely to reach the customer.
		email: { rules: ['most_recent', 'most_frequent'] },
		phone: { rules: ['most_recent', 'most_frequent'] },
		birth_date: { rules: ['most_frequent', 'most_recent'] },
		gender: { rules: ['most_frequent', 'most_recent'] },
		// An address a letter can reach first (a postcode and city alone cannot), then the latest.
		address: { rules: ['most_complete', 'most_recent'] },
		company: { rules: ['most_recent', 'most_frequent'] },
		// Consent is what the customer said last.
		email_optin: { rules: ['most_recent'] },
		sms_optin: { rules: ['most_recent'] }
	},
	titleCaseNames: true
};

/** A field's survivorship; one missing from settings saved by an older version gets the default. */
export function survivorshipOf(settings: GoldenSettings, field: GoldenField): FieldSurvivorship {
	const saved = (settings.fields as Partial<Record<GoldenField, FieldSurvivorship>>)[field];
	return saved ?? DEFAULT_GOLDEN_SETTINGS.fields[field];
}
