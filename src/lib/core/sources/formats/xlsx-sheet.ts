// The rows of one worksheet, read as its XML is inflated: only what has been read is held, so a
// preview stops after its first rows and an import never holds the whole sheet. Each cell becomes
// text the way a raw table stores it (see xlsx-values.ts for dates). The tricky points: a cell's
// column comes from its reference (`r="C7"`), and writers may leave it out, meaning the next
// column; empty rows are skipped, and a cell holding an empty string is a missing value.
import { decodedText } from './blob-stream';
import type { CellText } from './record-batch';
import { attributesOf, XmlScanner } from './xml-scanner';
import { RichText, type Workbook, type WorksheetPart } from './xlsx-workbook';
import { numberText, serialDateText } from './xlsx-values';

/** The column index of a cell reference ("C7" is 2), or -1 when it has none. */
export function columnOf(reference: string | undefined): number {
	if (!reference) return -1;
	let column = 0;
	let at = 0;
	for (; at < reference.length; at++) {
		const code = reference.charCodeAt(at) & ~32; // upper case
		if (code < 65 || code > 90) break;
		column = column * 26 + (code - 64);
	}
	return at === 0 ? -1 : column - 1;
}

/** Builds rows from the sheet's XML, handed over as they are complete. */
class SheetRows {
	readonly done: CellText[][] = [];
	private row: CellText[] | null = null;
	private filled = false;
	private column = -1;
	private type = 'n';
	private style = 0;
	private inValue = false;
	private inInline = false;
	private value = '';
	private readonly inline = new RichText();

	constructor(private readonly workbook: Workbook) {}

	open(name: string, raw: string): void {
		if (this.inInline) {
			this.inline.open(name);
		} else if (name === 'c' && this.row) {
			const { r, t, s } = attributesOf(raw);
			const at = columnOf(r);
			this.column = at < 0 ? this.column + 1 : at;
			this.type = t ?? 'n';
			this.style = s === undefined ? 0 : Number(s);
			this.value = '';
		} else if (name === 'v') {
			this.inValue = true;
		} else if (name === 'is') {
			this.inInline = true;
		} else if (name === 'row') {
			this.row = [];
			this.filled = false;
			this.column = -1;
		}
	}

	close(name: string): void {
		if (this.inInline) {
			if (name === 'is') {
				this.inInline = false;
				this.value = this.inline.take();
			} else {
				this.inline.close(name);
			}
		} else if (name === 'v') {
			this.inValue = false;
		} else if (name === 'c' && this.row) {
			const text = this.cellText();
			if (text !== null) {
				while (this.row.length < this.column) this.row.push(null);
				this.row[this.column] = text;
				this.filled = true;
			}
		} else if (name === 'row' && this.row) {
			if (this.filled) this.done.push(this.row);
			this.row = null;
		}
	}

	text(text: string): void {
		if (this.inInline) this.inline.text(text);
		else if (this.inValue) this.value += text;
	}

	/** The cell just closed as text: its type (`t`) says how its value reads. */
	private cellText(): CellText {
		const value = this.value;
		switch (this.type) {
			case 's': {
				const shared = this.workbook.sharedStrings[Number(value)];
				return shared === undefined || shared === '' ? null : shared;
			}
			case 'inlineStr':
			case 'str':
				return value === '' ? null : value;
			case 'b':
				return value === '1' ? 'true' : value === '0' ? 'false' : value === '' ? null : value;
			case 'd':
			case 'e':
				return value.trim() === '' ? null : value.trim();
			default: {
				const stored = value.trim();
				if (stored === '') return null;
				return this.workbook.dateStyles[this.style]
					? serialDateText(stored, this.workbook.date1904)
					: numberText(stored);
			}
		}
	}
}

/**
 * The non-empty rows of a worksheet, a few at a time, each as long as its last filled cell.
 * `onRead` is told how many of the file's bytes have been read so far.
 */
export async function* worksheetRows(
	workbook: Workbook,
	sheet: WorksheetPart,
	onRead?: (fileBytes: number) => void
): AsyncGenerator<CellText[][]> {
	const entry = workbook.archive.entry(sheet.path);
	if (!entry) throw new Error(`its sheet '${sheet.name}' is missing`);
	const rows = new SheetRows(workbook);
	const scanner = new XmlScanner(rows);
	for await (const text of decodedText(await workbook.archive.stream(entry, onRead))) {
		scanner.push(text);
		if (rows.done.length > 0) yield rows.done.splice(0);
	}
	scanner.end();
	if (rows.done.length > 0) yield rows.done.splice(0);
}
