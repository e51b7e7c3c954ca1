// The workspace file read back: what the app writes reads back equal, extra fields of a newer
// release are ignored, and a file that cannot be rerun says why — an unknown or newer version,
// a missing field, a wrong type — naming where. Source ids are mapped to the reading
// workspace's own: golden-record source priorities, event kinds and decisions.
import { describe, expect, it } from 'vitest';
import { DEFAULT_GOLDEN_SETTINGS } from '../../src/lib/core/identity/golden-settings';
import { DEFAULT_IDENTITY_SETTINGS } from '../../src/lib/core/identity/types';
import { DEFAULT_INDICATOR_SETTINGS } from '../../src/lib/core/indicators/settings';
import {
	eventKindsHere,
	identitySettingsHere,
	withSourceIds
} from '../../src/lib/core/workspace/workspace-file-apply';
import {
	formatOfFileName,
	workspaceFileText,
	type WorkspaceFile
} from '../../src/lib/core/workspace/workspace-file';
import { parseWorkspaceFile } from '../../src/lib/core/workspace/workspace-file-read';

const FILE: WorkspaceFile = {
	concord: 'workspace',
	version: 1,
	savedAt: '2026-06-30T10:00:00.000Z',
	phoneCountry: 'FR',
	sources: [
		{
			id: 'file:crm',
			name: 'CRM',
			fileName: 'crm.csv',
			kind: 'profile',
			format: 'csv',
			read: { csv: { delimiter: ';', quote: '"', escape: '"', header: true, skipRows: 2 } },
			mapping: [
				{ column: 'ID', role: 'record_key' },
				{ column: 'Born', role: 'birth_date', dateOrder: 'day-first' }
			]
		},
		{
			id: 'file:orders',
			name: 'Orders',
			fileName: 'orders.parquet',
			kind: 'event',
			format: 'parquet',
			read: null,
			mapping: [{ column: 'total', role: 'amount', decimalSeparator: ',' }],
			eventKind: 'purchase'
		}
	],
	identity: {
		...DEFAULT_IDENTITY_SETTINGS,
		threshold: 0.7,
		blocking: { postcode: false },
		golden: {
			...DEFAULT_GOLDEN_SETTINGS,
			fields: {
				...DEFAULT_GOLDEN_SETTINGS.fields,
				phone: { rules: ['source_priority'], sources: ['file:crm'] }
			}
		}
	},
	decisions: [
		{
			a: { source: 'file:crm', key: '1' },
			b: { source: 'file:crm', key: '2' },
			same: false,
			origin: 'review'
		}
	],
	customers360: { asOf: '2026-06-30' },
	indicators: { ...DEFAULT_INDICATOR_SETTINGS, model: 'bgnbd' },
	segments: [
		{
			id: 's1',
			name: 'Big spenders',
			description: '',
			colour: '#2f6fde',
			createdAt: 1,
			updatedAt: 2,
			rule: {
				kind: 'group',
				combinator: 'and',
				negate: false,
				children: [{ kind: 'attribute', field: 'revenue', operator: '>', value: 500 }]
			}
		}
	]
};

/** The file's JSON with a change made to a plain copy. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test breaks the JSON at will
function edited(change: (file: Record<string, any>) => void): string {
	const copy = JSON.parse(workspaceFileText(FILE));
	change(copy);
	return JSON.stringify(copy);
}

describe('workspace file', () => {
	it('reads back what is written', () => {
		expect(parseWorkspaceFile(workspaceFileText(FILE))).toEqual({ value: FILE, errors: [] });
	});

	it('ignores fields it does not know', () => {
		const text = edited((f) => {
			f.comment = 'from a newer release';
			f.sources[0].rowCount = 12;
			f.identity.newSwitch = true;
		});
		expect(parseWorkspaceFile(text)).toEqual({ value: FILE, errors: [] });
	});

	it.each([
		['not JSON', '{ "concord": ', /is not JSON/],
		[
			'another kind of file',
			JSON.stringify({ format: 'concord-segments' }),
			/not a Concord workspace file/
		],
		['a newer version', edited((f) => (f.version = 2)), /version 2, made by a newer Concord/],
		['no version', edited((f) => delete f.version), /unknown version undefined/],
		['no sources', edited((f) => delete f.sources), /^sources is missing\.$/m],
		[
			'a source without a file name',
			edited((f) => delete f.sources[1].fileName),
			/^sources\[1\]\.fileName is missing\.$/
		],
		[
			'a path for a file name',
			edited((f) => (f.sources[0].fileName = '../x.csv')),
			/fileName must be a file name/
		],
		[
			'an unknown kind',
			edited((f) => (f.sources[0].kind = 'both')),
			/sources\[0\]\.kind is "both", not one of 'profile', 'event'/
		],
		[
			'a role that is not text',
			edited((f) => (f.sources[0].mapping[0].role = 3)),
			/sources\[0\]\.mapping\[0\]\.role is not text/
		],
		[
			'read options of the wrong type',
			edited((f) => (f.sources[0].read.csv.skipRows = -1)),
			/sources\[0\]\.read\.csv\.skipRows is not a whole number/
		],
		[
			'a threshold as text',
			edited((f) => (f.identity.threshold = '0.5')),
			/identity\.threshold is not a number/
		],
		[
			'a threshold of 1',
			edited((f) => (f.identity.threshold = 1)),
			/identity\.threshold must be a probability/
		],
		[
			'a rule on an unknown field',
			edited((f) => (f.identity.rules[0].fields = ['shoe_size'])),
			/identity\.rules\[0\]\.fields holds fields Concord does not compare/
		],
		[
			'an unknown survivorship rule',
			edited((f) => (f.identity.golden.fields.email.rules = ['loudest'])),
			/identity\.golden\.fields\.email\.rules holds unknown rules/
		],
		[
			'a decision on an unknown source',
			edited((f) => (f.decisions[0].b.source = 'file:gone')),
			/decisions\[0\] names the source 'file:gone'/
		],
		[
			'an as-of date that is no date',
			edited((f) => (f.customers360.asOf = 'June')),
			/customers360\.asOf is not a date/
		],
		[
			'an unknown model',
			edited((f) => (f.indicators.model = 'crystal-ball')),
			/indicators\.model is "crystal-ball"/
		],
		[
			'indicator settings the app refuses',
			edited((f) => (f.indicators.clvMonths = 500)),
			/indicators: The CLV horizon must be 1 to 120 months/
		],
		[
			'a segment that is not one',
			edited((f) => (f.segments[0].rule = { kind: 'group', combinator: 'xor', children: [] })),
			/segments: Segment 1 'Big spenders' was left out/
		]
	])('refuses %s, saying where', (_, text, message) => {
		const read = parseWorkspaceFile(text);
		expect(read.value).toBeNull();
		expect(read.errors.join('\n')).toMatch(message);
	});

	it('reports every problem of a file at once', () => {
		const read = parseWorkspaceFile(
			edited((f) => {
				delete f.phoneCountry;
				f.identity.junkRecords = 'ten';
				f.indicators.lifecycle[0].minOrders = 'one';
			})
		);
		expect(read.errors).toEqual([
			'phoneCountry is missing.',
			'identity.junkRecords is not a number.',
			'indicators.lifecycle[0].minOrders is neither a number nor null.'
		]);
	});

	it('names sources by the reading workspace’s ids', () => {
		const ids = new Map([
			['file:crm', 'file:crm_2'],
			['file:orders', 'file:orders_2']
		]);
		const settings = identitySettingsHere(FILE, ids);
		expect(settings.golden?.fields.phone.sources).toEqual(['file:crm_2']);
		expect(settings.threshold).toBe(0.7);
		expect(eventKindsHere(FILE, ids)).toEqual({ 'file:orders_2': 'purchase' });
		expect(eventKindsHere(FILE, new Map())).toEqual({});
		// A source added later (it was waiting for its file) takes its own id in settings kept since.
		const later = withSourceIds(settings, new Map([['file:crm_2', 'file:crm_3']]));
		expect(later.golden?.fields.phone.sources).toEqual(['file:crm_3']);
		expect(later.golden?.fields.email).toEqual(settings.golden?.fields.email);
	});

	it('tells the format from the file name', () => {
		expect(
			['a.csv', 'b.TSV', 'c.csv.gz', 'd.parquet', 'e.xlsx', 'f.json', 'g.jsonl', 'h.dat'].map(
				formatOfFileName
			)
		).toEqual(['csv', 'csv', 'csv', 'parquet', 'xlsx', 'json', 'ndjson', null]);
	});
});
