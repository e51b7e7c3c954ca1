// The command line tool writes one CSV per source, as each system would export it (the CRM with
// semicolons, the tills in Windows-1252), plus the truth, and explains bad arguments clearly.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemoCli, UsageError, type DemoCliResult } from '../../src/cli/demo-data';
import { DEMO_SOURCES, DEMO_TRUTH_TABLES } from '../../src/lib/core/demo';

const HEADERS: Record<string, string> = {
	'crm_contacts.csv':
		'ID Contact;Civilité;Prénom;Nom;E-mail;Téléphone;Adresse;Code postal;Ville;Date de naissance;N° carte fidélité;Magasin;Date de création;Optin email',
	'eshop_accounts.csv':
		'customer_id,email,first_name,last_name,phone,birth_date,zip,city,created_at,newsletter',
	'eshop_orders.csv':
		'order_id,customer_id,order_date,status,total_amount,currency,items,category,payment_method',
	'store_receipts.csv':
		'N° ticket,Magasin,Date,Heure,Carte fidélité,Montant TTC,Nb articles,Règlement,Nom client,Tél. client',
	'service_tickets.csv': 'ticketId,openedAt,closedAt,status,channel,contact,subject',
	'email_events.csv': 'EVENT_ID,EMAIL,CAMPAIGN,EVENT_TYPE,EVENT_TIME'
};

const lines = (text: string) => text.split('\n').filter((line) => line.length > 0);

describe('demo-data command line', () => {
	let dir: string;
	let result: DemoCliResult;
	const log: string[] = [];

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'concord-demo-'));
		result = await runDemoCli(['--persons', '1000', '--out', dir, '--seed', '3'], (line) =>
			log.push(line)
		);
	});
	afterAll(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it('writes every source and the truth, and says what it wrote', async () => {
		const expected = [
			...DEMO_SOURCES.map((s) => join(dir, s.fileName)),
			...Object.values(DEMO_TRUTH_TABLES).map((t) => join(dir, 'truth', `${t}.csv`))
		];
		expect(result.files.map((f) => f.path)).toEqual(expected);
		for (const file of result.files) {
			expect(file.rows, file.path).toBeGreaterThan(0);
			expect(log.some((line) => line.endsWith(file.path))).toBe(true);
			const text = (await readFile(file.path)).toString('latin1');
			expect(lines(text).length - 1, file.path).toBe(file.rows);
		}
	});

	it.each(Object.entries(HEADERS))(
		'gives %s the headers its system uses',
		async (fileName, header) => {
			const source = DEMO_SOURCES.find((s) => s.fileName === fileName);
			const bytes = await readFile(join(dir, fileName));
			const text = new TextDecoder(source?.encoding).decode(bytes);
			expect(lines(text)[0]).toBe(header);
		}
	);

	it('writes the store receipts as Windows-1252, not UTF-8', async () => {
		const bytes = await readFile(join(dir, 'store_receipts.csv'));
		expect(bytes.includes(0xe9)).toBe(true); // 'é' in "Carte fidélité"
		expect(bytes.includes(0xb0)).toBe(true); // '°' in "N° ticket"
		expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
		const text = new TextDecoder('windows-1252').decode(bytes);
		expect(text).toMatch(/Besançon Centre/);
		expect(text).toMatch(/"\d+,\d{2}"/);
	});

	it('writes the other files as UTF-8', async () => {
		const bytes = await readFile(join(dir, 'crm_contacts.csv'));
		expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toMatch(/Prénom/);
	});

	it('writes the same files again for the same seed', async () => {
		const again = await mkdtemp(join(tmpdir(), 'concord-demo-'));
		try {
			await runDemoCli(['--persons', '1000', '--out', again, '--seed', '3'], () => {});
			for (const source of DEMO_SOURCES) {
				const [a, b] = await Promise.all([
					readFile(join(dir, source.fileName)),
					readFile(join(again, source.fileName))
				]);
				expect(a.equals(b), source.fileName).toBe(true);
			}
		} finally {
			await rm(again, { recursive: true, force: true });
		}
	});

	it.each([
		[[], /--persons is required/],
		[['--persons', '100'], /--out is required/],
		[['--persons', 'many', '--out', 'x'], /--persons must be a whole number \(got 'many'\)/],
		[['--persons', '0', '--out', 'x'], /from 1 to 2,000,000/],
		[['--persons', '10', '--out', 'x', '--seed=-3'], /--seed must be a whole number \(got '-3'\)/],
		[['--persons', '10', '--out', 'x', '--as-of', '2026-13-01'], /calendar date/],
		[['--persons', '10', '--out', 'x', '--threads', '0'], /--threads must be at least 1/],
		[['--persons', '10', '--out', 'x', '--colour', 'red'], /Unknown option '--colour'/]
	])('explains the mistake in %j', async (argv, message) => {
		const run = runDemoCli(argv, () => {});
		await expect(run).rejects.toThrow(message);
		await expect(run).rejects.toBeInstanceOf(UsageError);
	});
});
