// The golden record's fields and survivorship rules in words, as the Identity page shows them.
import type { GoldenField, SurvivorshipRule } from '$lib/core/identity/golden-settings';
import type { GoldenSampleRow } from '$lib/core/identity/golden-sample';

export const GOLDEN_FIELD_LABELS: Record<GoldenField, string> = {
	first_name: 'First name',
	last_name: 'Last name',
	email: 'E-mail',
	phone: 'Phone',
	birth_date: 'Birth date',
	gender: 'Gender',
	address: 'Address',
	company: 'Company',
	email_optin: 'E-mail consent',
	sms_optin: 'SMS consent'
};

export const SURVIVORSHIP_LABELS: Record<SurvivorshipRule, { label: string; hint: string }> = {
	source_priority: {
		label: 'Source priority',
		hint: "The record of the source listed first in the field's source order."
	},
	most_recent: {
		label: 'Most recent',
		hint: 'The record updated (else created) last; records without a date come last.'
	},
	most_frequent: {
		label: 'Most frequent',
		hint: 'The value most of the records hold, case, accents and punctuation aside.'
	},
	most_complete: {
		label: 'Most complete',
		hint: 'The longest value; for the address, the one with most of street, postcode and city.'
	}
};

/** How the last tie is broken, in one sentence. */
export const FINAL_TIE_BREAK =
	'Records still tied after the last rule are decided by source order (the order under source priority, else the order of Sources), then by the smallest record id, so a re-run gives the same golden record.';

/** A golden record's name as people read it; null when it has neither first nor last name. */
export function sampleName(row: GoldenSampleRow): string | null {
	const name = [row.firstName, row.lastName].filter((part) => part !== null).join(' ');
	return name.trim() === '' ? null : name;
}
