// One field of the golden record chosen for every customer at once. Each member record holding
// a value for the field gets a sort key built from the field's rules, and arg_min keeps, per
// customer, the field's columns and record number of the record with the smallest key: one
// aggregate per field in a single GROUP BY, rather than a window sort per field. The tricky
// points: the key must be total, so a re-run gives the same record (after the rules come the
// source order and the record number — the record's place in its customer's records in record
// id order — which are unique together); and "largest first" rules are written as negated
// numbers, with records lacking a date put last by hand. Keys and values hold numbers only, not
// the record id: arg_min compares and carries them for half the cost of text.
import { ident, join, sql, type Sql } from '../sql/sql';
import { columnsOfField, completeness, countedForm } from './golden-columns';
import type { FieldSurvivorship, GoldenField, SurvivorshipRule } from './golden-settings';

/**
 * A source's rank for a field: its place in the field's list, the sources not listed after
 * them in catalog order (source_rank is the catalog position).
 */
export function sourceRank(sources: readonly string[] = []): Sql {
	const listed = [...new Set(sources)];
	if (listed.length === 0) return sql`source_rank`;
	const cases = listed.map((id, i) => sql`WHEN ${id} THEN ${i}`);
	return sql`CASE source_id ${join(cases, ' ')} ELSE ${listed.length} + source_rank END`;
}

/** The member table's column holding the field's vote count, when a rule asks for it. */
export function frequencyColumn(field: GoldenField): Sql {
	return ident(`frequency_${field}`);
}

/**
 * The vote count of the record's value among its customer's records, as a window over the
 * member table (cid is the customer's number); null when no rule of the field counts votes (a
 * window costs a sort).
 */
export function frequencyOf(field: GoldenField, survivorship: FieldSurvivorship): Sql | null {
	if (!survivorship.rules.includes('most_frequent')) return null;
	const columns = columnsOfField(field);
	// One value is counted as it is; an address block as the list of its parts.
	const forms = columns.map((c) => countedForm(c, ident(c.name)));
	const counted =
		forms.length === 1 ? (forms[0] as Sql) : sql`[${join(forms.map((f) => sql`${f}::VARCHAR`))}]`;
	return sql`count(*) OVER (PARTITION BY cid, ${counted})`;
}

/** Later than any real date: records without a date sort after every dated one. */
const UNDATED = 9223372036854775807n;

function keyOf(field: GoldenField, rule: SurvivorshipRule, rank: Sql): Sql | null {
	switch (rule) {
		case 'source_priority':
			return rank;
		case 'most_recent':
			return sql`coalesce(-epoch_us(record_date), ${UNDATED})`;
		case 'most_frequent':
			return sql`-${frequencyColumn(field)}`;
		case 'most_complete':
			return sql`-${completeness(field, ident)}`;
		default:
			// A rule saved by a newer version is skipped rather than failing the whole build.
			return null;
	}
}

/** The member table's column numbering each customer's records in record id order: 1, 2… */
export const RECORD_NUMBER = 'record_number';

/**
 * The aggregate choosing the field's record per customer: a struct of the record number and
 * the field's columns, named `pick_<field>`.
 */
export function pickAggregate(field: GoldenField, survivorship: FieldSurvivorship): Sql {
	const columns = columnsOfField(field);
	const held = join(
		columns.map((c) => sql`${ident(c.name)} IS NOT NULL`),
		' OR '
	);
	const rank = sourceRank(survivorship.sources);
	const number = ident(RECORD_NUMBER);
	const keys = [
		...survivorship.rules.flatMap((rule) => keyOf(field, rule, rank) ?? []),
		rank,
		number
	];
	const picked = [number, ...columns.map((c) => ident(c.name))];
	const struct = (parts: readonly Sql[], names: readonly string[]) =>
		sql`{${join(parts.map((p, i) => sql`${names[i] ?? `k${i}`}: ${p}`))}}`;
	const value = struct(picked, [RECORD_NUMBER, ...columns.map((c) => c.name)]);
	const key = struct(keys, []);
	return sql`arg_min(${value}, ${key}) FILTER (WHERE ${held}) AS ${ident(`pick_${field}`)}`;
}
