// A column profile in words for the Sources area's profile table: the type with its detail
// (decimal comma, day-first dates), the range, and share formatting. Pure functions.
import type { ColumnProfile, ColumnType, ValueRange } from '$lib/core/profile';

export function typeLabel(type: ColumnType): string {
	switch (type.kind) {
		case 'empty':
			return 'empty';
		case 'text':
			return 'text';
		case 'boolean':
			return 'yes/no';
		case 'integer':
			return type.leadingZeros > 0 ? 'code (leading zeros)' : 'whole number';
		case 'decimal':
			return type.separator === ',' ? 'decimal (comma)' : 'decimal';
		case 'date':
		case 'timestamp': {
			const order = type.order === 'year-first' ? 'year first' : type.order.replace('-', ' ');
			return `${type.kind === 'date' ? 'date' : 'date & time'} (${order}, ${type.formats[0] ?? ''})`;
		}
	}
}

export function rangeLabel(range: ValueRange | null): string {
	if (!range) return '';
	if (range.kind === 'number') {
		return `${range.min.toLocaleString('en-US')} … ${range.max.toLocaleString('en-US')}`;
	}
	return `${range.min} … ${range.max}`;
}

export function percent(share: number): string {
	return `${(share * 100).toFixed(share < 0.1 && share > 0 ? 1 : 0)}%`;
}

export function invalidLabel(column: ColumnProfile): string {
	const check = column.roleCheck;
	if (!check) return '';
	return check.invalid === 0
		? 'all valid'
		: `${check.invalid.toLocaleString('en-US')} not ${check.rule}`;
}
