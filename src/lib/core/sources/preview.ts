// The first rows of a source, every value shown as text so the preview never depends on types.
import { ident, sql, type Sql } from '../sql/sql';

export const PREVIEW_ROWS = 50;

export function previewQuery(tableName: string, limit = PREVIEW_ROWS): Sql {
	if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
		throw new Error('A preview shows between 1 and 10,000 rows.');
	}
	return sql`SELECT * FROM ${ident(tableName)} LIMIT ${limit}`;
}
