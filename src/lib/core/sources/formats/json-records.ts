// JSON records (objects) as rows of text: keys become columns in order of first appearance, a
// record without a key gets NULL there. The tricky point: JSON.parse turns 12345678901234567890
// into a double and loses digits; where the JavaScript engine can hand back a number's source
// text (JSON.parse source access, Chromium ≥ 114), such numbers are read again exactly.
import { cellText } from './cell-text';
import { ColumnNames } from './column-names';
import type { CellText } from './record-batch';

type Reviver = (
	this: unknown,
	key: string,
	value: unknown,
	context?: { source?: string }
) => unknown;
interface JsonWithRaw {
	rawJSON?: (text: string) => object;
	isRawJSON?: (value: unknown) => boolean;
}
const json = JSON as unknown as JsonWithRaw;

const lossy = (value: number) =>
	(Number.isInteger(value) && !Number.isSafeInteger(value)) || /e/i.test(String(value));

function hasLossyNumber(value: unknown): boolean {
	if (typeof value === 'number') return lossy(value);
	if (value === null || typeof value !== 'object') return false;
	for (const inner of Object.values(value)) if (hasLossyNumber(inner)) return true;
	return false;
}

const exactNumbers: Reviver = function (_key, value, context) {
	const source = context?.source;
	return typeof value === 'number' && source !== undefined && lossy(value) && json.rawJSON
		? json.rawJSON(source)
		: value;
};

/** JSON.parse, reading numbers that a double cannot hold exactly from their source text. */
export function parseJson(text: string): unknown {
	const value: unknown = JSON.parse(text);
	if (!json.rawJSON || !hasLossyNumber(value)) return value;
	return JSON.parse(text, exactNumbers as Parameters<typeof JSON.parse>[1]);
}

/** A value's cell text; a number kept as raw JSON reads as its source text. */
function recordCell(value: unknown): CellText {
	if (value !== null && typeof value === 'object' && json.isRawJSON?.(value)) {
		return (value as { rawJSON: string }).rawJSON;
	}
	return cellText(value);
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

export class RecordRows {
	private readonly names = new ColumnNames();
	private readonly index = new Map<string, number>();
	private records = 0;
	private differing = false;

	get columns(): string[] {
		return this.names.names;
	}

	row(record: Record<string, unknown>): CellText[] {
		const keys = Object.keys(record);
		if (this.records > 0 && keys.length !== this.index.size) this.differing = true;
		const row: CellText[] = new Array<CellText>(this.index.size).fill(null);
		for (const key of keys) {
			let at = this.index.get(key);
			if (at === undefined) {
				at = this.index.size;
				this.index.set(key, at);
				this.names.add(key);
				if (this.records > 0) this.differing = true;
			}
			row[at] = recordCell(record[key]);
		}
		this.records++;
		return row;
	}

	warnings(displayName: string): string[] {
		const warnings = this.names.warnings(displayName, 'field names');
		if (this.differing) {
			warnings.push(
				`'${displayName}' has records with different fields: its ${this.columns.length} columns are all the fields found, left empty where a record lacks one.`
			);
		}
		return warnings;
	}
}
