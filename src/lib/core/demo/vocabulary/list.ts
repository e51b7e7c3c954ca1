// Long vocabularies are written as comma-separated text so they stay readable and short on the
// page; this turns such text into a list (entries may contain spaces, like 'Da Silva').

export function commaList(text: string): readonly string[] {
	return text
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry.length > 0);
}
