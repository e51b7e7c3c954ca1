// Times of day for simulated events, as intervals to add to a date. The tricky point: they are
// whole seconds from a uniform draw, so timestamps stay exact and identical on every engine.
import { sql, type Sql } from '../sql/sql';

/** A moment while the stores are open, 9:30 to 19:30. */
export function openingHours(u: Sql): Sql {
	return sql`to_seconds((34200 + floor(36000 * ${u}))::BIGINT)`;
}

/** A moment at `share` of the day (0 = midnight, 0.5 = noon). */
export function timeOfDay(share: Sql): Sql {
	return sql`to_seconds(floor(86400 * (${share}))::BIGINT)`;
}

/** Euros from cents, exactly (DECIMAL arithmetic, no binary fractions). */
export function euros(cents: Sql): Sql {
	return sql`(${cents}::DECIMAL(14, 2) * 0.01)::DECIMAL(12, 2)`;
}
