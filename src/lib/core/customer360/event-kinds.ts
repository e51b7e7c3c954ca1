// What an event source records, which decides the KPIs its events feed: purchases (orders,
// receipts), web visits, service contacts, e-mail campaign events, or anything else (shown on
// the timeline only). Suggested from the source's roles and name, the way an analyst would
// read the file list; the user can say otherwise. The tricky point: a web analytics export may
// carry an amount (a tracked conversion) and an e-mail export a campaign like web sessions do,
// so the name speaks first for non-purchase kinds, and an amount column alone means purchases
// only when the name says nothing.
import type { RoleId } from '../roles/vocabulary';

export const EVENT_KINDS = ['purchase', 'web', 'service', 'email', 'other'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_KIND_LABELS: Record<EventKind, string> = {
	purchase: 'Purchases',
	web: 'Web visits',
	service: 'Service contacts',
	email: 'E-mail events',
	other: 'Other events'
};

const NAMED: readonly (readonly [EventKind, RegExp])[] = [
	[
		'purchase',
		/order|commande|receipt|ticket de caisse|till|sale|vente|purchase|achat|transaction/i
	],
	['email', /e-?mail|newsletter|mailing|campaign|campagne|emailing/i],
	['web', /web|session|visit|analytics|page ?view|clickstream|traffic/i],
	['service', /ticket|service|support|help ?desk|complaint|réclamation|case|contact/i]
];

/** The kind suggested for an event source named `name` (and file name) whose columns take `roles`. */
export function suggestEventKind(names: readonly string[], roles: readonly RoleId[]): EventKind {
	const text = names.join(' ');
	for (const [kind, pattern] of NAMED) if (pattern.test(text)) return kind;
	if (roles.includes('amount')) return 'purchase';
	if (roles.includes('campaign') && roles.includes('email')) return 'email';
	return 'other';
}

export const isEventKind = (value: string): value is EventKind =>
	(EVENT_KINDS as readonly string[]).includes(value);
