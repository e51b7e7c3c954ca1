// Reading a JSON document a user hands over, field by field, with every problem kept as a
// message that names where it is ("sources[2].mapping[0].role is not text"). Each reader
// returns the value when it has the right type and undefined otherwise, having noted why, so
// that one pass reports every problem of a file instead of the first one. Only own properties
// are read: a '__proto__' key is never followed.

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

export class JsonChecks {
	readonly errors: string[] = [];

	fail(path: string, problem: string): undefined {
		this.errors.push(`${path} ${problem}.`);
		return undefined;
	}

	/** An own property of an object, or undefined. */
	field(node: JsonObject, key: string): unknown {
		return Object.hasOwn(node, key) ? node[key] : undefined;
	}

	object(node: JsonObject, key: string, path: string): JsonObject | undefined {
		const value = this.field(node, key);
		if (value === undefined) return this.fail(`${path}${key}`, 'is missing');
		return isObject(value) ? value : this.fail(`${path}${key}`, 'is not an object');
	}

	list(node: JsonObject, key: string, path: string): unknown[] | undefined {
		const value = this.field(node, key);
		if (value === undefined) return this.fail(`${path}${key}`, 'is missing');
		return Array.isArray(value) ? value : this.fail(`${path}${key}`, 'is not a list');
	}

	text(node: JsonObject, key: string, path: string, optional = false): string | undefined {
		const value = this.field(node, key);
		if (value === undefined && optional) return undefined;
		if (value === undefined) return this.fail(`${path}${key}`, 'is missing');
		return typeof value === 'string' ? value : this.fail(`${path}${key}`, 'is not text');
	}

	number(node: JsonObject, key: string, path: string): number | undefined {
		const value = this.field(node, key);
		if (value === undefined) return this.fail(`${path}${key}`, 'is missing');
		return typeof value === 'number' && Number.isFinite(value)
			? value
			: this.fail(`${path}${key}`, 'is not a number');
	}

	boolean(node: JsonObject, key: string, path: string): boolean | undefined {
		const value = this.field(node, key);
		if (value === undefined) return this.fail(`${path}${key}`, 'is missing');
		return typeof value === 'boolean' ? value : this.fail(`${path}${key}`, 'is not true or false');
	}

	/** One of the allowed values. */
	oneOf<T extends string>(
		node: JsonObject,
		key: string,
		path: string,
		allowed: readonly T[],
		optional = false
	): T | undefined {
		const value = this.field(node, key);
		if (value === undefined && optional) return undefined;
		if (value === undefined) return this.fail(`${path}${key}`, 'is missing');
		if ((allowed as readonly unknown[]).includes(value)) return value as T;
		const choices = allowed.map((a) => `'${a}'`).join(', ');
		return this.fail(`${path}${key}`, `is ${JSON.stringify(value)}, not one of ${choices}`);
	}

	/** A list of text values. */
	texts(node: JsonObject, key: string, path: string): string[] | undefined {
		const list = this.list(node, key, path);
		if (!list) return undefined;
		if (list.every((v) => typeof v === 'string')) return list as string[];
		return this.fail(`${path}${key}`, 'is not a list of text values');
	}

	/** An object whose every value is true or false. */
	switches(node: JsonObject, key: string, path: string): Record<string, boolean> | undefined {
		const value = this.object(node, key, path);
		if (!value) return undefined;
		const entries = Object.entries(value);
		if (entries.every(([, v]) => typeof v === 'boolean')) {
			return Object.fromEntries(entries) as Record<string, boolean>;
		}
		return this.fail(`${path}${key}`, 'has values that are not true or false');
	}
}
