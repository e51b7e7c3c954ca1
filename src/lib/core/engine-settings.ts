// Settings every host applies right after connecting. The browser build links no Parquet, JSON
// or ICU extension, and an autoload attempt either hangs (offline) or leaves the page's origin:
// extension loading is switched off everywhere so the SQL behaves the same on every host.
import { sql, type Sql } from './sql/sql';

export function offlineSettings(extensionRepository?: string): Sql[] {
	const statements = [
		sql`SET autoload_known_extensions = false`,
		sql`SET autoinstall_known_extensions = false`
	];
	// An extension repository on the page's own origin makes any remaining attempt (LOAD,
	// AT TIME ZONE) a same-origin request that fails cleanly instead of leaving the machine.
	if (extensionRepository) {
		statements.push(sql`SET custom_extension_repository = ${extensionRepository}`);
	}
	return statements;
}
