// The ways people's names get mangled on their way into a system: letter typos, capitals,
// lost accents. The tricky point: a typo must never touch the first letter (people and
// blocking keys rely on it, and so do real typists) and names shorter than 3 letters stay as
// they are, so every variant is still a plausible spelling of the same name.
import { sql, type Sql } from '../../sql/sql';
import { pick } from '../draw';

const REPLACEMENT_LETTERS = ['e', 'a', 'i', 'n', 'r', 's', 't', 'o', 'l', 'u'];

/**
 * One typing slip in `name` (a column or short expression: it is repeated): swap two neighbour
 * letters, drop one, double one or hit a wrong key. `u` places the slip, `kind` chooses it.
 */
export function typo(name: Sql, u: Sql, kind: Sql): Sql {
	const at = sql`(2 + floor(${u} * (length(${name}) - 2))::INTEGER)`;
	const before = sql`substr(${name}, 1, ${at} - 1)`;
	const letter = (offset: number) => sql`substr(${name}, ${at} + ${offset}, 1)`;
	const after = (offset: number) => sql`substr(${name}, ${at} + ${offset})`;
	return sql`(CASE
		WHEN length(${name}) < 3 THEN ${name}
		WHEN ${kind} < 0.3 THEN ${before} || ${letter(1)} || ${letter(0)} || ${after(2)}
		WHEN ${kind} < 0.55 THEN ${before} || ${after(1)}
		WHEN ${kind} < 0.75 THEN ${before} || ${letter(0)} || ${after(0)}
		ELSE ${before} || ${pick(REPLACEMENT_LETTERS, kind)} || ${after(1)}
	END)`;
}

/** The name as an old system without accents stores it ('Hélène' → 'Helene'). */
export function withoutAccents(name: Sql): Sql {
	return sql`strip_accents(${name})`;
}
