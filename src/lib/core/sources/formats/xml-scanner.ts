// A small streaming XML scanner for the parts of an .xlsx workbook: text is pushed in pieces as
// it is inflated, and the handler is told of each opening tag, closing tag and text. Names lose
// their namespace prefix (`x:row` is `row`: some writers prefix every element). It checks no
// well-formedness beyond what reading needs. The tricky point: a piece may end inside a tag, a
// text or an entity, so everything after the last complete tag waits for the next piece; a '>'
// inside a quoted attribute value does not end a tag.

export interface XmlHandler {
	/** An opening tag; `attributes` is its raw attribute text, read with `attributesOf`. */
	open(name: string, attributes: string): void;
	/** A closing tag, also sent right after the opening of an empty element (`<c/>`). */
	close(name: string): void;
	/** A whole text node, its entities decoded (CDATA as it is). */
	text(text: string): void;
}

const ENTITY = /&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
	if (!text.includes('&')) return text;
	return text.replace(ENTITY, (whole, body: string) => {
		if (body[0] !== '#') return NAMED[body.toLowerCase()] ?? whole;
		const code =
			body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
		return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
	});
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * The attributes of a tag by local name (`r:id` is `id`), their values decoded. Read by hand
 * rather than with a regular expression: it runs for every cell, and this is three times faster.
 */
export function attributesOf(raw: string): Record<string, string> {
	const found: Record<string, string> = {};
	let at = 0;
	for (;;) {
		const equals = raw.indexOf('=', at);
		if (equals < 0) return found;
		let open = equals + 1;
		while (raw[open] === ' ' || raw[open] === '\n' || raw[open] === '\t' || raw[open] === '\r') {
			open++;
		}
		const quote = raw[open];
		if (quote !== '"' && quote !== "'") return found;
		const close = raw.indexOf(quote, open + 1);
		if (close < 0) return found;
		const name = raw.slice(at, equals).trim();
		found[localName(name)] = decodeEntities(raw.slice(open + 1, close));
		at = close + 1;
	}
}

/** The index of the '>' closing the tag that opens at `start`, or -1 when it is not all here. */
function tagEnd(text: string, start: number): number {
	if (text.startsWith('<!--', start)) {
		const end = text.indexOf('-->', start + 4);
		return end < 0 ? -1 : end + 2;
	}
	if (text.startsWith('<![CDATA[', start)) {
		const end = text.indexOf(']]>', start + 9);
		return end < 0 ? -1 : end + 2;
	}
	let quote = '';
	for (let at = start + 1; at < text.length; at++) {
		const char = text[at];
		if (quote !== '') {
			if (char === quote) quote = '';
		} else if (char === '"' || char === "'") {
			quote = char;
		} else if (char === '>') {
			return at;
		}
	}
	return -1;
}

export class XmlScanner {
	private rest = '';

	constructor(private readonly handler: XmlHandler) {}

	push(piece: string): void {
		const text = this.rest + piece;
		let at = 0;
		for (;;) {
			const open = text.indexOf('<', at);
			// Text not followed by a tag may go on in the next piece.
			if (open < 0) break;
			if (open > at) this.handler.text(decodeEntities(text.slice(at, open)));
			at = open;
			const end = tagEnd(text, open);
			if (end < 0) break;
			this.tag(text, open, end);
			at = end + 1;
		}
		this.rest = text.slice(at);
	}

	/** The document is complete: what is left must be text, not a tag cut short. */
	end(): void {
		if (this.rest.includes('<')) throw new Error('the XML ends inside a tag');
		if (this.rest !== '') this.handler.text(decodeEntities(this.rest));
		this.rest = '';
	}

	private tag(text: string, open: number, end: number): void {
		const second = text[open + 1];
		if (second === '?') return;
		if (second === '!') {
			if (text.startsWith('<![CDATA[', open)) this.handler.text(text.slice(open + 9, end - 2));
			return;
		}
		if (second === '/') {
			this.handler.close(localName(text.slice(open + 2, end).trim()));
			return;
		}
		const empty = text[end - 1] === '/';
		const body = text.slice(open + 1, empty ? end - 1 : end);
		const space = body.search(/\s/);
		const name = localName(space < 0 ? body : body.slice(0, space));
		this.handler.open(name, space < 0 ? '' : body.slice(space));
		if (empty) this.handler.close(name);
	}
}

/** Scans a whole document held as one string. */
export function scanXml(text: string, handler: XmlHandler): void {
	const scanner = new XmlScanner(handler);
	scanner.push(text);
	scanner.end();
}
