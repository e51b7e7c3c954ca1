// The live count of a rule from the customers of each of its conditions, kept between edits: a
// marketer changes one condition at a time, so an edit reads the customers of that condition
// alone (one scan of the 360° table with one predicate) and combines them with the kept sets of
// the others, instead of evaluating every condition on every customer again. A set is a bitmap
// over the rows of cc_customer_360 (its rowids, dense: the table is only ever written whole);
// AND, OR and NOT of groups are word-wise operations on the bitmaps, which is exact because
// every condition is TRUE or FALSE, never NULL (compile.ts). Revenue is summed over the set
// bits from the customers' revenue, read once. The key of a kept set is the text of its query
// (it holds every value and the as-of date) within one version of the tables (the 360° and
// indicator builds); at most MAX_KEPT sets are kept, the least recently used dropped first.
import type { Db } from '../db';
import { ident, sql } from '../sql/sql';
import { selectionOf, type SqlTarget } from './compile';
import type { SegmentCount } from './count';
import type { CheckedRule } from './validate';

const MAX_KEPT = 64;

/** Customers at most for bitmaps (beyond, the count stays one SQL query). */
export const MAX_BITMAP_CUSTOMERS = 20_000_000;

type Bits = Uint32Array;

function setBit(bits: Bits, row: number): void {
	const word = row >>> 5;
	bits[word] = (bits[word] ?? 0) | (1 << (row & 31));
}

/** The number of set bits of a 32-bit word. */
function bitCount(word: number): number {
	let w = word - ((word >>> 1) & 0x55555555);
	w = (w & 0x33333333) + ((w >>> 2) & 0x33333333);
	return Math.imul((w + (w >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

interface Customers {
	/** Customers (rows that exist) and their revenue. */
	everyone: number;
	allRevenue: number;
	revenue: Float64Array;
	/** Every existing row. */
	all: Bits;
}

export class LeafSets {
	private kept = new Map<string, Bits>();
	private customers: Customers | null = null;

	constructor(readonly version: string) {}

	private async loadCustomers(db: Db, table: string): Promise<Customers> {
		if (this.customers) return this.customers;
		const result = await db.query(sql`SELECT rowid::INTEGER AS r,
			coalesce(TRY_CAST(${ident('revenue')} AS DOUBLE), 0) AS revenue FROM ${ident(table)}`);
		const rowIds = result.getChild('r')?.toArray() as Int32Array | undefined;
		const revenues = result.getChild('revenue')?.toArray() as Float64Array | undefined;
		let rows = 0;
		for (const r of rowIds ?? []) rows = Math.max(rows, r + 1);
		const revenue = new Float64Array(rows);
		const all = new Uint32Array(Math.ceil(rows / 32));
		let allRevenue = 0;
		rowIds?.forEach((r, i) => {
			const value = revenues?.[i] ?? 0;
			revenue[r] = value;
			allRevenue += value;
			setBit(all, r);
		});
		this.customers = { everyone: rowIds?.length ?? 0, allRevenue, revenue, all };
		return this.customers;
	}

	/** The rows of one condition, kept or read now. */
	private async leaf(db: Db, rule: CheckedRule, target: SqlTarget, words: number): Promise<Bits> {
		const { from, where } = selectionOf(rule, target);
		// The engine packs the rows into 32-bit words itself: a thirty-second of the rows to
		// hand over (the native engine converts every value it returns). The word's bits are
		// returned as a signed INTEGER, which a Uint32Array stores back as the same bits.
		const bit = sql`(1::BIGINT << (c.rowid & 31))`;
		const query = sql`SELECT (c.rowid >> 5)::INTEGER AS w,
			(bit_or(${bit}) - CASE WHEN bit_or(${bit}) >= 2147483648 THEN 4294967296 ELSE 0 END)::INTEGER AS b
			${from} WHERE ${where} GROUP BY ALL`;
		const known = this.kept.get(query.text);
		if (known) {
			this.kept.delete(query.text);
			this.kept.set(query.text, known);
			return known;
		}
		const result = await db.query(query);
		const indexes = result.getChild('w')?.toArray() as Int32Array | undefined;
		const values = result.getChild('b')?.toArray() as Int32Array | undefined;
		const bits = new Uint32Array(words);
		indexes?.forEach((w, i) => {
			bits[w] = values?.[i] ?? 0;
		});
		this.kept.set(query.text, bits);
		while (this.kept.size > MAX_KEPT) {
			const oldest = this.kept.keys().next().value as string;
			this.kept.delete(oldest);
		}
		return bits;
	}

	private async rows(db: Db, rule: CheckedRule, target: SqlTarget, all: Bits): Promise<Bits> {
		if (rule.kind === 'segment') return this.rows(db, rule.rule, target, all);
		if (rule.kind !== 'group') return this.leaf(db, rule, target, all.length);
		const and = rule.combinator === 'and';
		const out = and ? all.slice() : new Uint32Array(all.length);
		for (const child of rule.children) {
			const bits = await this.rows(db, child, target, all);
			for (let w = 0; w < out.length; w += 1) {
				out[w] = and ? out[w]! & bits[w]! : out[w]! | bits[w]!;
			}
		}
		if (rule.negate) {
			for (let w = 0; w < out.length; w += 1) out[w] = ~out[w]! & all[w]!;
		}
		return out;
	}

	/** The count of a checked rule on the target's tables, as segmentCount gives it. */
	async count(db: Db, rule: CheckedRule, target: SqlTarget): Promise<SegmentCount> {
		const customers = await this.loadCustomers(db, target.tables.customers);
		const bits = await this.rows(db, rule, target, customers.all);
		let count = 0;
		let revenue = 0;
		for (let w = 0; w < bits.length; w += 1) {
			let word = bits[w]!;
			if (word === 0) continue;
			count += bitCount(word);
			while (word !== 0) {
				const low = word & -word;
				revenue += customers.revenue[w * 32 + 31 - Math.clz32(low)]!;
				word ^= low;
			}
		}
		return {
			customers: count,
			share: customers.everyone > 0 ? count / customers.everyone : null,
			revenue,
			revenueShare: customers.allRevenue !== 0 ? revenue / customers.allRevenue : null
		};
	}
}

const sets = new WeakMap<Db, LeafSets>();

/** The kept sets of a connection for a version of its tables (new ones when it changed). */
export function leafSets(db: Db, version: string): LeafSets {
	let kept = sets.get(db);
	if (!kept || kept.version !== version) {
		kept = new LeafSets(version);
		sets.set(db, kept);
	}
	return kept;
}
