// The demo generator's options and their validation. The tricky point: the seed and the
// reference date are interpolated into every step's SQL, so they are checked here, once,
// before any table is touched, with messages that say what to change.

export interface DemoOptions {
	/** How many true persons to simulate (1 to 2,000,000). */
	persons: number;
	/** Same seed, same tables, byte for byte, on every engine. Default 42. */
	seed?: number;
	/** The day the exports were taken, 'YYYY-MM-DD'. Events fall in the ~3 years before it. */
	asOf?: string;
}

export interface ResolvedDemoOptions {
	persons: number;
	seed: number;
	asOf: string;
}

export const MAX_DEMO_PERSONS = 2_000_000;
export const DEFAULT_DEMO_SEED = 42;
export const DEFAULT_DEMO_AS_OF = '2026-06-30';

function isCalendarDate(text: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

/** Fills in the defaults and throws an Error naming the first option that is not usable. */
export function resolveDemoOptions(options: DemoOptions): ResolvedDemoOptions {
	const { persons, seed = DEFAULT_DEMO_SEED, asOf = DEFAULT_DEMO_AS_OF } = options;
	if (!Number.isInteger(persons) || persons < 1 || persons > MAX_DEMO_PERSONS) {
		throw new Error(
			`The number of persons must be a whole number from 1 to ${MAX_DEMO_PERSONS.toLocaleString('en')} (got ${String(persons)}).`
		);
	}
	if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1) {
		throw new Error(`The seed must be a whole number from 0 to 2147483647 (got ${String(seed)}).`);
	}
	if (typeof asOf !== 'string' || !isCalendarDate(asOf)) {
		throw new Error(
			`The reference date must be a calendar date written YYYY-MM-DD (got '${String(asOf)}').`
		);
	}
	const year = Number(asOf.slice(0, 4));
	if (year < 2005 || year > 2100) {
		throw new Error(
			`The reference date must fall between the years 2005 and 2100 (got '${asOf}').`
		);
	}
	return { persons, seed, asOf };
}
