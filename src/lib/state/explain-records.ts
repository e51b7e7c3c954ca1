// A customer's records as the explanation page lays them out: one column per record, one row per
// field, each value marked as agreeing with another record's value (same text once case and
// spaces are set aside), differing from all of them, or alone. Only the fields that say who a
// person is are marked: dates of creation or consent differ between records of one person.
// Pure functions, no engine.
import type { RecordDetail } from '$lib/core/identity/record-details';
import { isRoleId, roleDefinition, type RoleGroup } from '$lib/core/roles';
import { columnTitle } from './identity-view';

/** agrees: another record holds the same value; differs: others hold values, none the same. */
export type Agreement = 'agrees' | 'differs' | 'alone' | 'missing' | 'plain';

export interface FieldCell {
	value: string | null;
	agreement: Agreement;
}

export interface SideBySideRow {
	field: string;
	label: string;
	cells: FieldCell[];
}

const MARKED: ReadonlySet<RoleGroup> = new Set(['identity', 'contact', 'name', 'address']);

/** The role a view column holds: "email_2" (a second e-mail column) is an e-mail too. */
function roleOf(field: string): string {
	return isRoleId(field) ? field : field.replace(/_\d+$/, '');
}

function fieldLabel(field: string): string {
	const role = roleOf(field);
	if (!isRoleId(role)) return columnTitle(field);
	const label = roleDefinition(role).label;
	return role === field ? label : `${label} (${field.slice(role.length + 1)})`;
}

function isMarked(field: string): boolean {
	const role = roleOf(field);
	return isRoleId(role) && MARKED.has(roleDefinition(role).group);
}

const comparable = (value: string) => value.trim().toLowerCase().replace(/\s+/g, ' ');

/** Rows in the order fields first appear, record by record; fields no record fills are left out. */
export function sideBySide(records: readonly RecordDetail[]): SideBySideRow[] {
	const fields = [...new Set(records.flatMap((r) => Object.keys(r.fields)))];
	return fields.flatMap((field) => {
		const values = records.map((r) => r.fields[field] ?? null);
		if (values.every((v) => v === null || v.trim() === '')) return [];
		const marked = isMarked(field);
		const counts = new Map<string, number>();
		for (const v of values)
			if (v !== null) counts.set(comparable(v), (counts.get(comparable(v)) ?? 0) + 1);
		const filled = values.filter((v) => v !== null).length;
		const cells = values.map((value): FieldCell => {
			if (value === null) return { value, agreement: 'missing' };
			if (!marked) return { value, agreement: 'plain' };
			if ((counts.get(comparable(value)) ?? 0) > 1) return { value, agreement: 'agrees' };
			return { value, agreement: filled > 1 ? 'differs' : 'alone' };
		});
		return [{ field, label: fieldLabel(field), cells }];
	});
}

/** The record's own key: its id without the source's prefix ("CLI0000499"). */
export function recordKey(record: Pick<RecordDetail, 'recordId' | 'sourceId'>): string {
	const prefix = `${record.sourceId}:`;
	return record.recordId.startsWith(prefix)
		? record.recordId.slice(prefix.length)
		: record.recordId;
}

function mostFrequent(values: readonly string[]): string | null {
	const groups = new Map<string, string[]>();
	for (const value of values) {
		const key = comparable(value);
		groups.set(key, [...(groups.get(key) ?? []), value]);
	}
	let best: string[] | null = null;
	for (const group of groups.values()) if (!best || group.length > best.length) best = group;
	if (!best) return null;
	// Of the spellings of that value, one written in mixed case reads best ("Marie", not "MARIE").
	return best.find((v) => v !== v.toUpperCase() && v !== v.toLowerCase()) ?? best[0] ?? null;
}

const filledValues = (records: readonly RecordDetail[], field: string) =>
	records.flatMap((r) => {
		const value = r.fields[field]?.trim();
		return value ? [value] : [];
	});

/** A name people can read: the most frequent first and last name, else full name, else e-mail. */
export function readableName(records: readonly RecordDetail[]): string | null {
	const first = mostFrequent(filledValues(records, 'first_name'));
	const last = mostFrequent(filledValues(records, 'last_name'));
	const name = [first, last].filter((part) => part !== null).join(' ');
	if (name) return name;
	return (
		mostFrequent(filledValues(records, 'full_name')) ?? mostFrequent(filledValues(records, 'email'))
	);
}

/** How many sources the records come from. */
export function sourceCount(records: readonly RecordDetail[]): number {
	return new Set(records.map((r) => r.sourceId)).size;
}
