// The segment builder's field picker: the catalogue's fields in the groups a marketer thinks in
// (golden record, KPIs, custom attributes, indicators), narrowed by what was typed in its search.
// The tricky point: the 360° table holds all three customer groups in one table, so a column is
// placed by its name — a role of the vocabulary or a record column is the golden record, a KPI
// name a KPI, anything else an attribute a source brought under its own name.
import { KPI_COLUMNS } from '$lib/core/customer360/kpis';
import type { Field } from '$lib/core/segments/fields';
import { isRoleId } from '$lib/core/roles/vocabulary';

export type FieldGroupId = 'golden' | 'kpi' | 'custom' | 'indicator';

export interface FieldGroup {
	id: FieldGroupId;
	label: string;
	fields: Field[];
}

const GROUP_LABELS: Readonly<Record<FieldGroupId, string>> = {
	golden: 'Golden record',
	kpi: 'KPIs',
	custom: 'Custom attributes',
	indicator: 'Indicators'
};

const RECORD_COLUMNS = new Set([
	'customer_id',
	'record_count',
	'profile_sources',
	'first_seen',
	'last_updated'
]);

export function groupOfField(field: Field): FieldGroupId {
	if (field.table === 'indicator') return 'indicator';
	if (isRoleId(field.name) || RECORD_COLUMNS.has(field.name)) return 'golden';
	if (Object.hasOwn(KPI_COLUMNS, field.name)) return 'kpi';
	return 'custom';
}

/** Whether every word typed is found in the field's label or column name. */
export function fieldMatches(field: Field, search: string): boolean {
	const text = `${field.label} ${field.name} ${field.name.replaceAll('_', ' ')}`.toLowerCase();
	return search
		.toLowerCase()
		.split(/\s+/)
		.filter(Boolean)
		.every((word) => text.includes(word));
}

/** The fields matching `search`, by group in the order above, each group's fields in order. */
export function fieldGroups(fields: readonly Field[], search = ''): FieldGroup[] {
	const order: FieldGroupId[] = ['golden', 'kpi', 'custom', 'indicator'];
	return order
		.map((id) => ({
			id,
			label: GROUP_LABELS[id],
			fields: fields.filter((f) => groupOfField(f) === id && fieldMatches(f, search))
		}))
		.filter((group) => group.fields.length > 0);
}
