// The customer CSV the `csv-import` scenario reads: ~135 bytes a row (1M rows ≈ 135 MB), seeded
// so every run reads the same bytes. The tricky point: it is written with a stream in chunks of
// a few thousand lines, never as one string, so a million rows cost a few MB of memory.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const HEADER =
	'customer_id,first_name,last_name,email,phone,birth_date,street,postcode,city,country,' +
	'signup_date,loyalty_card,total_spent';
const FIRST = [
	'Marie',
	'Jean',
	'Camille',
	'Lucas',
	'Léa',
	'Hugo',
	'Chloé',
	'Louis',
	'Inès',
	'Noah'
];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand'];
const STREETS = ['rue de la Paix', 'avenue Victor Hugo', 'boulevard Voltaire', 'rue des Lilas'];
const CITIES = ['Paris', 'Lyon', 'Marseille', 'Toulouse', 'Nantes', 'Lille', 'Bordeaux', 'Nice'];
const DOMAINS = ['gmail.com', 'orange.fr', 'free.fr', 'outlook.com', 'yahoo.fr'];
const LINES_PER_CHUNK = 5_000;

/** mulberry32: a small seeded generator of uniform numbers in [0, 1). */
function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The file's text, header first, in chunks of whole lines. */
export function* customerCsvChunks(rows: number, seed = 7): Generator<string> {
	const random = seeded(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
	const int = (below: number) => Math.floor(random() * below);
	let lines: string[] = [HEADER];
	for (let id = 1; id <= rows; id++) {
		const first = pick(FIRST);
		const last = pick(LAST);
		const email = `${first}.${last}${int(100)}@${pick(DOMAINS)}`.toLowerCase();
		const phone =
			random() < 0.15 ? '' : `+33 6 ${pad(int(100), 2)} ${pad(int(100), 2)} ${pad(int(1e4), 4)}`;
		const birth = `${1940 + int(65)}-${pad(1 + int(12), 2)}-${pad(1 + int(28), 2)}`;
		// A comma inside the street makes the reader handle quoted fields.
		const street = `"${1 + int(200)}, ${pick(STREETS)}"`;
		const signup = `${2015 + int(11)}-${pad(1 + int(12), 2)}-${pad(1 + int(28), 2)}`;
		const card = random() < 0.4 ? '' : `LC${pad(int(1e8), 8)}`;
		const spent = (random() * 5000).toFixed(2);
		lines.push(
			`${id},${first},${last},${email},${phone},${birth},${street},${pad(int(1e5), 5)},` +
				`${pick(CITIES)},FR,${signup},${card},${spent}`
		);
		if (lines.length >= LINES_PER_CHUNK) {
			yield `${lines.join('\n')}\n`;
			lines = [];
		}
	}
	if (lines.length > 0) yield `${lines.join('\n')}\n`;
}

/** Writes `rows` customer rows (plus a header) to `path`. */
export async function writeCustomerCsv(path: string, rows: number, seed?: number): Promise<void> {
	await pipeline(Readable.from(customerCsvChunks(rows, seed)), createWriteStream(path));
}
