// Builds a small .xlsx workbook in memory for tests: the few XML parts Excel needs, zipped with
// Node's zlib. Strings are written inline or, like Excel, in a shared string table; dates as serial
// day numbers in the 1900 or 1904 date system, with a built-in date format at midnight and a
// custom date-time format otherwise; booleans as t="b" — the shapes a real Excel export has.
// `{ xml }` puts a cell's XML as it is (rich text, formulas, errors). Not a general writer.
import { crc32, deflateRawSync } from 'node:zlib';

export type FixtureCell = string | number | boolean | Date | null | { xml: string };
export interface FixtureSheet {
	name: string;
	rows: FixtureCell[][];
}
export interface FixtureOptions {
	/** Strings in xl/sharedStrings.xml, as Excel writes them, rather than inline. */
	sharedStrings?: boolean;
	/** The 1904 date system (old Mac workbooks). */
	date1904?: boolean;
	/** Zip entries stored without compression. */
	stored?: boolean;
}

const escapeXml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function columnName(index: number): string {
	let name = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
		name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
	}
	return name;
}

/** Excel's serial day number of a UTC date (after 1 March 1900). */
const serial = (date: Date, date1904: boolean) =>
	date.getTime() / 86_400_000 + (date1904 ? 24107 : 25569);

class SheetWriter {
	readonly strings: string[] = [];
	private readonly indexes = new Map<string, number>();

	constructor(private readonly options: FixtureOptions) {}

	cell(cell: FixtureCell, ref: string): string {
		if (cell === null) return '';
		if (typeof cell === 'string') return this.text(cell, ref);
		if (typeof cell === 'boolean') return `<c r="${ref}" t="b"><v>${cell ? 1 : 0}</v></c>`;
		if (cell instanceof Date) {
			const style = cell.getTime() % 86_400_000 === 0 ? 1 : 2;
			return `<c r="${ref}" s="${style}"><v>${serial(cell, this.options.date1904 ?? false)}</v></c>`;
		}
		if (typeof cell === 'object') return cell.xml.replace('$ref', ref);
		return `<c r="${ref}"><v>${cell}</v></c>`;
	}

	private text(text: string, ref: string): string {
		if (!this.options.sharedStrings) {
			return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
		}
		let index = this.indexes.get(text);
		if (index === undefined) {
			index = this.strings.push(text) - 1;
			this.indexes.set(text, index);
		}
		return `<c r="${ref}" t="s"><v>${index}</v></c>`;
	}

	sheet(rows: FixtureCell[][]): string {
		const body = rows
			.map(
				(row, r) =>
					`<row r="${r + 1}">${row.map((cell, c) => this.cell(cell, `${columnName(c)}${r + 1}`)).join('')}</row>`
			)
			.join('');
		return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
	}
}

/** A zip archive of the files, deflated unless `stored`. */
function zip(files: Record<string, string>, stored: boolean): Uint8Array<ArrayBuffer> {
	const locals: Buffer[] = [];
	const directory: Buffer[] = [];
	let offset = 0;
	for (const [name, text] of Object.entries(files)) {
		const data = Buffer.from(text, 'utf-8');
		const packed = stored ? data : deflateRawSync(data);
		const nameBytes = Buffer.from(name, 'utf-8');
		const common = Buffer.alloc(26);
		common.writeUInt16LE(20, 0); // version needed
		common.writeUInt16LE(0x0800, 2); // UTF-8 names
		common.writeUInt16LE(stored ? 0 : 8, 4);
		common.writeUInt16LE(0x21, 8); // 1980-01-01
		common.writeUInt32LE(crc32(data), 10);
		common.writeUInt32LE(packed.length, 14);
		common.writeUInt32LE(data.length, 18);
		common.writeUInt16LE(nameBytes.length, 22);
		const local = Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), common, nameBytes, packed]);
		// Comment length, disk, attributes, then where the local header starts.
		const tail = Buffer.alloc(14);
		tail.writeUInt32LE(offset, 10);
		directory.push(
			Buffer.concat([Buffer.from([0x50, 0x4b, 1, 2, 20, 0]), common, tail, nameBytes])
		);
		locals.push(local);
		offset += local.length;
	}
	const entries = Buffer.concat(directory);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(directory.length, 8);
	end.writeUInt16LE(directory.length, 10);
	end.writeUInt32LE(entries.length, 12);
	end.writeUInt32LE(offset, 16);
	return new Uint8Array(Buffer.concat([...locals, entries, end]));
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

export function buildXlsx(
	sheets: FixtureSheet[],
	options: FixtureOptions = {}
): Uint8Array<ArrayBuffer> {
	const writer = new SheetWriter(options);
	const sheetFiles = sheets.map((sheet) => writer.sheet(sheet.rows));
	const rels = sheets.map(
		(_, i) =>
			`<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`
	);
	rels.push(`<Relationship Id="rIdStyles" Type="${REL}/styles" Target="styles.xml"/>`);
	if (options.sharedStrings) {
		rels.push(
			`<Relationship Id="rIdStrings" Type="${REL}/sharedStrings" Target="/xl/sharedStrings.xml"/>`
		);
	}
	const files: Record<string, string> = {
		'[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
</Types>`,
		'_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr${options.date1904 ? ' date1904="1"' : ''}/><sheets>${sheets
			.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
			.join('')}</sheets></workbook>`,
		'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
		// Style 1: built-in date format 14; style 2: a custom date-time format. The cellStyleXfs
		// entry is not a cell style: a reader must not count it.
		'xl/styles.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm:ss"/></numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>`
	};
	sheetFiles.forEach((xml, i) => {
		files[`xl/worksheets/sheet${i + 1}.xml`] = xml;
	});
	if (options.sharedStrings) {
		const items = writer.strings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`);
		files['xl/sharedStrings.xml'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="${MAIN}" count="${items.length}" uniqueCount="${items.length}">${items.join('')}</sst>`;
	}
	return zip(files, options.stored ?? false);
}
