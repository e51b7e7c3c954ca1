// The fixed role vocabulary: what a source's column can mean to Concord. Everything downstream
// (normalisation, identity resolution, the 360 view, indicators) reads columns by role, never by
// header. The tricky point: identity roles apply to event sources too, as the customer
// reference (an order's `customer_id` is the record_key of the profile source it points at, a
// receipt's loyalty card is a loyalty_id), so "which kinds a role applies to" is not "its group".
import type { SourceKind } from '../workspace/catalog';

export type { SourceKind };

export const SOURCE_KINDS: readonly SourceKind[] = ['profile', 'event'];

export const IDENTITY_ROLE_IDS = [
	'record_key',
	'email',
	'phone',
	'mobile',
	'loyalty_id',
	'national_id',
	'first_name',
	'last_name',
	'full_name',
	'birth_date',
	'gender',
	'street',
	'house_number',
	'address_line2',
	'postcode',
	'city',
	'region',
	'country',
	'company',
	'email_optin',
	'sms_optin',
	'created_at',
	'updated_at'
] as const;

export const EVENT_ROLE_IDS = [
	'event_time',
	'event_type',
	'order_id',
	'amount',
	'currency',
	'quantity',
	'channel',
	'store',
	'product',
	'category',
	'campaign'
] as const;

export type IdentityRoleId = (typeof IDENTITY_ROLE_IDS)[number];
export type EventRoleId = (typeof EVENT_ROLE_IDS)[number];
/** `custom`: kept as a custom attribute under its own name; `ignore`: not imported further. */
export type OtherRoleId = 'custom' | 'ignore';
export type RoleId = IdentityRoleId | EventRoleId | OtherRoleId;

export type RoleGroup =
	'identity' | 'contact' | 'name' | 'address' | 'consent' | 'dates' | 'event' | 'other';

export interface RoleDefinition {
	id: RoleId;
	/** The name shown in the UI. */
	label: string;
	group: RoleGroup;
	/** The source kinds whose columns may take this role. */
	kinds: readonly SourceKind[];
	/** Whether several columns of one source may take it (a second e-mail address). */
	multiple: boolean;
	description: string;
}

const BOTH: readonly SourceKind[] = ['profile', 'event'];
const PROFILE: readonly SourceKind[] = ['profile'];
const EVENT: readonly SourceKind[] = ['event'];

type Entry = [RoleId, string, RoleGroup, readonly SourceKind[], string];

// prettier-ignore
const ENTRIES: readonly Entry[] = [
	['record_key', 'Record key', 'identity', BOTH, "The record's own id in a profile source; in an event source, the id of the customer it refers to."],
	['email', 'E-mail', 'contact', BOTH, 'An e-mail address.'],
	['phone', 'Phone', 'contact', BOTH, 'A phone number, landline or unknown type.'],
	['mobile', 'Mobile', 'contact', BOTH, 'A mobile phone number.'],
	['loyalty_id', 'Loyalty card', 'identity', BOTH, 'A loyalty card or membership number.'],
	['national_id', 'National id', 'identity', BOTH, 'A national identity or social security number.'],
	['first_name', 'First name', 'name', BOTH, 'Given name.'],
	['last_name', 'Last name', 'name', BOTH, 'Family name.'],
	['full_name', 'Full name', 'name', BOTH, 'First and last name in one column, in any order.'],
	['birth_date', 'Birth date', 'identity', BOTH, 'Date of birth.'],
	['gender', 'Gender', 'identity', BOTH, 'Gender or title (Mr, Mrs, Mme, Herr, Frau).'],
	['street', 'Street', 'address', BOTH, 'Street address, with or without the house number.'],
	['house_number', 'House number', 'address', BOTH, 'House number when it has a column of its own.'],
	['address_line2', 'Address line 2', 'address', BOTH, 'Building, flat, locality or other address complement.'],
	['postcode', 'Postcode', 'address', BOTH, 'Postal or ZIP code.'],
	['city', 'City', 'address', BOTH, 'City, town or suburb.'],
	['region', 'Region', 'address', BOTH, 'State, region, province or county.'],
	['country', 'Country', 'address', BOTH, 'Country name or code.'],
	['company', 'Company', 'identity', BOTH, 'Company or organisation the customer belongs to.'],
	['email_optin', 'E-mail opt-in', 'consent', PROFILE, 'Consent to receive e-mail marketing (yes/no).'],
	['sms_optin', 'SMS opt-in', 'consent', PROFILE, 'Consent to receive text messages (yes/no).'],
	['created_at', 'Created at', 'dates', PROFILE, 'When the record was created (sign-up, enrolment).'],
	['updated_at', 'Updated at', 'dates', PROFILE, 'When the record was last changed.'],
	['event_time', 'Event time', 'event', EVENT, 'When the event happened (date, or date and time).'],
	['event_type', 'Event type', 'event', EVENT, 'What happened: order, return, open, click, status…'],
	['order_id', 'Order id', 'event', EVENT, 'Order, receipt or transaction number; rows sharing it are one order.'],
	['amount', 'Amount', 'event', EVENT, 'Money value of the event (order total, line amount).'],
	['currency', 'Currency', 'event', EVENT, 'Currency of the amount (EUR, USD…).'],
	['quantity', 'Quantity', 'event', EVENT, 'Number of items.'],
	['channel', 'Channel', 'event', EVENT, 'Where it happened: web, store, app, phone…'],
	['store', 'Store', 'event', EVENT, 'The store or point of sale.'],
	['product', 'Product', 'event', EVENT, 'Product, article or SKU.'],
	['category', 'Category', 'event', EVENT, 'Product category or department.'],
	['campaign', 'Campaign', 'event', EVENT, 'Marketing campaign, newsletter or traffic source.'],
	['custom', 'Custom attribute', 'other', BOTH, 'Kept under its own name as a custom attribute.'],
	['ignore', 'Ignore', 'other', BOTH, 'Not used.']
];

/** Roles that several columns of one source may share. */
const MULTIPLE: ReadonlySet<RoleId> = new Set<RoleId>([
	'email',
	'phone',
	'mobile',
	'custom',
	'ignore'
]);

export const ROLES: readonly RoleDefinition[] = ENTRIES.map(
	([id, label, group, kinds, description]) => ({
		id,
		label,
		group,
		kinds,
		multiple: MULTIPLE.has(id),
		description
	})
);

const BY_ID = new Map<string, RoleDefinition>(ROLES.map((role) => [role.id, role]));

export function isRoleId(value: string): value is RoleId {
	return BY_ID.has(value);
}

export function roleDefinition(id: RoleId): RoleDefinition {
	const role = BY_ID.get(id);
	if (!role) throw new Error(`Unknown role ${id}`);
	return role;
}

export function roleLabel(id: RoleId): string {
	return roleDefinition(id).label;
}

export function roleAppliesTo(id: RoleId, kind: SourceKind): boolean {
	return roleDefinition(id).kinds.includes(kind);
}

/** The roles a column of a source of this kind may take, in vocabulary order. */
export function rolesFor(kind: SourceKind): RoleDefinition[] {
	return ROLES.filter((role) => role.kinds.includes(kind));
}
