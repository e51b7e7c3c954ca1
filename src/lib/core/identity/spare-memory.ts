// Whether the host has memory to spare for a run's working copies. Identity records and golden
// records both read every profile source's mapped view, and a view is evaluated again on every
// read (the phone lookup join, trimming, typing: about two seconds at a million records
// natively); with memory to spare a run reads the views once and keeps their rows in a
// temporary table instead. The host says so when it opens the database (native DuckDB: the
// command line tool, the native benchmarks, the Node tests). The browser's engine leaves it
// unset: it is capped at about 3 GB without spilling, and a run at a million records already
// comes close.
import type { Db } from '../db';
import { scalarOf } from '../sql/rows';
import { ident, sql, type Sql } from '../sql/sql';

const SPARE_MEMORY = 'concord_spare_memory';

/** The statement a host with memory to spare runs after connecting. */
export function spareMemorySetting(): Sql {
	return sql`SET VARIABLE ${ident(SPARE_MEMORY)} = true`;
}

export async function hasSpareMemory(db: Db): Promise<boolean> {
	return scalarOf(await db.query(sql`SELECT getvariable(${SPARE_MEMORY}) IS TRUE`)) === true;
}
