// Column names for a raw table from keys or header cells found in a file. DuckDB compares
// column names without regard to case, so 'Email' and 'email' cannot both be columns: the
// second becomes 'email_1'. A blank name becomes column0, column1, … by position — the same
// names DuckDB's CSV reader gives, so the two paths read alike.

export class ColumnNames {
	readonly names: string[] = [];
	private readonly taken = new Set<string>();
	private blank: string[] = [];
	private repeated: string[] = [];

	/** Adds the column found at the next position and returns the name it gets. */
	add(found: string | null | undefined): string {
		const text = (found ?? '').replaceAll('\u0000', '').trim();
		let name = text === '' ? `column${this.names.length}` : text;
		if (text === '') this.blank.push(name);
		if (this.taken.has(name.toLowerCase())) {
			let n = 1;
			while (this.taken.has(`${name}_${n}`.toLowerCase())) n++;
			name = `${name}_${n}`;
			this.repeated.push(name);
		}
		this.taken.add(name.toLowerCase());
		this.names.push(name);
		return name;
	}

	/** Blank and repeated names, said plainly and naming the file. */
	warnings(displayName: string, what = 'column names'): string[] {
		const list = (names: string[]) =>
			`${names.slice(0, 3).join(', ')}${names.length > 3 ? '…' : ''}`;
		const warnings: string[] = [];
		if (this.blank.length > 0) {
			warnings.push(
				`'${displayName}' has ${this.blank.length} column(s) without a name: they are called ${list(this.blank)}.`
			);
		}
		if (this.repeated.length > 0) {
			warnings.push(
				`'${displayName}' repeats ${what} (letter case aside): the repeats are called ${list(this.repeated)}.`
			);
		}
		return warnings;
	}
}
