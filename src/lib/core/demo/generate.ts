// Runs the demo generator: a list of SQL steps, each one CREATE OR REPLACE of a table, so it can
// run again on the same database. The tricky point: the steps build scratch tables that still
// hold the true person (cc_demo_work_*); each raw table is a projection of its scratch table
// without that column, the truth is read from the scratch tables, and the last step drops them,
// so nothing the app sees carries a hint of the answer.
import type { Db } from '../db';
import { join, ident, sql } from '../sql/sql';
import { scalarOf } from '../sql/rows';
import { resolveDemoOptions, type DemoOptions, type ResolvedDemoOptions } from './options';
import { DEMO_SOURCES, DEMO_TRUTH_TABLES, workTable } from './sources';
import { demoContext, type DemoStep } from './step';
import { crmContacts } from './steps/crm-contacts';
import { emailEvents } from './steps/email-events';
import { eshopAccounts } from './steps/eshop-accounts';
import { eshopOrders } from './steps/eshop-orders';
import { personContactSteps } from './steps/person-contacts';
import { personSteps } from './steps/persons';
import { purchaseSteps } from './steps/purchases';
import { recipeSteps, sourceSlug } from './steps/recipe';
import { serviceTickets } from './steps/service-tickets';
import { storeReceipts } from './steps/store-receipts';
import { truthSteps } from './steps/truth';
import { webSessions } from './steps/web-sessions';

export interface DemoTableCount {
	table: string;
	rows: number;
}

export interface DemoSummary {
	options: ResolvedDemoOptions;
	/** Rows per table: the raw sources first, then the ground truth. */
	tables: DemoTableCount[];
	elapsedMs: number;
}

/** The scratch tables: the persons before their contacts, the purchases, one per source. */
const WORK_TABLES = ['person', 'purchase', ...DEMO_SOURCES.map(sourceSlug)].map(workTable);

/** Every table the generator owns: raw, truth and scratch. */
export function demoTables(): string[] {
	return [...DEMO_SOURCES.map((s) => s.table), ...Object.values(DEMO_TRUTH_TABLES), ...WORK_TABLES];
}

function dropStep(label: string, tables: readonly string[]): DemoStep {
	return {
		label,
		statement: join(
			tables.map((table) => sql`DROP TABLE IF EXISTS ${ident(table)}`),
			';\n'
		)
	};
}

/** The generator's SQL, step by step, for the given options (pure: no database needed). */
export function demoSteps(options: DemoOptions): DemoStep[] {
	const ctx = demoContext(resolveDemoOptions(options));
	const crm = crmContacts(ctx);
	const accounts = eshopAccounts(ctx);
	const orders = eshopOrders(ctx);
	const receipts = storeReceipts(ctx);
	const sessions = webSessions(ctx);
	const tickets = serviceTickets(ctx);
	const emails = emailEvents(ctx);
	return [
		dropStep('Removing an earlier demo', demoTables()),
		...personSteps(ctx),
		...personContactSteps(ctx),
		...recipeSteps(crm),
		...recipeSteps(accounts),
		...purchaseSteps(ctx),
		...recipeSteps(orders),
		...recipeSteps(receipts),
		...recipeSteps(sessions),
		...recipeSteps(tickets),
		...recipeSteps(emails),
		...truthSteps({
			all: [crm, accounts, orders, receipts, sessions, tickets, emails],
			orders,
			receipts,
			sessions,
			tickets,
			emails
		}),
		dropStep('Tidying up', WORK_TABLES)
	];
}

async function countRows(db: Db, tables: readonly string[]): Promise<DemoTableCount[]> {
	const counts: DemoTableCount[] = [];
	for (const table of tables) {
		const rows = scalarOf(await db.query(sql`SELECT count(*) FROM ${ident(table)}`));
		counts.push({ table, rows: Number(rows) });
	}
	return counts;
}

/**
 * Builds the demo sources and their ground truth in `db`, replacing an earlier demo. Calls
 * `onProgress(done, total, label)` before each step and once more with done === total.
 */
export async function generateDemo(
	db: Db,
	options: DemoOptions,
	onProgress?: (done: number, total: number, label: string) => void
): Promise<DemoSummary> {
	const resolved = resolveDemoOptions(options);
	const steps = demoSteps(resolved);
	const started = Date.now();
	for (const [index, step] of steps.entries()) {
		onProgress?.(index, steps.length, step.label);
		await db.exec(step.statement);
	}
	onProgress?.(steps.length, steps.length, 'Demo data ready');
	const tables = await countRows(db, [
		...DEMO_SOURCES.map((s) => s.table),
		...Object.values(DEMO_TRUTH_TABLES)
	]);
	return { options: resolved, tables, elapsedMs: Date.now() - started };
}
