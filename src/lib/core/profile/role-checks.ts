// The validation rule of each role that has one, as a SQL condition over a column's grouped
// values, and the check itself: how many non-empty values fail it and the most frequent
// failures. Shapes are the role detector's own (e-mail, phone, postcode, yes/no…), so
// a value the mapping calls an e-mail is judged here exactly as it was judged there. The
// tricky point is dates: a column whose dates were typed is checked with its own formats and
// order, so '12/31/1985' in a day-first column fails instead of passing as month-first.
import type { Db } from '../db';
import { DATE_FORMATS, DATE_SHAPE, shapePredicate, TIME_ZONE_SUFFIX } from '../roles/value-shapes';
import type { RoleId } from '../roles/vocabulary';
import { rowsOf } from '../sql/rows';
import { join, lit, sql, trusted, type Sql } from '../sql/sql';
import { canonicalPhone, phoneDigits } from './phone-canonical';
import { dateParse, decimalShape, INTEGER_SHAPE } from './typed-values';
import type { ColumnType, RoleCheck, ValueCount } from './types';
import { shown, type ValueTable } from './value-table';

/** Birth dates on or before this day are placeholders ('01/01/1900'), not births. */
const EARLIEST_BIRTH = '1900-01-01';

type Needed = 'p' | 'w' | 'd';

export interface RoleRule {
	rule: string;
	/** Columns to prepare besides `s`: phone digits, lower-case words, parsed date. */
	needs: readonly Needed[];
	valid: Sql;
}

const DATE_ROLES: ReadonlySet<RoleId> = new Set<RoleId>([
	'birth_date',
	'created_at',
	'updated_at',
	'event_time'
]);

export function isDateRole(role: RoleId): boolean {
	return DATE_ROLES.has(role);
}

/** The rule of a role, or null when its values cannot be judged one by one (names, ids…). */
export function roleRule(role: RoleId, type: ColumnType | null = null): RoleRule | null {
	const rule = (text: string, valid: Sql, needs: Needed[] = []): RoleRule => ({
		rule: text,
		needs,
		valid
	});
	switch (role) {
		case 'email':
			return rule('an e-mail address', shapePredicate('email'));
		case 'phone':
		case 'mobile':
			return rule('a phone number', sql`(${canonicalPhone()}) IS NOT NULL`, ['p']);
		case 'postcode':
			return rule('a postcode', shapePredicate('postcode'));
		case 'birth_date':
			return rule(
				`a date of birth after ${EARLIEST_BIRTH}`,
				sql`d > ${lit(EARLIEST_BIRTH)}::TIMESTAMP`,
				['d']
			);
		case 'created_at':
		case 'updated_at':
		case 'event_time':
			return rule('a date', sql`d IS NOT NULL`, ['d']);
		case 'amount': {
			const separator = type?.kind === 'decimal' ? type.separator : null;
			return separator
				? rule(
						`an amount written with '${separator}'`,
						sql`regexp_matches(s, ${decimalShape(separator)})`
					)
				: rule('an amount', sql`(${shapePredicate('decimal')} OR ${shapePredicate('integer')})`);
		}
		case 'quantity':
			return rule('a whole number', sql`regexp_matches(s, ${INTEGER_SHAPE})`);
		case 'email_optin':
		case 'sms_optin':
			return rule('a yes/no value', shapePredicate('boolean'), ['w']);
		case 'gender':
			return rule('a gender or title', shapePredicate('gender'), ['w']);
		case 'house_number':
			return rule('a house number', shapePredicate('houseNumber'));
		case 'first_name':
		case 'last_name':
		case 'full_name':
			return rule('a name (letters only)', shapePredicate('nameLike'));
		default:
			return null;
	}
}

/** The parsed date of `s`: with the column's own formats when it was typed as dates. */
export function dateOf(type: ColumnType | null): Sql {
	if (type && (type.kind === 'date' || type.kind === 'timestamp')) {
		return dateParse(type, trusted('s'));
	}
	const formats = sql`[${join(DATE_FORMATS.map((format) => lit(format)))}]`;
	return sql`CASE WHEN regexp_matches(s, ${DATE_SHAPE})
		THEN try_strptime(regexp_replace(s, ${TIME_ZONE_SUFFIX}, '\\1'), ${formats}) END`;
}

/** The columns a rule reads, over a relation with `s`. */
export function preparedColumns(needs: readonly Needed[], type: ColumnType | null): Sql {
	const columns: Sql[] = [trusted('s')];
	if (needs.includes('p')) columns.push(sql`${phoneDigits(trusted('s'))} AS p`);
	if (needs.includes('w')) {
		columns.push(sql`regexp_replace(lower(strip_accents(s)), '\\.$', '') AS w`);
	}
	if (needs.includes('d')) columns.push(sql`${dateOf(type)} AS d`);
	return join(columns);
}

/** Checks the non-empty values of a grouped column against the role's rule. */
export async function checkRole(
	db: Db,
	values: ValueTable,
	role: RoleId,
	type: ColumnType | null,
	examples = 5
): Promise<RoleCheck | null> {
	const rule = roleRule(role, type);
	if (!rule) return null;
	// Failures sort first; every row carries the totals, so one query gives all three.
	const rows = rowsOf(
		await db.query(sql`WITH prepared AS (
				SELECT raw, n, ${preparedColumns(rule.needs, type)} FROM ${values.name} WHERE v <> ''
			), judged AS (
				SELECT raw, n, coalesce(${rule.valid}, FALSE) AS ok FROM prepared
			)
			SELECT ${shown(trusted('raw'), 'value')}, n, ok, checked, invalid FROM (
				SELECT raw, n, ok, sum(n) OVER () AS checked,
					sum(CASE WHEN ok THEN 0 ELSE n END) OVER () AS invalid
				FROM judged ORDER BY ok, n DESC, raw LIMIT ${Math.max(1, examples)}
			) ORDER BY ok, n DESC, raw`)
	);
	const first = rows[0];
	const failures: ValueCount[] = rows
		.filter((row) => row.ok === false)
		.slice(0, examples)
		.map((row) => ({
			value: String(row.value),
			count: Number(row.n),
			truncated: row.value_cut === true
		}));
	return {
		role,
		rule: rule.rule,
		checked: Number(first?.checked ?? 0),
		invalid: Number(first?.invalid ?? 0),
		examples: failures
	};
}
