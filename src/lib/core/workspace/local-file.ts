// Adding a file from disk to the workspace the way the app adds a dropped file: sniffed,
// inspected, roles suggested from header and values, imported with that mapping. For the
// command line tool and the tests, which have paths rather than browser File handles.
import type { Db } from '../db';
import type { ColumnRole, SourceKind } from './catalog';
import { importFileAsSource } from './file-import';
import { inspectCsv } from '../sources/inspect-csv';
import { sniffCsv } from '../sources/sniff';

export interface LocalFileOptions {
	/** The source's name; the file's base name by default. */
	name?: string;
	/** Roles by column name, over the suggested ones. */
	roles?: Readonly<Record<string, string>>;
	/** The source's kind, over the suggested one. */
	kind?: SourceKind;
}

export async function importLocalCsv(
	db: Db,
	path: string,
	options: LocalFileOptions = {}
): Promise<{ sourceId: string; mapping: ColumnRole[] }> {
	const displayName = path.split(/[\\/]/).pop() ?? path;
	const compression = /\.gz$/i.test(path) ? 'gzip' : 'none';
	const csv = await sniffCsv(db, path, 'utf-8', compression);
	const inspection = await inspectCsv(db, path, displayName, csv);
	const mapping = inspection.columns.map((column) => ({
		column,
		role:
			options.roles?.[column] ??
			inspection.mapping.find((m) => m.column === column)?.role ??
			'custom'
	}));
	const imported = await importFileAsSource(db, {
		fileName: path,
		displayName,
		name: options.name ?? displayName.replace(/\.(csv|tsv|txt)(\.gz)?$/i, ''),
		kind: options.kind ?? inspection.kind.kind,
		options: csv,
		mapping
	});
	return { sourceId: imported.sourceId, mapping };
}
