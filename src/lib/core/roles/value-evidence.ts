// What a column's values say about its role, from its ValueProfile: how well they fit a given
// role (to confirm or doubt a header guess), and which role they point to on their own (for
// headers that say nothing: 'contact', 'column3'). The tricky point is restraint: values alone
// only claim what is distinctive (an e-mail, a phone, a date, an amount with cents, a title),
// and several shapes overlap — YYYYMMDD dates are also 8-digit codes, '00004' is also a
// postcode — so the checks run in an order where the more specific shape is tried first.
import type { ValueProfile } from './value-detect';
import type { ValueShape } from './value-shapes';
import type { RoleId, SourceKind } from './vocabulary';

export interface ValueGuess {
	role: RoleId;
	confidence: number;
	reason: string;
}

/** Fewer non-empty values than this and values neither confirm nor contradict anything. */
export const MIN_VALUES_FOR_EVIDENCE = 5;

/** Born before this year: a date column in a profile source holds birth dates. */
const LATEST_MEDIAN_BIRTH_YEAR = 1995;

const SHAPE_WORDS: Record<ValueShape, string> = {
	email: 'e-mail addresses',
	phone: 'phone numbers',
	mobile: 'mobile numbers',
	date: 'dates',
	dateTime: 'dates with a time',
	decimal: 'amounts',
	integer: 'whole numbers',
	smallInteger: 'small whole numbers',
	leadingZero: 'codes with leading zeros',
	postcode: 'postcodes',
	houseNumber: 'house numbers',
	boolean: 'yes/no values',
	gender: 'genders or titles',
	nameLike: 'names',
	multiWord: 'names of several words',
	code: 'codes'
};

const FIT_SHAPES: Partial<Record<RoleId, ValueShape>> = {
	email: 'email',
	phone: 'phone',
	mobile: 'phone',
	birth_date: 'date',
	created_at: 'date',
	updated_at: 'date',
	event_time: 'date',
	postcode: 'postcode',
	house_number: 'houseNumber',
	gender: 'gender',
	email_optin: 'boolean',
	sms_optin: 'boolean',
	first_name: 'nameLike',
	last_name: 'nameLike',
	full_name: 'nameLike',
	city: 'nameLike',
	quantity: 'integer'
};

function percent(share: number): string {
	return `${Math.round(share * 100)}%`;
}

/** '97% of values look like e-mail addresses' */
export function shareText(profile: ValueProfile, shape: ValueShape): string {
	return `${percent(profile.shares[shape])} of values look like ${SHAPE_WORDS[shape]}`;
}

export interface Fit {
	share: number;
	text: string;
}

/** How many values suit the role, or null when values cannot judge it (or are too few). */
export function roleFit(role: RoleId, profile: ValueProfile): Fit | null {
	if (profile.filled < MIN_VALUES_FOR_EVIDENCE) return null;
	if (role === 'amount') {
		const share = Math.max(profile.shares.decimal, profile.shares.integer);
		return { share, text: `${percent(share)} of values look like amounts` };
	}
	const shape = FIT_SHAPES[role];
	if (!shape) return null;
	return { share: profile.shares[shape], text: shareText(profile, shape) };
}

function guess(role: RoleId, confidence: number, reason: string): ValueGuess {
	return { role, confidence: Math.round(confidence * 100) / 100, reason };
}

function contactGuess(profile: ValueProfile): ValueGuess | null {
	const { email, phone, mobile } = profile.shares;
	if (email >= 0.5 && email >= phone) {
		const mixed = phone >= 0.1 ? ` (and ${percent(phone)} like phone numbers)` : '';
		return guess('email', 0.45 + 0.5 * email, shareText(profile, 'email') + mixed);
	}
	if (phone >= 0.5) {
		if (mobile >= 0.9 * phone)
			return guess('mobile', 0.4 + 0.45 * phone, shareText(profile, 'mobile'));
		return guess('phone', 0.4 + 0.45 * phone, shareText(profile, 'phone'));
	}
	return null;
}

function dateGuess(profile: ValueProfile, kind: SourceKind): ValueGuess | null {
	const { date } = profile.shares;
	if (date < 0.7) return null;
	const text = shareText(profile, 'date');
	if (kind === 'event') return guess('event_time', 0.3 + 0.5 * date, text);
	const year = profile.medianYear;
	if (year !== null && year <= LATEST_MEDIAN_BIRTH_YEAR) {
		return guess(
			'birth_date',
			0.25 + 0.4 * date,
			`${text}, mostly before ${LATEST_MEDIAN_BIRTH_YEAR}`
		);
	}
	return guess('created_at', 0.2 + 0.3 * date, text);
}

/** Digit codes repeated across rows: in an event source, the customer each event belongs to. */
function customerCodeGuess(profile: ValueProfile): ValueGuess | null {
	const { integer, leadingZero } = profile.shares;
	const fixedWidth = profile.minLength === profile.maxLength && profile.minLength >= 4;
	const repeated = profile.distinctRatio > 0.01 && profile.distinctRatio < 0.95;
	if (integer >= 0.95 && repeated && (fixedWidth || leadingZero >= 0.5)) {
		return guess(
			'record_key',
			0.45,
			`${shareText(profile, 'integer')}, repeated across rows like a customer id`
		);
	}
	return null;
}

function eventGuess(profile: ValueProfile): ValueGuess | null {
	const { decimal, smallInteger, leadingZero } = profile.shares;
	if (decimal >= 0.7) return guess('amount', 0.3 + 0.5 * decimal, shareText(profile, 'decimal'));
	const customer = customerCodeGuess(profile);
	if (customer) return customer;
	if (smallInteger >= 0.95 && leadingZero === 0 && profile.maxLength <= 3) {
		return guess('quantity', 0.4, shareText(profile, 'smallInteger'));
	}
	return null;
}

function profileGuess(profile: ValueProfile): ValueGuess | null {
	const { gender, code, postcode } = profile.shares;
	if (gender >= 0.9 && profile.distinct <= 8)
		return guess('gender', 0.7, shareText(profile, 'gender'));
	const complete = profile.rows > 0 && profile.filled >= 0.95 * profile.rows;
	if (code >= 0.95 && profile.distinctRatio >= 0.99 && complete && profile.maxLength <= 40) {
		return guess(
			'record_key',
			0.5,
			`${shareText(profile, 'code')}, each one different like a record key`
		);
	}
	if (postcode >= 0.9 && profile.distinctRatio < 0.5) {
		return guess('postcode', 0.45, shareText(profile, 'postcode'));
	}
	return null;
}

/** The role the values point to on their own, or null when they are not distinctive. */
export function valueGuess(profile: ValueProfile, kind: SourceKind): ValueGuess | null {
	if (profile.filled < MIN_VALUES_FOR_EVIDENCE) return null;
	return (
		contactGuess(profile) ??
		dateGuess(profile, kind) ??
		(kind === 'event' ? eventGuess(profile) : profileGuess(profile))
	);
}
