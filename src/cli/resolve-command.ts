// `concord resolve FILE... [--mapping MAPPING.json] [--threshold P] --out CLUSTERS.csv`: each
// file is one profile source named after its file name, its roles suggested as in the app (or
// set by the mapping file for every file), resolved with the app's core on native DuckDB.
// Writes source,record_key,customer_id: one row per input record.
import { readFileSync } from 'node:fs';
import { resolveIdentities } from '../lib/core/identity/resolve';
import { IDENTITY_TABLES } from '../lib/core/identity/tables';
import { DEFAULT_IDENTITY_SETTINGS } from '../lib/core/identity/types';
import { isRoleId } from '../lib/core/roles/vocabulary';
import { ident, join, sql } from '../lib/core/sql/sql';
import { ensureCatalog, listSources } from '../lib/core/workspace/catalog';
import { importLocalCsv } from '../lib/core/workspace/local-file';
import { offlineSettings } from '../lib/core/engine-settings';
import { NativeDb } from './native-db';
import { UsageError } from './usage-error';

export const RESOLVE_USAGE = `Usage: npm run cli -- resolve FILE... --out CLUSTERS.csv [options]

  FILE                 CSV files, each one profile source named after its file name
  --out CLUSTERS.csv   where to write source,record_key,customer_id (one row per record)
  --mapping FILE.json  roles by column name, { "column": "role" }, for every file
  --threshold P        match probability from which two records are one customer (default 0.5)`;

export interface ResolveOptions {
	files: string[];
	out?: string;
	mapping?: string;
	threshold?: string;
}

function readMapping(path: string): Record<string, string> {
	let parsed: unknown;
	try {
		parsed = JSON.parse(readFileSync(path, 'utf8'));
	} catch (error) {
		throw new Error(`The mapping file ${path} is not readable JSON: ${(error as Error).message}`);
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new Error(`The mapping file ${path} must be a JSON object { "column": "role" }.`);
	}
	const mapping: Record<string, string> = {};
	for (const [column, role] of Object.entries(parsed)) {
		if (typeof role !== 'string' || !isRoleId(role)) {
			throw new Error(
				`The mapping file gives column '${column}' an unknown role: ${JSON.stringify(role)}.`
			);
		}
		mapping[column] = role;
	}
	return mapping;
}

export async function resolveCommand(options: ResolveOptions): Promise<void> {
	const { out, files } = options;
	if (!out) throw new UsageError('resolve needs --out CLUSTERS.csv');
	if (files.length === 0) throw new UsageError('resolve needs at least one FILE');
	const threshold =
		options.threshold === undefined
			? DEFAULT_IDENTITY_SETTINGS.threshold
			: Number(options.threshold);
	if (!(threshold > 0 && threshold < 1)) {
		throw new UsageError('--threshold must be a probability between 0 and 1');
	}
	const roles = options.mapping ? readMapping(options.mapping) : undefined;
	const db = await NativeDb.open(':memory:');
	try {
		for (const statement of offlineSettings()) await db.exec(statement);
		await ensureCatalog(db);
		for (const file of files) {
			const name = file.split(/[\\/]/).pop() ?? file;
			// Every file given to resolve is a profile source, whatever its columns suggest.
			await importLocalCsv(db, file, { name, roles, kind: 'profile' });
		}
		const result = await resolveIdentities(
			db,
			{ ...DEFAULT_IDENTITY_SETTINGS, threshold },
			(_, __, label) => process.stderr.write(`${label}\n`)
		);
		const sources = await listSources(db);
		const names = sources.map((s) => sql`(${s.sourceId}, ${s.name})`);
		const { record, customer } = IDENTITY_TABLES;
		await db.exec(sql`COPY (
			SELECT n.name AS source, substr(r.record_id, length(r.source_id) + 2) AS record_key, c.customer_id
			FROM ${ident(record)} r
			JOIN ${ident(customer)} c USING (record_id)
			JOIN (VALUES ${join(names)}) n(source_id, name) ON n.source_id = r.source_id
			ORDER BY r.rid
		) TO ${out} (HEADER, DELIMITER ',')`);
		process.stderr.write(
			`${result.records} records → ${result.customers} customers; written to ${out}\n`
		);
	} finally {
		db.close();
	}
}
