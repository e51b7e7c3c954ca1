// The settings identity resolution runs with and what it reports. Settings are plain data (kept
// in the workspace file and IndexedDB); everything here has a default that works unattended.
import type { GoldenSettings } from './golden-settings';
import type { RecordField } from './records';

export interface EmailRules {
	/** john+news@x.com is john@x.com. */
	plusTags: boolean;
	/** j.o.hn@gmail.com is john@gmail.com (Gmail ignores dots; googlemail.com is gmail.com). */
	gmailDots: boolean;
}

/**
 * A deterministic rule: two records equal on every one of these fields (normalised, both
 * filled) are the same customer, whatever the model says — unless a manual decision says not.
 */
export interface MatchRule {
	id: string;
	label: string;
	fields: RecordField[];
	enabled: boolean;
}

export const DEFAULT_MATCH_RULES: readonly MatchRule[] = [
	{ id: 'national_id', label: 'Same national id', fields: ['national_id'], enabled: true },
	{ id: 'loyalty_id', label: 'Same loyalty card', fields: ['loyalty_id'], enabled: true },
	{
		// Not the e-mail alone: a household often shares one mailbox.
		id: 'email_first_name',
		label: 'Same e-mail and first name',
		fields: ['email', 'first_name'],
		enabled: true
	},
	{
		id: 'phone_first_name',
		label: 'Same phone and first name',
		fields: ['phone', 'first_name'],
		enabled: true
	},
	{
		id: 'names_birth_postcode',
		label: 'Same first name, last name, birth date and postcode',
		fields: ['first_name', 'last_name', 'birth_date', 'postcode'],
		enabled: true
	}
];

export interface IdentitySettings {
	email: EmailRules;
	/**
	 * Pairs whose match probability is at least this are the same customer. 0.5 by default:
	 * "more likely the same person than not", the decision that is right most often when the
	 * probabilities are calibrated.
	 */
	threshold: number;
	/** An identifier held by more records than this is junk and not matched on. */
	junkRecords: number;
	/** A blocking key shared by more records than this generates no pairs (it is reported). */
	maxBlockSize: number;
	/** Deterministic rules, in order: a link's reason is the first rule its pair meets. */
	rules: MatchRule[];
	/** Blocking rules by id, switched on or off; rules not listed are on. */
	blocking: Record<string, boolean>;
	/** Comparisons by id, switched on or off; comparisons not listed are on. */
	comparisons: Record<string, boolean>;
	/** How each field of the golden record is chosen among a customer's records. */
	golden?: GoldenSettings;
}

export const DEFAULT_IDENTITY_SETTINGS: IdentitySettings = {
	email: { plusTags: true, gmailDots: true },
	threshold: 0.5,
	junkRecords: 10,
	maxBlockSize: 300,
	rules: DEFAULT_MATCH_RULES.map((rule) => ({ ...rule, fields: [...rule.fields] })),
	blocking: {},
	comparisons: {}
};
