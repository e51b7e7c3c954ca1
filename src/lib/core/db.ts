// The engine interface the core receives. Three hosts implement it: the browser worker
// (duckdb-wasm), the command line tool (native DuckDB) and the tests (both). The core never
// opens a database itself, so the same SQL runs unchanged on each of them.
//
// Result convention, kept identical on every host: BIGINT and DECIMAL arrive as doubles,
// timestamps as Date64 (milliseconds), text as strings. Core queries should cast anything
// more exotic (lists, structs, intervals) before returning it.
import type { Table } from 'apache-arrow';
import type { Sql } from './sql/sql';

/** A value that can be bound to a `?` placeholder. */
export type SqlParam = string | number | boolean | null;

export interface Db {
	/** Runs statements that return nothing (DDL, INSERT, SET, several statements separated by `;`). */
	exec(statement: Sql): Promise<void>;
	/** Runs one query and returns its result as an Arrow table. */
	query(statement: Sql): Promise<Table>;
}
