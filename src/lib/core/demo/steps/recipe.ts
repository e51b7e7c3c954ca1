// How every raw source is built, in two statements. (1) Its scratch rows — the true person,
// the row's keys and times, and the few inputs its columns need — sorted once in the order of
// the export (usually time). (2) The raw table, a plain projection of those rows that formats
// every column as text. The tricky points: DuckDB keeps row order through a single-table
// SELECT but not through joins (documented under "order preservation"), so all joins happen
// in (1); and a sort costs in proportion to row width, so (1) stays narrow and the string
// building happens after the sort. A row's position (record_order, numbered in the export order
// when the scratch rows are made) gives its id in the export and ties the raw row to its truth
// record. It is not rowid: inside a transaction, rows not yet committed have provisional rowids.
import { ident, join, sql, type Sql } from '../../sql/sql';
import { workTable, type DemoSource } from '../sources';
import type { DemoStep } from '../step';

export interface SourceRecipe {
	source: DemoSource;
	/** A SELECT (CTEs allowed) giving the scratch rows; it must include person_id. */
	rows: Sql;
	/** The rows' order in the export; must be a total order (end with unique keys). */
	order: Sql;
	/** The row's own id in the source, from its 1-based position `record_order`. */
	key: Sql;
	/** Whether the row carries something that identifies its person (over scratch columns). */
	linkable: Sql;
	/** The raw columns: header and expression over the scratch columns and record_order. */
	columns: readonly (readonly [string, Sql])[];
}

/** The short name of a source, used for its scratch table ('crm_contacts'). */
export function sourceSlug(source: DemoSource): string {
	return source.table.replace(/^cc_raw_/, '');
}

/** The scratch rows with their position in the export, in export order. */
export function positioned(recipe: SourceRecipe): Sql {
	return sql`(SELECT * FROM ${ident(workTable(sourceSlug(recipe.source)))})`;
}

export function recipeSteps(recipe: SourceRecipe): DemoStep[] {
	const { source } = recipe;
	const projection = recipe.columns.map(
		([header, expression]) => sql`(${expression})::VARCHAR AS ${ident(header)}`
	);
	return [
		{
			label: `${source.name}: simulating the rows`,
			statement: sql`CREATE OR REPLACE TABLE ${ident(workTable(sourceSlug(source)))} AS
				SELECT *, row_number() OVER (ORDER BY ${recipe.order}) AS record_order
				FROM (${recipe.rows}) ORDER BY ${recipe.order}`
		},
		{
			label: `${source.name}: writing the raw table`,
			statement: sql`CREATE OR REPLACE TABLE ${ident(source.table)} AS
				SELECT ${join(projection)} FROM ${positioned(recipe)}`
		}
	];
}

/** The truth rows of one source: source, kind, record key, true person, linkable. */
export function recordsOf(recipe: SourceRecipe): Sql {
	return sql`SELECT ${recipe.source.table} AS source, ${recipe.source.kind} AS kind,
		(${recipe.key})::VARCHAR AS record_key, person_id, (${recipe.linkable}) AS linkable
		FROM ${positioned(recipe)}`;
}
