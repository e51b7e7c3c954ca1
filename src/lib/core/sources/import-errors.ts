// DuckDB's reading errors, said in a marketer's words and naming the file. The tricky point:
// the engine's message is kept at the end — it holds the line number and the offending text.

export function explainReadError(fileName: string, error: unknown): string {
	const raw = error instanceof Error ? error.message : String(error);
	const message = raw.replace(/^(Error: )?(Invalid Input Error|Conversion Error|IO Error): /, '');
	const line = /line:? (\d+)/i.exec(message)?.[1];
	const where = line ? ` (line ${line})` : '';
	if (/not (utf-8|latin-1|utf-16) encoded/i.test(message)) {
		return `'${fileName}' is not in the text encoding that was chosen${where}. Choose another encoding (for files from Excel on Windows, try Windows-1252).`;
	}
	if (
		/Expected Number of Columns|too many columns|not enough columns|not possible to automatically detect/i.test(
			message
		)
	) {
		return `'${fileName}' has rows with a different number of values than its header${where}. Check the delimiter and the quote character. Details: ${firstLine(message)}`;
	}
	if (/Maximum line size of \d+ bytes exceeded/i.test(message)) {
		return `'${fileName}' has a line longer than 16 MB${where}: it is probably not a delimited text file, or its quote character is wrong.`;
	}
	if (/No such file|Could not open|Cannot open/i.test(message)) {
		return `'${fileName}' could not be opened: it may have been moved or deleted since it was chosen.`;
	}
	return `'${fileName}' could not be read${where}: ${firstLine(message)}`;
}

function firstLine(text: string): string {
	const line = text.split('\n')[0] ?? text;
	return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
