// Reading the mappings against the tables as they are: which column plays which part in the
// quality computations, and a message for every source or column that cannot be used (a table
// that is gone, a mapped column the file no longer has). The tricky point: the mapping is the
// user's and may be stale, so nothing here throws — what cannot be used is left out and said.
import type { Db } from '../db';
import { columnsOf } from '../roles/value-detect';
import type { RoleId } from '../roles/vocabulary';
import type { QualityMessage, SourceMapping } from './types';

export interface PlannedSource {
	/** Position in the input, used as the source's number in scratch tables. */
	no: number;
	mapping: SourceMapping;
	email: string[];
	phone: string[];
	street: string | null;
	postcode: string | null;
	city: string | null;
	emailOptin: string | null;
	smsOptin: string | null;
	/** Mapped columns that exist, with their role. */
	columns: { column: string; role: RoleId }[];
}

export interface Plan {
	sources: PlannedSource[];
	messages: QualityMessage[];
}

async function tableColumns(db: Db, table: string): Promise<string[] | null> {
	try {
		return await columnsOf(db, table);
	} catch {
		return null;
	}
}

function single(columns: readonly { column: string; role: RoleId }[], role: RoleId): string | null {
	return columns.find((entry) => entry.role === role)?.column ?? null;
}

/** The usable sources and columns, with messages for what had to be left out. */
export async function planSources(db: Db, mappings: readonly SourceMapping[]): Promise<Plan> {
	const sources: PlannedSource[] = [];
	const messages: QualityMessage[] = [];
	const seen = new Set<string>();
	for (const mapping of mappings) {
		if (seen.has(mapping.sourceId)) {
			messages.push({
				sourceId: mapping.sourceId,
				message: `Source '${mapping.sourceId}' is listed twice: only the first is used.`
			});
			continue;
		}
		seen.add(mapping.sourceId);
		const existing = await tableColumns(db, mapping.tableName);
		if (!existing) {
			messages.push({
				sourceId: mapping.sourceId,
				message: `The table of source '${mapping.sourceId}' cannot be read: it was left out.`
			});
			continue;
		}
		const columns = mapping.columns.filter((entry) => {
			if (existing.includes(entry.column)) return true;
			messages.push({
				sourceId: mapping.sourceId,
				message: `Column '${entry.column}' is mapped but the source no longer has it: it was left out.`
			});
			return false;
		});
		sources.push({
			no: sources.length,
			mapping,
			email: columns.filter((c) => c.role === 'email').map((c) => c.column),
			phone: columns.filter((c) => c.role === 'phone' || c.role === 'mobile').map((c) => c.column),
			street: single(columns, 'street'),
			postcode: single(columns, 'postcode'),
			city: single(columns, 'city'),
			emailOptin: single(columns, 'email_optin'),
			smsOptin: single(columns, 'sms_optin'),
			columns
		});
	}
	return { sources, messages };
}
