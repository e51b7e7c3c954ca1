// Importing a workspace file into the app's open workspace: a source whose file is here (same
// file name) takes the file's name, kind and mapping (columns the file does not map keep their
// role), the decisions on its records are saved under this workspace's ids, and a source whose
// file is not here waits for it. Run on native DuckDB and on the wasm build.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/core/db';
import { listDecisions } from '../../src/lib/core/identity/decisions';
import { DEFAULT_IDENTITY_SETTINGS } from '../../src/lib/core/identity/types';
import { DEFAULT_INDICATOR_SETTINGS } from '../../src/lib/core/indicators/settings';
import { listSources, loadMapping, removeSource } from '../../src/lib/core/workspace/catalog';
import { loadDemoWorkspace } from '../../src/lib/core/workspace/demo-workspace';
import { workspaceFileOf } from '../../src/lib/core/workspace/workspace-export';
import type { WorkspaceFile } from '../../src/lib/core/workspace/workspace-file';
import {
	applyDecisionList,
	sourceIdsOf,
	waitingDecisions
} from '../../src/lib/core/workspace/workspace-file-apply';
import { applyWorkspaceSources } from '../../src/lib/core/workspace/workspace-file-sources';
import { engines } from '../support/engines';

const CRM = 'demo:cc_raw_crm_contacts';
const ACCOUNTS = 'demo:cc_raw_eshop_accounts';

describe.each(engines)('applying a workspace file ($name)', (engine) => {
	let db: Db & { close(): void };
	let file: WorkspaceFile;
	beforeEach(async () => {
		db = await engine.open();
		await loadDemoWorkspace(db, 100);
		file = await workspaceFileOf(db, {
			phoneCountry: 'FR',
			identity: DEFAULT_IDENTITY_SETTINGS,
			customers360: { asOf: null, kinds: {} },
			indicators: DEFAULT_INDICATOR_SETTINGS,
			segments: []
		});
	}, 60_000);
	afterEach(() => db.close());

	it('applies the mapping of the sources here and lists the others as waiting', async () => {
		const crm = file.sources.find((s) => s.id === CRM)!;
		crm.name = 'Club members';
		// Only one column saved: the others keep their role here.
		crm.mapping = [{ column: 'Nom', role: 'ignore' }];
		file.decisions = [
			{
				a: { source: CRM, key: 'CLI0000001' },
				b: { source: ACCOUNTS, key: 'x' },
				same: false,
				origin: 'manual'
			}
		];
		const before = await loadMapping(db, CRM);
		await removeSource(db, 'demo:cc_raw_web_sessions');

		const applied = await applyWorkspaceSources(db, file, 'FR');

		expect(applied.waiting.map((s) => s.fileName)).toEqual(['web_sessions.csv']);
		expect(applied.ids).toContainEqual([CRM, CRM]);
		expect(applied.ids).toHaveLength(file.sources.length - 1);
		const after = await loadMapping(db, CRM);
		expect(after.find((m) => m.column === 'Nom')?.role).toBe('ignore');
		expect(after.filter((m) => m.column !== 'Nom')).toEqual(
			before.filter((m) => m.column !== 'Nom')
		);
		expect((await listSources(db)).find((s) => s.sourceId === CRM)?.name).toBe('Club members');
		expect(applied.decisions).toBe(1);
		const [decision] = await listDecisions(db);
		expect([decision?.recordA, decision?.recordB].sort()).toEqual(
			[`${CRM}:CLI0000001`, `${ACCOUNTS}:x`].sort()
		);
		expect(decision?.same).toBe(false);
	});

	it('keeps a decision on a source still waiting, and saves it once that source is here', async () => {
		const sessions = 'demo:cc_raw_web_sessions';
		const waitingOne = {
			a: { source: CRM, key: 'CLI0000001' },
			b: { source: sessions, key: '#3' },
			same: true,
			origin: 'review' as const
		};
		file.decisions = [
			{
				a: { source: CRM, key: 'CLI0000001' },
				b: { source: ACCOUNTS, key: 'x' },
				same: false,
				origin: 'manual'
			},
			waitingOne
		];
		await removeSource(db, sessions);
		const applied = await applyWorkspaceSources(db, file, 'FR');
		expect(applied.decisions).toBe(1);
		const ids = sourceIdsOf(applied.ids);
		expect(waitingDecisions(file.decisions, ids)).toEqual([waitingOne]);

		// The file arrives and is imported under a new id.
		const here = sourceIdsOf([...applied.ids, [sessions, 'file:cc_src_sessions']]);
		expect(waitingDecisions([waitingOne], here)).toEqual([]);
		expect(await applyDecisionList(db, [waitingOne], here)).toBe(1);
		const saved = (await listDecisions(db)).find((d) => d.same);
		expect([saved?.recordA, saved?.recordB].sort()).toEqual(
			[`${CRM}:CLI0000001`, 'file:cc_src_sessions:#3'].sort()
		);
		expect(saved?.origin).toBe('review');
	});
});
