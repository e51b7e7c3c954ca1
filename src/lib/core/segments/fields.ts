// The fields a segment's conditions may use: the columns of cc_customer_360 (golden record,
// custom attributes, KPIs) and of cc_indicator, read from the database itself so that a custom
// attribute or a new KPI appears without a release, each with a marketer's label and the type
// that decides its operators. The tricky point: the indicators may not be computed yet, so the
// indicator columns are also known by name here, to say "compute the indicators first" rather
// than "unknown field".
import type { Db } from '../db';
import { ACTIVITY_COLUMN } from '../customer360/activity-days';
import { PURCHASE_CATEGORY_TABLE } from '../customer360/purchase-categories';
import { KPI_COLUMNS } from '../customer360/kpis';
import { C360_TABLES, HIDDEN_CUSTOMER_COLUMNS } from '../customer360/tables';
import { INDICATOR_TABLES } from '../indicators/tables';
import { isRoleId, roleLabel } from '../roles/vocabulary';
import { rowsOf } from '../sql/rows';
import { sql } from '../sql/sql';
import type { FieldType } from './rules';

export type FieldTable = 'customer' | 'indicator';

export interface Field {
	/** The column's name. */
	name: string;
	label: string;
	type: FieldType;
	table: FieldTable;
}

export interface FieldCatalogue {
	fields: Field[];
	/** Whether cc_indicator exists (the indicators were computed). */
	indicators: boolean;
	/**
	 * Whether cc_customer_360 holds the activity days behaviour conditions can count from
	 * (activity-days.ts); without them they count from the events.
	 */
	activity?: boolean;
	/**
	 * Whether the workspace keeps the categories its customers bought (purchase-categories.ts),
	 * which "bought in category" conditions count from; without them they count from the events.
	 */
	purchaseCategories?: boolean;
}

/** The columns of cc_indicator a build writes, with their labels. */
export const INDICATOR_LABELS: Readonly<Record<string, string>> = {
	recency_days: 'Recency (days)',
	frequency: 'Frequency (orders)',
	monetary: 'Monetary (revenue)',
	r_score: 'R score',
	f_score: 'F score',
	m_score: 'M score',
	rfm_segment: 'RFM segment',
	repeat_purchases: 'Repeat purchases',
	repeat_span_days: 'Days from first to last purchase',
	customer_age_days: 'Days since first purchase',
	p_alive: 'P(alive)',
	churn_score: 'Churn score',
	expected_30d: 'Expected purchases, 30 days',
	expected_90d: 'Expected purchases, 90 days',
	expected_365d: 'Expected purchases, 365 days',
	propensity: 'Propensity to buy',
	expected_spend: 'Expected spend per purchase',
	clv: 'CLV',
	lifecycle_stage: 'Lifecycle stage',
	churn_decile: 'Churn decile',
	clv_decile: 'CLV decile',
	propensity_decile: 'Propensity decile'
};

/** Columns of cc_customer_360 that are neither golden values nor KPIs. */
const CUSTOMER_LABELS: Readonly<Record<string, string>> = {
	customer_id: 'Customer id',
	record_count: 'Records',
	profile_sources: 'Profile sources',
	first_seen: 'First seen',
	last_updated: 'Last updated'
};

/** Internal columns no condition should see. */
const HIDDEN = new Set(HIDDEN_CUSTOMER_COLUMNS);

export function fieldLabel(name: string): string {
	if (isRoleId(name)) return roleLabel(name);
	return (
		CUSTOMER_LABELS[name] ??
		(KPI_COLUMNS as Record<string, string>)[name] ??
		INDICATOR_LABELS[name] ??
		name.replaceAll('_', ' ')
	);
}

/**
 * The field type of a DuckDB column type; null for types no condition compares (lists,
 * structs, blobs, and timestamps with a time zone, which need time zone data the browser's
 * engine lacks).
 */
export function fieldTypeOf(sqlType: string): FieldType | null {
	const type = sqlType.toUpperCase();
	if (type === 'VARCHAR' || type.startsWith('VARCHAR(')) return 'text';
	if (type === 'BOOLEAN') return 'boolean';
	if (type === 'DATE' || type === 'TIMESTAMP' || /^TIMESTAMP_(S|MS|NS)$/.test(type)) return 'date';
	if (
		/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL)$/.test(
			type
		) ||
		type.startsWith('DECIMAL')
	) {
		return 'number';
	}
	return null;
}

/** The catalogue of columns read from a database (table, column, DuckDB type). */
export function catalogueOf(
	columns: readonly { table: FieldTable; name: string; sqlType: string }[],
	indicators: boolean
): FieldCatalogue {
	const seen = new Set<string>();
	const fields: Field[] = [];
	for (const column of columns) {
		const type = fieldTypeOf(column.sqlType);
		if (!type || HIDDEN.has(column.name) || seen.has(column.name)) continue;
		if (column.table === 'indicator' && !indicators) continue;
		seen.add(column.name);
		fields.push({ name: column.name, label: fieldLabel(column.name), type, table: column.table });
	}
	return { fields, indicators };
}

/** The fields of the workspace's 360° table and indicators, customer columns first. */
export async function loadFieldCatalogue(db: Db): Promise<FieldCatalogue> {
	const customers = C360_TABLES.customer;
	const indicators = INDICATOR_TABLES.customer;
	const all = rowsOf(
		await db.query(sql`SELECT table_name, column_name, data_type FROM information_schema.columns
			WHERE table_schema = 'main'
				AND table_name IN (${customers}, ${indicators}, ${PURCHASE_CATEGORY_TABLE})
			ORDER BY table_name = ${customers} DESC, ordinal_position`)
	);
	const purchaseCategories = all.some((r) => r.table_name === PURCHASE_CATEGORY_TABLE);
	const rows = all.filter((r) => r.table_name !== PURCHASE_CATEGORY_TABLE);
	const columns = rows.map((r) => ({
		table: (r.table_name === customers ? 'customer' : 'indicator') as FieldTable,
		name: String(r.column_name),
		sqlType: String(r.data_type)
	}));
	const catalogue = catalogueOf(
		columns,
		columns.some((c) => c.table === 'indicator')
	);
	const activity = columns.some((c) => c.table === 'customer' && c.name === ACTIVITY_COLUMN);
	return { ...catalogue, activity, purchaseCategories };
}
