// Whether a new source looks like customer profiles or like events, with the reason. The
// tricky point: dates alone decide nothing (profiles have birth and creation dates), so a
// source is called an event source when it has a time column and at least as many event
// roles (amount, order id, type, quantity, store…) as profile roles (names, address, consent),
// or three event roles whatever else it has. Headers are read as if the source were an event
// source, where 'date' or 'created' mean the event time; values stand in for silent headers.
import type { ColumnInput } from './auto-map';
import { matchHeader } from './header-match';
import { valueGuess } from './value-evidence';
import { roleDefinition, roleLabel, type RoleId, type SourceKind } from './vocabulary';

export interface KindSuggestion {
	kind: SourceKind;
	reason: string;
}

const PROFILE_ROLES: ReadonlySet<RoleId> = new Set<RoleId>([
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
	'national_id',
	'email_optin',
	'sms_optin',
	'updated_at'
]);

function rolesSeen(columns: readonly ColumnInput[]): { event: RoleId[]; profile: RoleId[] } {
	const event = new Set<RoleId>();
	const profile = new Set<RoleId>();
	for (const column of columns) {
		const asEvent = matchHeader(column.name, 'event');
		const asProfile = matchHeader(column.name, 'profile');
		if (asProfile && PROFILE_ROLES.has(asProfile.role)) profile.add(asProfile.role);
		let role = asEvent?.role;
		if (!asEvent && !asProfile && column.values) role = valueGuess(column.values, 'event')?.role;
		if (role && roleDefinition(role).group === 'event') event.add(role);
	}
	return { event: [...event], profile: [...profile] };
}

function labels(roles: readonly RoleId[]): string {
	return roles.map((role) => roleLabel(role).toLowerCase()).join(', ');
}

export function suggestKind(columns: readonly ColumnInput[]): KindSuggestion {
	const seen = rolesSeen(columns);
	const hasTime = seen.event.includes('event_time');
	const others = seen.event.filter((role) => role !== 'event_time');
	if (
		others.length >= 3 ||
		(hasTime && others.length >= 1 && others.length >= seen.profile.length)
	) {
		return {
			kind: 'event',
			reason: `columns for ${labels(seen.event)}: looks like events (orders, visits, contacts)`
		};
	}
	if (seen.profile.length > 0) {
		return {
			kind: 'profile',
			reason: `columns for ${labels(seen.profile)}: looks like customer records`
		};
	}
	return {
		kind: 'profile',
		reason: 'no columns for amounts, order ids or event types with a date: read as customer records'
	};
}
