// A column plan in words: the decision the page shows next to a date or number column (what
// the data say and why, and the choice by hand), and the note the view's builder leaves. The
// tricky point: the reason is always about the data, even when the user chose otherwise, so
// the page can show both side by side.
import { roleLabel, type RoleId } from '../roles/vocabulary';
import type { ColumnPlan, DateDetection, SeparatorDetection } from './column-reading';
import { SEPARATOR_LABELS } from './reading-kind';
import type { ReadingDecision } from './types';

const count = (n: number) => n.toLocaleString('en-US');

function dateReason(detected: DateDetection): string {
	if (detected.order === null) return 'no value reads as a date';
	if (detected.decidedBy === 'layout') return 'written year first';
	if (detected.decidedBy === 'assumed') return 'no value decides it, so it is assumed';
	const { dayFirst, monthFirst } = detected.evidence;
	const [deciding, other] =
		detected.order === 'month-first' ? [monthFirst, dayFirst] : [dayFirst, monthFirst];
	const against = other > 0 ? `; ${count(other)} read only the other way` : '';
	return `${count(deciding)} values decide it${against}`;
}

function separatorReason(detected: SeparatorDetection): string {
	if (detected.decidedBy === 'assumed') return 'no value has decimals, so it is assumed';
	const { point, comma } = detected.evidence;
	const [used, other] = detected.separator === ',' ? [comma, point] : [point, comma];
	const otherLabel = SEPARATOR_LABELS[detected.separator === ',' ? '.' : ','];
	const against = other > 0 ? `, ${count(other)} a ${otherLabel}` : '';
	return `${count(used)} values have a ${SEPARATOR_LABELS[detected.separator]}${against}`;
}

export function decisionOf(column: string, plan: ColumnPlan): ReadingDecision {
	if (plan.kind === 'date') {
		const { date } = plan;
		return {
			column,
			kind: 'date',
			detected: date.detected.order,
			reason: dateReason(date.detected),
			chosen: date.decidedBy === 'hand' ? date.typing.order : null
		};
	}
	const { number } = plan;
	return {
		column,
		kind: 'number',
		detected: number.detected.separator,
		reason: separatorReason(number.detected),
		chosen: number.decidedBy === 'hand' ? number.separator : null
	};
}

/** What the builder decided for the column, as a note of the view. */
export function noteOf(role: RoleId, plan: ColumnPlan): string {
	const label = roleLabel(role);
	if (plan.kind === 'number') {
		const { separator, decidedBy, detected } = plan.number;
		const how = `numbers read with a ${SEPARATOR_LABELS[separator]}`;
		if (decidedBy === 'hand') return `${label}: ${how} (chosen by hand).`;
		if (decidedBy === 'assumed') return `${label}: no value has decimals, so ${how}.`;
		const used = separator === ',' ? detected.evidence.comma : detected.evidence.point;
		return `${label}: ${how} (${count(used)} values decide it).`;
	}
	const { typing, decidedBy, detected } = plan.date;
	if (typing.formats.length === 0)
		return `${label}: no value reads as a date, so the column is empty.`;
	if (decidedBy === 'hand') return `${label}: dates read ${typing.order} (chosen by hand).`;
	if (decidedBy === 'layout') return `${label}: dates read ${typing.order}.`;
	if (decidedBy === 'assumed')
		return `${label}: dates read ${typing.order} (no value decides it, so it is assumed).`;
	const decide =
		typing.order === 'month-first' ? detected.evidence.monthFirst : detected.evidence.dayFirst;
	return `${label}: dates read ${typing.order} (${count(decide)} values decide it).`;
}
