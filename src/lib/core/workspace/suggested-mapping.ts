// The suggested mapping of a source already in the workspace (the demo's exports): the roles
// core reads a sample of its values and proposes a role per column, saved as the source's
// mapping so that every area can use it at once; the user can change it later.
import type { Db } from '../db';
import { profileValues, suggestMapping } from '../roles';
import { saveMapping, type SourceKind } from './catalog';

export async function saveSuggestedMapping(
	db: Db,
	sourceId: string,
	tableName: string,
	kind: SourceKind
): Promise<void> {
	const values = await profileValues(db, tableName);
	const mapping = suggestMapping({
		kind,
		columns: values.map((v) => ({ name: v.column, values: v.profile }))
	});
	await saveMapping(
		db,
		sourceId,
		mapping.map((m) => ({ column: m.column, role: m.role }))
	);
}
