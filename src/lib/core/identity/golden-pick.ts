// One field of the golden record chosen for every customer at once. Each member record holding
// a value for the field gets a sort key built from the field's rules, and arg_min keeps, per
// customer, the field's columns and record number of the record with the smallest key: one
// aggregate per field in a single GROUP BY, rather than a window sort per field. The tricky
// points: the key must be total, so a re-run gives the same record (after the rules come the
// source order and the record number — the record's place in its customer's records in record
// id order — which are unique together); and every part of the key is a whole number from 0 up
// ("largest first" rules count down from 2^32, the newest record is ranked 1), so the parts pack
// into one HUGEINT. Keys and values hold numbers only, not the record id: arg_min compares and
// carries them for half the cost of text.
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

/** A part of a sort key: a whole number from 0 up to (but not including) 2^bits. */
interface KeyPart {
	value: Sql;
	bits: number;
}

/** Largest first, as a key part: 2^32 − 1 − n, for counts and lengths below 2^32. */
const largestFirst = (n: Sql): KeyPart => ({ value: sql`(4294967295 - ${n})`, bits: 32 });

/** The member table's column ranking each customer's records newest first (undated last). */
export const RECENCY = 'recency';

function keyOf(field: GoldenField, rule: SurvivorshipRule, rank: KeyPart): KeyPart | null {
	switch (rule) {
		case 'source_priority':
			return rank;
		case 'most_recent':
			return { value: ident(RECENCY), bits: 32 };
		case 'most_frequent':
			return largestFirst(frequencyColumn(field));
		case 'most_complete':
			return largestFirst(completeness(field, ident));
		default:
			// A rule saved by a newer version is skipped rather than failing the whole build.
			return null;
	}
}

/** The member table's column numbering each customer's records in record id order: 1, 2… */
export const RECORD_NUMBER = 'record_number';

/**
 * One sort key of the parts in order: a HUGEINT holding each part in bits of its own, the first
 * part highest, when they fit (a number compares for a fraction of what a struct does); a struct
 * of them when they do not (three rules or more besides source order).
 */
function sortKey(first: KeyPart, rest: readonly KeyPart[]): Sql {
	const parts = [first, ...rest];
	const bits = parts.reduce((sum, part) => sum + part.bits, 0);
	if (bits > 127) return sql`{${join(parts.map((p, i) => sql`${`k${i}`}: ${p.value}`))}}`;
	return rest.reduce(
		(key, part) => sql`(${key} * ${2 ** part.bits} + ${part.value})`,
		sql`${first.value}::HUGEINT`
	);
}

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
	// Source ranks are the sources' places in a list: far below 2^20.
	const rank: KeyPart = { value: sourceRank(survivorship.sources), bits: 20 };
	const number = ident(RECORD_NUMBER);
	const rules = survivorship.rules.flatMap((rule) => keyOf(field, rule, rank) ?? []);
	// Source order breaks the rules' ties, unless a rule is source order already.
	const ties = rules.includes(rank) ? [] : [rank];
	const [first = rank, ...rest] = [...rules, ...ties];
	const key = sortKey(first, [...rest, { value: number, bits: 32 }]);
	const picked = [number, ...columns.map((c) => ident(c.name))];
	const names = [RECORD_NUMBER, ...columns.map((c) => c.name)];
	const value = sql`{${join(picked.map((p, i) => sql`${names[i] ?? `k${i}`}: ${p}`))}}`;
	return sql`arg_min(${value}, ${key}) FILTER (WHERE ${held}) AS ${ident(`pick_${field}`)}`;
}
