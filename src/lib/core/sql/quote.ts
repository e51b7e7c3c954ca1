// The only two functions that turn outside text into SQL text: one quotes identifiers (column
// names from users' files can hold anything, quotes included), one escapes values.

export function quoteIdent(name: string): string {
	if (name.includes('\u0000')) throw new Error('An identifier cannot contain a NUL character');
	return `"${name.replaceAll('"', '""')}"`;
}

export type LiteralValue = string | number | bigint | boolean | null | undefined | Date;

export function quoteLiteral(value: LiteralValue): string {
	if (value === null || value === undefined) return 'NULL';
	if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
	if (typeof value === 'bigint') return value < 0n ? `(${value.toString()})` : value.toString();
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} as a SQL value`);
		// Doubles keep their type; integers stay integers.
		const text = Number.isInteger(value) ? value.toString() : `${value.toString()}::DOUBLE`;
		return value < 0 ? `(${text})` : text;
	}
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime()))
			throw new Error('Cannot write an invalid date as a SQL value');
		return `TIMESTAMP '${value.toISOString().replace('T', ' ').replace('Z', '')}'`;
	}
	if (value.includes('\u0000')) throw new Error('A text value cannot contain a NUL character');
	return `'${value.replaceAll("'", "''")}'`;
}
