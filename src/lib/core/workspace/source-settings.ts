// Changing a source's settings: its name, its kind, and its mapping with the reading choices.
// The tricky point: the kind and every role decide what the mapped view holds, so the view is
// rebuilt in the same transaction (the caller's) as the change.
import type { Db } from '../db';
import type { MappedView } from '../mapped';
import { saveMapping, updateSource, type ColumnRole, type SourceKind } from './catalog';
import { refreshMappedView } from './mapped-views';

export interface SourceSettings {
	name: string;
	kind: SourceKind;
	mapping: readonly ColumnRole[];
}

/** `phoneCountry`: the country national phone numbers are read as (see refreshMappedView). */
export async function changeSource(
	db: Db,
	sourceId: string,
	settings: SourceSettings,
	phoneCountry?: string
): Promise<MappedView> {
	await updateSource(db, sourceId, settings);
	await saveMapping(db, sourceId, settings.mapping);
	return refreshMappedView(db, sourceId, phoneCountry);
}
