// The hashed audience file for ad platforms. Not written yet.
import type { Db } from '../db';
import type { ExportedFile } from '../customer360/export-360';
import type { ExportProgress } from '../export/key-pages';
import type { Sql } from '../sql/sql';

export async function hashedAudience(
	_db: Db,
	_ids: Sql,
	_name: string,
	_options: { now?: Date; onProgress?: ExportProgress } = {}
): Promise<ExportedFile> {
	throw new Error('The hashed audience export is not available yet.');
}
