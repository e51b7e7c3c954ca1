// A profile source imported from CSV text, as a user's file would be: the text is written to
// `dir` under a name of its own for each engine, then imported with the given roles.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../src/lib/core/db';
import { ensureCatalog } from '../../src/lib/core/workspace/catalog';
import { importLocalCsv } from '../../src/lib/core/workspace/local-file';

export async function importCsvText(
	db: Db,
	dir: string,
	fileName: string,
	text: string,
	roles: Record<string, string>
): Promise<void> {
	await ensureCatalog(db);
	const path = join(dir, fileName);
	writeFileSync(path, text);
	await importLocalCsv(db, path, { roles });
}
