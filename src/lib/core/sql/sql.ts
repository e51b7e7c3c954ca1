// SQL as typed pieces. `sql\`…\`` is a tagged template whose interpolations are either other
// pieces (identifiers, trusted fragments, nested queries) or plain values, which are always
// escaped as literals. A string pasted into a query therefore can never become SQL by accident.
import { quoteIdent, quoteLiteral, type LiteralValue } from './quote';

const SQL_BRAND = Symbol('sql');

export interface Sql {
	readonly [SQL_BRAND]: true;
	readonly text: string;
}

function piece(text: string): Sql {
	return { [SQL_BRAND]: true, text };
}

export function isSql(value: unknown): value is Sql {
	return typeof value === 'object' && value !== null && SQL_BRAND in value;
}

export type SqlInterpolation = Sql | LiteralValue;

export function sql(strings: TemplateStringsArray, ...values: SqlInterpolation[]): Sql {
	let text = strings[0] ?? '';
	values.forEach((value, i) => {
		text += isSql(value) ? value.text : quoteLiteral(value);
		text += strings[i + 1] ?? '';
	});
	return piece(text);
}

/** A quoted identifier; dotted names are not split: pass each part separately to `qualified`. */
export function ident(name: string): Sql {
	return piece(quoteIdent(name));
}

export function qualified(...parts: string[]): Sql {
	return piece(parts.map(quoteIdent).join('.'));
}

export function lit(value: LiteralValue): Sql {
	return piece(quoteLiteral(value));
}

/** Joins pieces with a separator (which is trusted text written in the code). */
export function join(pieces: readonly Sql[], separator = ', '): Sql {
	return piece(pieces.map((p) => p.text).join(separator));
}

/**
 * Text written by the program itself (keywords, function names, fixed fragments). Never pass
 * anything that came from a user or a file.
 */
export function trusted(text: string): Sql {
	return piece(text);
}

export const empty: Sql = piece('');
