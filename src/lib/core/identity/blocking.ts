// Blocking: which pairs of records are compared at all. Comparing every record with every other
// is quadratic, so only pairs sharing a blocking key are candidates: an identifier (e-mail,
// phone, loyalty card, national id) or a combination of fields (last name and birth date…).
// The tricky point is a key shared by very many records (a common name in a big city): its
// pairs would swamp the run, so such keys are skipped and counted, never silently dropped.
import type { Db } from '../db';
import { rowsOf } from '../sql/rows';
import { ident, join, sql, type Sql } from '../sql/sql';
import type { RecordField } from './records';
import { dropTables, IDENTITY_TABLES } from './tables';
import type { MatchRule } from './types';

export interface BlockingRule {
	id: string;
	label: string;
	/** A shared identifier of this kind (multi-valued, junk excluded)… */
	identifier?: 'email' | 'phone' | 'national_id' | 'loyalty_id';
	/** …or equal values of all these key expressions over one record `t`. */
	keys?: readonly { field: RecordField; expression?: (value: Sql) => Sql }[];
	/** Used only when its pairs fit the budget. */
	broad?: boolean;
}

/**
 * Fields that belong to one person only. Different people share a household's last name,
 * address, e-mail or phone, never (twins aside) a first name and a birth date; pairs agreeing
 * on a personal field are therefore where the match model learns how real duplicates differ.
 */
const PERSONAL_FIELDS: ReadonlySet<RecordField> = new Set([
	'first_name',
	'birth_date',
	'national_id'
]);

/**
 * Whether a rule's pairs train the model: it keys on a personal field, and on whole values only
 * (a rule on name initials leaves too little evidence in its pairs for EM to tell matches apart).
 */
export function trainsModel(rule: BlockingRule): boolean {
	const whole = (rule.keys ?? []).every((key) => key.expression === undefined);
	return whole && ruleFields(rule).some((field) => PERSONAL_FIELDS.has(field));
}

const prefix = (n: number) => (value: Sql) => sql`left(${value}, ${n})`;
const year = (value: Sql) => sql`year(${value})`;

export const BLOCKING_RULES: readonly BlockingRule[] = [
	{ id: 'email', label: 'Same e-mail address', identifier: 'email' },
	{ id: 'phone', label: 'Same phone number', identifier: 'phone' },
	{ id: 'national_id', label: 'Same national id', identifier: 'national_id' },
	{ id: 'loyalty_id', label: 'Same loyalty card', identifier: 'loyalty_id' },
	{
		id: 'names',
		label: 'Same first and last name',
		keys: [{ field: 'first_name' }, { field: 'last_name' }]
	},
	{
		id: 'last_name_birth',
		label: 'Same last name and birth date',
		keys: [{ field: 'last_name' }, { field: 'birth_date' }]
	},
	{
		id: 'first_name_birth',
		label: 'Same first name and birth date',
		keys: [{ field: 'first_name' }, { field: 'birth_date' }]
	},
	{
		id: 'birth_postcode',
		label: 'Same birth date and postcode',
		keys: [{ field: 'birth_date' }, { field: 'postcode' }]
	},
	{
		id: 'postcode_name_start',
		label: 'Same postcode, last names starting alike',
		keys: [{ field: 'postcode' }, { field: 'last_name', expression: prefix(2) }]
	},
	{
		id: 'city_names_start',
		label: 'Same city, names starting alike',
		keys: [
			{ field: 'city' },
			{ field: 'first_name', expression: prefix(1) },
			{ field: 'last_name', expression: prefix(1) }
		]
	},
	{
		id: 'birth_year_names_start',
		label: 'Same birth year, names starting alike',
		keys: [
			{ field: 'birth_date', expression: year },
			{ field: 'first_name', expression: prefix(2) },
			{ field: 'last_name', expression: prefix(2) }
		]
	},
	// Broad rules: one field each. They find pairs corrupted everywhere else, and are used only
	// while the pairs they generate stay within the budget (small and mid-sized workspaces).
	...(['birth_date', 'last_name', 'first_name', 'postcode', 'city'] as const).map(
		(field): BlockingRule => ({
			id: `same_${field}`,
			label: `Same ${field.replace('_', ' ')}`,
			keys: [{ field }],
			broad: true
		})
	),
	{
		id: 'street_number',
		label: 'Same street and house number',
		keys: [{ field: 'street' }, { field: 'house_number' }, { field: 'postcode' }]
	}
];

/** Whether bit `i` is set in a pair's rule mask (a BIGINT read as a double: exact to 2^53). */
export function hasRule(mask: number, i: number): boolean {
	return Math.floor(mask / 2 ** i) % 2 === 1;
}

/** The record fields a rule's pairs agree on (or on part of) by construction. */
export function ruleFields(rule: BlockingRule): RecordField[] {
	return rule.identifier ? [rule.identifier] : (rule.keys ?? []).map((k) => k.field);
}

/** A deterministic rule's pairs, generated as a blocking rule of its own (`rule:<id>`). */
export function ruleBlocking(rule: MatchRule): BlockingRule {
	return {
		id: `rule:${rule.id}`,
		label: rule.label,
		keys: rule.fields.map((field) => ({ field }))
	};
}

export interface BlockingCount {
	ruleId: string;
	label: string;
	/** Pairs this rule generates (a pair may come from several rules). */
	pairs: number;
	/** Keys skipped because too many records share them (over the block limit or the budget). */
	skippedKeys: number;
	/** False when the rule would generate more pairs than its budget, and so was left out. */
	used: boolean;
}

/** The records holding every field of a key rule, with their key parts as k0, k1… */
function keyedRecords(rule: BlockingRule): { keyed: Sql; names: Sql[] } {
	const keys = rule.keys ?? [];
	const names = keys.map((_, i) => ident(`k${i}`));
	const parts = keys.map((k, i) => {
		const column = sql`t.${ident(k.field)}`;
		return sql`${k.expression ? k.expression(column) : column} AS ${names[i] as Sql}`;
	});
	const filled = keys.map((k) => sql`t.${ident(k.field)} IS NOT NULL`);
	const keyed = sql`SELECT rid, ${join(parts)} FROM ${ident(IDENTITY_TABLES.record)} t
		WHERE ${join(filled, ' AND ')}`;
	return { keyed, names };
}

/** The temporary table of a key rule's shared keys (see keptKeys), by the rule's place. */
const keysTable = (index: number) => `cc_id_block_${index}`;

/**
 * Creates the temporary table of the keys of a key rule that two records or more share, with
 * their record count `n`, and returns how many keys hold n records, for each n from 2 up. The
 * pair generation reads its blocks there: the records are grouped by key once, not twice.
 */
async function keptKeys(
	db: Db,
	rule: BlockingRule,
	table: string
): Promise<{ n: number; keys: number }[]> {
	const { keyed, names } = keyedRecords(rule);
	await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${ident(table)} AS
		SELECT ${join(names)}, count(*) AS n FROM (${keyed}) GROUP BY ALL HAVING count(*) >= 2`);
	return rowsOf(
		await db.query(sql`SELECT n, count(*) AS keys FROM ${ident(table)} GROUP BY n ORDER BY n`)
	).map((row) => ({ n: Number(row.n), keys: Number(row.keys) }));
}

/** A rule's pairs: `keys` is the table of its shared keys (key rules), `maxBlock` its cap. */
function rulePairs(rule: BlockingRule, index: number, maxBlock: number, keys: string): Sql {
	const { identifier, junk } = IDENTITY_TABLES;
	if (rule.identifier) {
		// Junk is left out before the self-join: a placeholder shared by thousands of records
		// would otherwise make millions of pairs only to drop them. An anti join on the short junk
		// table, not NOT EXISTS: the correlated subquery made DuckDB deduplicate every identifier.
		const held = sql`SELECT rid, value FROM ${ident(identifier)} i
			ANTI JOIN ${ident(junk)} j ON j.kind = i.kind AND j.value = i.value
			WHERE i.kind = ${rule.identifier}`;
		return sql`SELECT * FROM (
			WITH held AS (${held})
			SELECT a.rid AS l, b.rid AS r, ${index} AS rule
			FROM held a JOIN held b ON a.value = b.value AND a.rid < b.rid
		)`;
	}
	const { keyed, names } = keyedRecords(rule);
	const equal = names.map((name) => sql`a.${name} = b.${name}`);
	// Only records whose key is shared, by no more than the cap, enter the self-join.
	return sql`SELECT * FROM (
			WITH keyed AS (${keyed}), blocks AS (
				SELECT ${join(names)} FROM ${ident(keys)} WHERE n <= ${maxBlock}
			), members AS (
				SELECT * FROM keyed SEMI JOIN blocks USING (${join(names)})
			)
			SELECT a.rid AS l, b.rid AS r, ${index} AS rule
			FROM members a JOIN members b ON ${join(equal, ' AND ')} AND a.rid < b.rid
		)`;
}

/**
 * Whether a rule keys on one field alone or on parts of values (initials, birth year): a
 * fallback for records that differ in every sharper key, whose pairs are mostly different people.
 */
export function isCoarse(rule: BlockingRule): boolean {
	return rule.broad === true || (rule.keys ?? []).some((key) => key.expression !== undefined);
}

/**
 * Pairs one rule may generate: about one per record (a quarter of one for a coarse rule: at a
 * million records their extra pairs cost half the run and found no more duplicates, measured on
 * the demo), and never less than a small workspace needs.
 */
export function ruleBudget(records: number, rule: BlockingRule): number {
	return Math.max(100_000, isCoarse(rule) ? records / 4 : records);
}

/**
 * The largest block a rule keeps: at most maxBlock records, and small enough that the rule's
 * pairs stay within its budget — the biggest keys (the most common names, the largest towns)
 * are the ones left out, as they say least about who is who.
 */
export function blockCap(
	sizes: readonly { n: number; keys: number }[],
	maxBlock: number,
	budget: number
): { cap: number; pairs: number; skippedKeys: number } {
	let cap = 1;
	let pairs = 0;
	for (const { n, keys } of sizes) {
		if (n > maxBlock) break;
		const more = (keys * n * (n - 1)) / 2;
		if (pairs + more > budget) break;
		pairs += more;
		cap = n;
	}
	const skippedKeys = sizes.filter((s) => s.n > cap).reduce((sum, s) => sum + s.keys, 0);
	return { cap, pairs, skippedKeys };
}

/**
 * Creates `into` (l, r, rules: the bitmask of the rules that generated the pair) from the rules
 * whose fields the records have (broad ones only within their budget), and returns the rules
 * used, in bit order, and what each generated. The key rules' shared keys are kept in temporary
 * tables while the pairs are generated, and dropped after, whatever happens.
 */
export async function candidatePairs(
	db: Db,
	rules: readonly BlockingRule[],
	presentFields: ReadonlySet<RecordField>,
	records: number,
	maxBlock: number,
	into: string
): Promise<{ usable: BlockingRule[]; counts: BlockingCount[] }> {
	try {
		const usable: { rule: BlockingRule; cap: number; keys: string }[] = [];
		const counts: BlockingCount[] = [];
		for (const [i, rule] of rules.entries()) {
			if (!ruleFields(rule).every((field) => presentFields.has(field))) continue;
			// Identifier rules need no cap: the junk guard already removed crowded identifiers.
			const size = rule.keys
				? blockCap(await keptKeys(db, rule, keysTable(i)), maxBlock, ruleBudget(records, rule))
				: { cap: maxBlock, pairs: 0, skippedKeys: 0 };
			// A broad rule left with pairs of twos only says too little to be worth its pairs.
			const tooBroad = rule.broad === true && size.cap < 3;
			counts.push({
				ruleId: rule.id,
				label: rule.label,
				pairs: 0,
				skippedKeys: size.skippedKeys,
				used: !tooBroad
			});
			if (!tooBroad) usable.push({ rule, cap: size.cap, keys: keysTable(i) });
			else await dropTables(db, [keysTable(i)]);
		}
		const used = usable.map((u) => u.rule);
		if (usable.length === 0) {
			await db.exec(
				sql`CREATE OR REPLACE TEMP TABLE ${ident(into)} (l INTEGER, r INTEGER, rules INTEGER)`
			);
			return { usable: used, counts };
		}
		const parts = usable.map((u, i) => rulePairs(u.rule, i, u.cap, u.keys));
		await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${ident(into)} AS
			SELECT l, r, bit_or(1::BIGINT << rule) AS rules FROM (${join(parts, ' UNION ALL ')})
			GROUP BY l, r`);
		const [row] = rowsOf(
			await db.query(
				sql`SELECT ${join(
					usable.map(
						(_, i) =>
							sql`count(*) FILTER (WHERE rules & (1::BIGINT << ${i}) <> 0) AS ${ident(`r${i}`)}`
					)
				)} FROM ${ident(into)}`
			)
		);
		used.forEach((rule, i) => {
			const count = counts.find((c) => c.ruleId === rule.id);
			if (count) count.pairs = Number(row?.[`r${i}`] ?? 0);
		});
		return { usable: used, counts };
	} finally {
		await dropTables(
			db,
			rules.map((_, i) => keysTable(i))
		);
	}
}
