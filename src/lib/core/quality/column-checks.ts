// The per-column part of the quality report: validity of every column mapped to an e-mail,
// phone, postcode or date role (invalid count and most frequent failures), and the freshness
// of profile records (created_at/updated_at by month). Each column's values are grouped once
// and both read from the groups. The tricky point: a date column is typed first (format and
// day/month order decided from its data, as the profile does), so both its validity and its
// months use the column's own reading of dates rather than a guess per value.
import type { Db } from '../db';
import { readColumn } from '../profile/profile-column';
import { checkRole, dateOf, isDateRole } from '../profile/role-checks';
import { dateText } from '../profile/typed-values';
import type { ColumnType } from '../profile/types';
import { withValueTable, type ValueTable } from '../profile/value-table';
import type { RoleId } from '../roles/vocabulary';
import { rowsOf } from '../sql/rows';
import { sql } from '../sql/sql';
import type { PlannedSource } from './plan';
import type { ColumnValidity, Freshness, MonthCount, ValidityTopic } from './types';

export function topicOf(role: RoleId): ValidityTopic | null {
	if (role === 'email') return 'email';
	if (role === 'phone' || role === 'mobile') return 'phone';
	if (role === 'postcode') return 'postcode';
	return isDateRole(role) ? 'date' : null;
}

const TYPE_OPTIONS = { threshold: 0.9, preferDayFirst: true, seed: 42 };

async function readMonths(
	db: Db,
	values: ValueTable,
	type: ColumnType | null
): Promise<Omit<Freshness, 'sourceId' | 'column' | 'role'>> {
	const rows = rowsOf(
		await db.query(sql`WITH dated AS (
				SELECT n, ${dateOf(type)} AS d FROM (SELECT n, s FROM ${values.name} WHERE v <> '')
			)
			SELECT strftime(d, '%Y-%m') AS month, sum(n) AS count,
				${dateText(sql`min(min(d)) OVER ()`, false)} AS first,
				${dateText(sql`max(max(d)) OVER ()`, false)} AS last
			FROM dated GROUP BY 1 ORDER BY 1 NULLS FIRST`)
	);
	const months: MonthCount[] = [];
	let undated = 0;
	for (const row of rows) {
		if (row.month === null) undated += Number(row.count);
		else months.push({ month: String(row.month), count: Number(row.count) });
	}
	const dated = months.reduce((sum, m) => sum + m.count, 0);
	const first = rows[0]?.first;
	const last = rows[0]?.last;
	return {
		months,
		dated,
		undated,
		first: typeof first === 'string' ? first : null,
		last: typeof last === 'string' ? last : null
	};
}

export interface ColumnQuality {
	validity: ColumnValidity[];
	freshness: Freshness[];
}

/** Validity of each checked column of a source, and freshness of a profile source's dates. */
export async function checkSourceColumns(
	db: Db,
	source: PlannedSource,
	examples: number
): Promise<ColumnQuality> {
	const result: ColumnQuality = { validity: [], freshness: [] };
	const { sourceId, tableName, kind } = source.mapping;
	for (const { column, role } of source.columns) {
		const topic = topicOf(role);
		if (!topic) continue;
		await withValueTable(db, tableName, column, async (values) => {
			const type =
				topic === 'date'
					? (await readColumn(db, tableName, column, values, TYPE_OPTIONS)).inference.type
					: null;
			const check = await checkRole(db, values, role, type, examples);
			if (check) {
				const { rule, checked, invalid } = check;
				result.validity.push({
					sourceId,
					column,
					role,
					topic,
					rule,
					checked,
					invalid,
					examples: check.examples
				});
			}
			if (kind === 'profile' && (role === 'created_at' || role === 'updated_at')) {
				result.freshness.push({ sourceId, column, role, ...(await readMonths(db, values, type)) });
			}
		});
	}
	return result;
}
