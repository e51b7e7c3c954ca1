// The workspace's sources with their confirmed column roles, as the quality and profile
// computations take them. The tricky point: a role saved by an older vocabulary is left out
// rather than passed on as something the computations do not know.
import type { Db } from '../db';
import { profileTable, type TableProfile } from '../profile';
import type { SourceMapping } from '../quality';
import { isRoleId, type RoleId } from '../roles';
import { findSource, listSources, loadMapping } from './catalog';

export async function workspaceMappings(db: Db): Promise<SourceMapping[]> {
	const mappings: SourceMapping[] = [];
	for (const source of await listSources(db)) {
		if (source.columnCount === 0) continue;
		const columns = (await loadMapping(db, source.sourceId)).flatMap((entry) =>
			isRoleId(entry.role) ? [{ column: entry.column, role: entry.role as RoleId }] : []
		);
		mappings.push({
			sourceId: source.sourceId,
			tableName: source.tableName,
			kind: source.kind,
			columns
		});
	}
	return mappings;
}

/** A source's column profile, each column checked against its confirmed role. */
export async function profileSource(db: Db, sourceId: string): Promise<TableProfile> {
	// One catalog row, not listSources: that counts the rows of every source.
	const source = await findSource(db, sourceId);
	if (!source) throw new Error('This source is no longer in the workspace.');
	const roles = (await loadMapping(db, sourceId)).flatMap((entry) =>
		isRoleId(entry.role) && entry.role !== 'custom' && entry.role !== 'ignore'
			? [{ column: entry.column, role: entry.role as RoleId }]
			: []
	);
	return profileTable(db, source.tableName, { roles });
}
