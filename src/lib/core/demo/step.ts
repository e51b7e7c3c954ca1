// What every generator step receives and returns. The tricky point: the context holds only
// values derived from the validated options (seed, dates), so a step's SQL is a pure function
// of the options and the same options always give the same SQL text on every engine.
import { sql, type Sql } from '../sql/sql';
import { drawWith, type Draw } from './draw';
import type { ResolvedDemoOptions } from './options';

export interface DemoStep {
	/** What the step does, for progress messages ("Store receipts: simulating the rows"). */
	label: string;
	statement: Sql;
}

/** How far back the simulated history goes before the reference date. */
export const HISTORY_DAYS = 1095;

export interface DemoContext {
	persons: number;
	seed: number;
	/** The reference date as a DATE literal: the day the exports were taken. */
	asOf: Sql;
	/** The first day of the simulated history (asOf − HISTORY_DAYS). */
	start: Sql;
	/** Uniform draws on [0, 1) keyed by the seed. */
	draw: Draw;
}

export function demoContext(options: ResolvedDemoOptions): DemoContext {
	return {
		persons: options.persons,
		seed: options.seed,
		asOf: sql`DATE ${options.asOf}`,
		start: sql`(DATE ${options.asOf} - ${HISTORY_DAYS})`,
		draw: drawWith(options.seed)
	};
}

/** Days from a person's acquisition to their churn (or the reference date): their active life. */
export function activeDays(ctx: DemoContext): Sql {
	return sql`(least(coalesce(churned_on, ${ctx.asOf}), ${ctx.asOf}) - acquired_on)`;
}

/**
 * A seed-dependent offset in [0, modulus) for the id permutations (phone numbers, card numbers):
 * plain integer arithmetic well inside 2^53, so it is exact in JavaScript.
 */
export function seedOffset(seed: number, salt: number, modulus: number): number {
	return (seed * 7919 + salt * 104729 + 12345) % modulus;
}
