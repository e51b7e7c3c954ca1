// Builds the 360° view: links every event of every event source to the customers of the last
// identity run, then computes each customer's KPIs as of a date. The tricky point: a build that
// stops half-way (a closed tab, an error) must not pass for current, so the saved state is
// dropped first and written again only once every table is complete.
import type { Db } from '../db';
import { loadRunState } from '../identity/run-state';
import { DEFAULT_IDENTITY_SETTINGS } from '../identity/types';
import { dropTables } from '../identity/tables';
import { rowsOf, scalarOf } from '../sql/rows';
import { ident, sql } from '../sql/sql';
import { buildCustomerIdentifiers, type IdentifierKind } from './customer-identifiers';
import { readPhonesInEmailColumns } from './event-identifiers';
import type { EventKind } from './event-kinds';
import { eventSources } from './event-sources';
import { addSourceEvents, createEventTable } from './events';
import { buildCustomer360 } from './kpis';
import { eventsUpTo } from './orders';
import { writePurchaseCategories } from './purchase-categories';
import { ORDER_KEY_TABLE, ORDER_TABLE } from './customer-list';
import { createLinkTable, linkSourceEvents } from './link-events';
import { saveBuildState, type Build360State, type SourceLinkReport } from './build-state';
import { sourceFingerprints } from '../identity/run-state';
import { C360_TABLES } from './tables';

export type Build360Progress = (done: number, total: number, label: string) => void;

export interface Build360Options {
	/** The as-of date (ISO 'YYYY-MM-DD'); null or absent: the day of the latest event. */
	asOf?: string | null;
	/** Event kinds chosen by the user, by source id (the others are suggested). */
	kinds?: Readonly<Record<string, EventKind>>;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export async function build360(
	db: Db,
	options: Build360Options = {},
	onProgress: Build360Progress = () => {}
): Promise<Build360State> {
	const started = Date.now();
	const asOfSetting = options.asOf ?? null;
	if (
		asOfSetting !== null &&
		(!ISO_DAY.test(asOfSetting) || Number.isNaN(Date.parse(asOfSetting)))
	) {
		throw new Error(`'${asOfSetting}' is not a date: write the as-of date as YYYY-MM-DD.`);
	}
	const identity = await loadRunState(db);
	if (!identity) throw new Error('Run identity resolution first: the 360° view needs customers.');
	// A kept order of the customers table (see customer-list) belongs to the table it numbered.
	await dropTables(db, [C360_TABLES.run, ORDER_TABLE, ORDER_KEY_TABLE]);
	const steps = 5;
	onProgress(0, steps, 'Reading the event sources');
	const sources = await eventSources(db, options.kinds ?? {});
	const rules = identity.settings.email ?? DEFAULT_IDENTITY_SETTINGS.email;
	onProgress(1, steps, 'Gathering every identifier of every customer');
	await buildCustomerIdentifiers(db);
	await createLinkTable(db);
	onProgress(2, steps, 'Linking events to customers');
	for (const source of sources) {
		await readPhonesInEmailColumns(db, source);
		await linkSourceEvents(db, source, rules);
	}
	onProgress(3, steps, 'Writing the events');
	await createEventTable(db);
	for (const source of sources) await addSourceEvents(db, source);
	await dropTables(db, [C360_TABLES.link, C360_TABLES.identifier]);
	const asOf = asOfSetting ?? (await latestEventDay(db));
	onProgress(4, steps, 'Computing the customers’ KPIs');
	await buildCustomer360(db, asOf);
	await writePurchaseCategories(db, eventsUpTo(asOf));
	const state: Build360State = {
		builtAt: Date.now(),
		asOf,
		asOfSetting,
		identityRanAt: identity.ranAt,
		kinds: Object.fromEntries(sources.map((s) => [s.sourceId, s.kind])),
		sources: await sourceFingerprints(db, 'event'),
		report: await linkReport(db, sources),
		customers: Number(
			scalarOf(await db.query(sql`SELECT count(*) FROM ${ident(C360_TABLES.customer)}`))
		),
		currencies: await currencies(db),
		seconds: (Date.now() - started) / 1000
	};
	await saveBuildState(db, state);
	onProgress(steps, steps, 'Done');
	return state;
}

/**
 * The day of the latest dated event; today (UTC) when there is none. Today is read here, not
 * by DuckDB: its current_date needs the ICU extension, which the browser's engine lacks.
 */
async function latestEventDay(db: Db): Promise<string> {
	const day = scalarOf(
		await db.query(
			sql`SELECT strftime(max(event_at)::DATE, '%Y-%m-%d') FROM ${ident(C360_TABLES.event)}`
		)
	);
	return typeof day === 'string' ? day : new Date().toISOString().slice(0, 10);
}

async function linkReport(
	db: Db,
	sources: readonly { sourceId: string; name: string; kind: EventKind; keyTarget: string | null }[]
): Promise<SourceLinkReport[]> {
	const rows = rowsOf(
		await db.query(sql`SELECT source_id, status, linked_by, count(*) AS n
			FROM ${ident(C360_TABLES.event)} GROUP BY ALL`)
	);
	return sources.map((source) => {
		const own = rows.filter((r) => r.source_id === source.sourceId);
		const count = (status: string) =>
			own.filter((r) => r.status === status).reduce((sum, r) => sum + Number(r.n), 0);
		const linkedBy: Partial<Record<IdentifierKind, number>> = {};
		for (const row of own) {
			if (row.status === 'linked' && row.linked_by !== null) {
				const kind = String(row.linked_by) as IdentifierKind;
				linkedBy[kind] = (linkedBy[kind] ?? 0) + Number(row.n);
			}
		}
		return {
			sourceId: source.sourceId,
			name: source.name,
			kind: source.kind,
			keyTarget: source.keyTarget,
			events: own.reduce((sum, r) => sum + Number(r.n), 0),
			linked: count('linked'),
			ambiguous: count('ambiguous'),
			anonymous: count('anonymous'),
			linkedBy
		};
	});
}

async function currencies(db: Db): Promise<string[]> {
	const rows = rowsOf(
		await db.query(sql`SELECT DISTINCT upper(trim(currency)) AS c FROM ${ident(C360_TABLES.event)}
			WHERE kind = 'purchase' AND nullif(trim(currency), '') IS NOT NULL ORDER BY c LIMIT 20`)
	);
	return rows.map((r) => String(r.c));
}
