// The parts of an .xlsx workbook needed before any row is read: where each worksheet lives and
// its name, the date system, the shared strings (most text cells hold an index into them) and
// which cell styles show dates. Each part is found through the package's relationships, as the
// standard has it (ECMA-376 part 2), not at a fixed path: writers other than Excel put them
// elsewhere. The tricky point: a text is made of runs; phonetic guides (<rPh>, for Japanese
// readings) are runs too but are not part of the text.
import { attributesOf, scanXml } from './xml-scanner';
import { isDateFormat, unescapeText } from './xlsx-values';
import type { ZipArchive } from './zip-archive';

export interface WorksheetPart {
	name: string;
	/** The worksheet's path inside the archive. */
	path: string;
}

export interface Workbook {
	archive: ZipArchive;
	/** The worksheets in the workbook's order (chart sheets hold no cells and are left out). */
	worksheets: WorksheetPart[];
	date1904: boolean;
	sharedStrings: string[];
	/** For each cell style (a cell's `s`), whether its number format shows a date or time. */
	dateStyles: boolean[];
}

interface Relationship {
	type: string;
	path: string;
}

/** A relationship target as an archive path: relative to the part's folder, or from the root. */
function resolvePath(folder: string, target: string): string {
	const parts = target.startsWith('/') ? [] : folder.split('/').filter(Boolean);
	for (const piece of target.split('/')) {
		if (piece === '..') parts.pop();
		else if (piece !== '.' && piece !== '') parts.push(piece);
	}
	return parts.join('/');
}

/** The relationships of the part at `partPath`, by id. */
async function relationships(archive: ZipArchive, partPath: string) {
	const slash = partPath.lastIndexOf('/');
	const folder = partPath.slice(0, slash + 1);
	const xml = await archive.text(`${folder}_rels/${partPath.slice(slash + 1)}.rels`);
	const found = new Map<string, Relationship>();
	if (xml === null) return found;
	scanXml(xml, {
		open(name, raw) {
			if (name !== 'Relationship') return;
			const { Id, Type, Target, TargetMode } = attributesOf(raw);
			if (Id && Target && TargetMode !== 'External') {
				found.set(Id, { type: Type ?? '', path: resolvePath(folder, Target) });
			}
		},
		close() {},
		text() {}
	});
	return found;
}

const ofType = (rels: Map<string, Relationship>, type: string) =>
	[...rels.values()].find((rel) => rel.type.endsWith(`/${type}`))?.path;

/** Collects the text of <si> (shared strings) or <is> (inline strings) elements. */
export class RichText {
	private phonetic = 0;
	private inText = false;
	private value = '';

	open(name: string): void {
		if (name === 'rPh') this.phonetic++;
		else if (name === 't' && this.phonetic === 0) this.inText = true;
	}

	close(name: string): void {
		if (name === 'rPh') this.phonetic--;
		else if (name === 't') this.inText = false;
	}

	text(text: string): void {
		if (this.inText) this.value += text;
	}

	/** The text collected since the last take, its _xHHHH_ escapes undone. */
	take(): string {
		const value = unescapeText(this.value);
		this.value = '';
		return value;
	}
}

function readSharedStrings(xml: string): string[] {
	const strings: string[] = [];
	const rich = new RichText();
	scanXml(xml, {
		open: (name) => rich.open(name),
		close(name) {
			if (name === 'si') strings.push(rich.take());
			else rich.close(name);
		},
		text: (text) => rich.text(text)
	});
	return strings;
}

function readDateStyles(xml: string): boolean[] {
	const formats = new Map<number, string>();
	const styles: boolean[] = [];
	let inCellStyles = false;
	scanXml(xml, {
		open(name, raw) {
			if (name === 'numFmt') {
				const { numFmtId, formatCode } = attributesOf(raw);
				if (numFmtId !== undefined && formatCode !== undefined) {
					formats.set(Number(numFmtId), formatCode);
				}
			} else if (name === 'cellXfs') {
				inCellStyles = true;
			} else if (name === 'xf' && inCellStyles) {
				const id = Number(attributesOf(raw).numFmtId ?? 0);
				styles.push(isDateFormat(id, formats.get(id)));
			}
		},
		close(name) {
			if (name === 'cellXfs') inCellStyles = false;
		},
		text() {}
	});
	return styles;
}

export async function openWorkbook(archive: ZipArchive): Promise<Workbook> {
	const root = await relationships(archive, '');
	const workbookPath = ofType(root, 'officeDocument') ?? 'xl/workbook.xml';
	const xml = await archive.text(workbookPath);
	if (xml === null) throw new Error('it holds no workbook');
	const rels = await relationships(archive, workbookPath);
	const worksheets: WorksheetPart[] = [];
	let date1904 = false;
	scanXml(xml, {
		open(name, raw) {
			if (name === 'workbookPr') {
				const flag = attributesOf(raw).date1904;
				date1904 = flag === '1' || flag === 'true';
			} else if (name === 'sheet') {
				const { name: sheetName, id } = attributesOf(raw);
				const rel = id === undefined ? undefined : rels.get(id);
				if (sheetName !== undefined && rel?.type.endsWith('/worksheet')) {
					worksheets.push({ name: unescapeText(sheetName), path: rel.path });
				}
			}
		},
		close() {},
		text() {}
	});
	// Excel's own paths when a writer left the relationship out.
	const stringsXml = await archive.text(ofType(rels, 'sharedStrings') ?? 'xl/sharedStrings.xml');
	const stylesXml = await archive.text(ofType(rels, 'styles') ?? 'xl/styles.xml');
	return {
		archive,
		worksheets,
		date1904,
		sharedStrings: stringsXml === null ? [] : readSharedStrings(stringsXml),
		dateStyles: stylesXml === null ? [] : readDateStyles(stylesXml)
	};
}
