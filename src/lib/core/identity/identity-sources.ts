// The profile sources identity resolution reads, each through its mapped view.
import type { Db } from '../db';
import { listSources } from '../workspace/catalog';
import { loadMappedView, refreshMappedView } from '../workspace/mapped-views';
import type { IdentitySource } from './records';

export async function profileIdentitySources(db: Db): Promise<IdentitySource[]> {
	const sources: IdentitySource[] = [];
	for (const source of await listSources(db)) {
		if (source.kind !== 'profile' || source.columnCount === 0) continue;
		// The view kept current with the source's mapping and reading choices; built if missing.
		const mapped =
			(await loadMappedView(db, source.sourceId)) ?? (await refreshMappedView(db, source.sourceId));
		sources.push({ sourceId: source.sourceId, view: mapped.view, columns: mapped.columns });
	}
	return sources;
}
