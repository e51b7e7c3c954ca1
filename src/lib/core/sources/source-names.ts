// Names for a new source: a readable title from the file name, and a raw table name that is
// unique, plain ASCII and stable (the table name never depends on what the user types later).

export function sourceTitle(fileName: string): string {
	const base = fileName.replace(/\.(csv|tsv|txt|gz|parquet|json|ndjson|jsonl|xlsx)$/gi, '');
	const words = base.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
	return words.length === 0 ? 'Untitled source' : words.charAt(0).toUpperCase() + words.slice(1);
}

export function sourceTableName(fileName: string, taken: readonly string[]): string {
	const slug =
		fileName
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/\.[a-z0-9]+$/g, '')
			.replace(/[^a-z0-9]+/g, '_')
			.replace(/^_+|_+$/g, '')
			.slice(0, 40) || 'source';
	let name = `cc_src_${slug}`;
	for (let n = 2; taken.includes(name); n++) name = `cc_src_${slug}_${n}`;
	return name;
}
