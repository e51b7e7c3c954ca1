// Which mapped columns a view gets and under what names: known roles of the source's kind, on
// columns the raw table still has, `email_2`, `email_3`… for the roles several columns may
// share. The tricky point: the saved mapping can be stale (a column renamed, a role no longer
// in the vocabulary), so anything that cannot be read is left out with a note, never an error.
import type { Db } from '../db';
import {
	isRoleId,
	roleAppliesTo,
	roleDefinition,
	roleLabel,
	type RoleId
} from '../roles/vocabulary';
import { rowsOf } from '../sql/rows';
import { sql } from '../sql/sql';
import type { MappedSpec } from './types';

/** The view's name: cc_map_ and the raw table's name without its cc_src_/cc_raw_ prefix. */
export function mappedViewName(tableName: string): string {
	return `cc_map_${tableName.replace(/^cc_(src|raw)_/, '')}`;
}

export interface Placed {
	role: RoleId;
	column: string;
	/** The inner name the raw column is read under (c0, c1…). */
	inner: string;
	name: string;
}

export async function tableColumns(db: Db, tableName: string): Promise<Set<string>> {
	const rows = rowsOf(
		await db.query(sql`SELECT column_name FROM duckdb_columns()
			WHERE table_name = ${tableName} AND schema_name = 'main'`)
	);
	return new Set(rows.map((row) => String(row.column_name)));
}

/** Places the mapped columns: known roles of this kind, existing columns, `email_2` for a second e-mail. */
export function place(spec: MappedSpec, present: Set<string>, notes: string[]): Placed[] {
	const placed: Placed[] = [];
	const used = new Map<RoleId, number>();
	for (const { column, role } of spec.columns) {
		if (role === 'custom' || role === 'ignore') continue;
		if (!isRoleId(role)) {
			notes.push(`Column '${column}': the role '${role}' is unknown, so the column is left out.`);
			continue;
		}
		if (!present.has(column)) {
			notes.push(`Column '${column}' is not in the source any more, so it is left out.`);
			continue;
		}
		if (!roleAppliesTo(role, spec.kind)) {
			notes.push(
				`Column '${column}': ${roleLabel(role)} does not apply to a ${spec.kind} source, so it is left out.`
			);
			continue;
		}
		const count = (used.get(role) ?? 0) + 1;
		if (count > 1 && !roleDefinition(role).multiple) {
			notes.push(
				`Column '${column}': ${roleLabel(role)} is already read from another column, so it is left out.`
			);
			continue;
		}
		used.set(role, count);
		const name = count === 1 ? role : `${role}_${count}`;
		placed.push({ role, column, inner: `c${placed.length}`, name });
	}
	return placed;
}
