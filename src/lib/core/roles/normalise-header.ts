// Header names reduced to comparable words: 'Date de naissance', 'date_de_naissance' and
// 'DateDeNaissance' all become 'date de naissance'. The tricky point is the order of the steps:
// camelCase is split before lower-casing (the capitals are the only word boundary in
// 'openedAt'), runs of capitals stay one word ('EVENT_ID', 'customerID'), and accents are
// stripped with compatibility decomposition so 'Nº' reads 'no' and 'ß' reads 'ss'.

const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
	ß: 'ss',
	æ: 'ae',
	œ: 'oe',
	ø: 'o',
	ł: 'l',
	đ: 'd',
	ð: 'd',
	þ: 'th'
};

/** The header as lower-case words of letters and digits, separated by single spaces. */
export function normaliseHeader(name: string): string {
	return headerWords(name).join(' ');
}

export function headerWords(name: string): string[] {
	const split = name
		.replace(/^\uFEFF/, '')
		// 'openedAt' -> 'opened At', 'customerID' -> 'customer ID', 'IDContact' -> 'ID Contact'
		.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
		.replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
		// 'address1' -> 'address 1', '2nd' stays whole enough for our rules
		.replace(/(\p{L})(\p{N})/gu, '$1 $2');
	const plain = split
		.toLowerCase()
		.replace(/[ßæœøłđðþ]/g, (letter) => SPECIAL_LETTERS[letter] ?? letter)
		.normalize('NFKD')
		.replace(/\p{M}/gu, '');
	return plain.split(/[^a-z0-9]+/).filter((word) => word !== '');
}

/** The header without any separator: 'e mail' and 'email' compare equal. */
export function compactHeader(name: string): string {
	return headerWords(name).join('');
}

/**
 * The words and every pair of neighbouring words glued together, for token rules: 'e mail'
 * also yields 'email', 'zip code' also 'zipcode', 'soc sec id' also 'socsec'.
 */
export function headerTokens(name: string): string[] {
	const words = headerWords(name);
	const glued = words.slice(1).map((word, i) => `${words[i] ?? ''}${word}`);
	return [...words, ...glued];
}
