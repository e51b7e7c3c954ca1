// How the customers table and the customer page name and show the 360 table's columns: a label
// per column and a value formatter by the column's DuckDB type. Dates and times are shown as
// written in the sources (no timezone conversion), amounts with two decimals and no currency
// sign (amounts are summed as written; the build warns when there are several currencies).
import { KPI_COLUMNS } from '$lib/core/customer360/kpis';

const GOLDEN_LABELS: Record<string, string> = {
	customer_id: 'Customer',
	first_name: 'First name',
	last_name: 'Last name',
	email: 'E-mail',
	phone: 'Phone',
	birth_date: 'Birth date',
	gender: 'Gender',
	street: 'Street',
	house_number: 'House number',
	address_line2: 'Address line 2',
	postcode: 'Postcode',
	city: 'City',
	region: 'Region',
	country: 'Country',
	company: 'Company',
	email_optin: 'E-mail opt-in',
	sms_optin: 'SMS opt-in',
	record_count: 'Records',
	profile_sources: 'Profile sources',
	first_seen: 'First seen',
	last_updated: 'Last updated'
};

export function columnLabel(column: string): string {
	return (
		GOLDEN_LABELS[column] ??
		(KPI_COLUMNS as Record<string, string>)[column] ??
		column.replaceAll('_', ' ')
	);
}

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat('en-GB', {
	minimumFractionDigits: 2,
	maximumFractionDigits: 2
});

/** Money columns: shown with two decimals. */
const MONEY = new Set([
	'revenue',
	'revenue_online',
	'revenue_store',
	'revenue_12m',
	'average_basket'
]);

function asDate(value: unknown): Date | null {
	if (value instanceof Date) return value;
	if (typeof value === 'number' && Number.isFinite(value)) return new Date(value);
	return null;
}

/** A day as written: 2025-03-07 (UTC, which is how DuckDB's timestamps without zone read). */
export function formatDay(value: unknown): string {
	const date = asDate(value);
	return date ? date.toISOString().slice(0, 10) : '';
}

/** A day and time as written: 2025-03-07 14:05. */
export function formatDayTime(value: unknown): string {
	const date = asDate(value);
	if (!date) return '';
	const text = date.toISOString();
	return text.slice(11, 16) === '00:00'
		? text.slice(0, 10)
		: `${text.slice(0, 10)} ${text.slice(11, 16)}`;
}

export function formatAmount(value: number): string {
	return money.format(value);
}

/** A cell of `column` of DuckDB type `type` as text; '' for a missing value. */
export function formatCell(column: string, type: string, value: unknown): string {
	if (value === null || value === undefined) return '';
	if (type === 'DATE') return formatDay(value);
	if (type.startsWith('TIMESTAMP')) return formatDayTime(value);
	if (typeof value === 'boolean') return value ? 'yes' : 'no';
	if (typeof value === 'number' || typeof value === 'bigint') {
		const n = Number(value);
		return MONEY.has(column)
			? money.format(n)
			: Number.isInteger(n)
				? integer.format(n)
				: money.format(n);
	}
	return String(value);
}

/** Whether a column's values are numbers (right-aligned). */
export function isNumeric(type: string): boolean {
	return /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|DOUBLE|FLOAT|REAL|DECIMAL)/.test(type);
}
