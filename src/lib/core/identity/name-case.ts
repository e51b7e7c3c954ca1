// Names shown in title case when the source wrote them all in capitals or all in lower case
// (a till system's "DUPONT", a customer's "marie"), word by word and after hyphens and
// apostrophes: "JEAN-PIERRE D'ARC" → "Jean-Pierre D'Arc". A name in mixed case is the way its
// owner or a clerk wrote it and is kept as it is ("McDonald", "van der Berg"); the price is that
// "MCDONALD" becomes "Mcdonald". Written with upper()/lower() only, which both engines have
// without ICU.
import { sql, type Sql } from '../sql/sql';

/** Runs of name letters, and runs of the separators after which a new word starts. */
const PIECES = "[^\\s'’-]+|[\\s'’-]+";

export function titleCaseName(value: Sql): Sql {
	const pieces = sql`regexp_extract_all(${value}, ${PIECES})`;
	const word = sql`t -> upper(left(t, 1)) || lower(substr(t, 2))`;
	const titled = sql`array_to_string(list_transform(${pieces}, ${word}), '')`;
	// upper() <> lower() says the value has letters at all: "123" is left alone.
	return sql`CASE WHEN upper(${value}) <> lower(${value})
		AND (${value} = upper(${value}) OR ${value} = lower(${value})) THEN ${titled} ELSE ${value} END`;
}
