// A segment's hashed audience file for ad platforms (Google Customer Match, Meta custom
// audiences): a CSV file with the header `email_sha256,phone_sha256` and one row per member
// with an e-mail address or a phone number in the form the platforms match on, each cell the
// lower-case hex SHA-256 of that value or empty (see audience-identifiers.ts); members with
// neither get no row. Lines end in CRLF (RFC 4180, as every Concord CSV; both uploaders read
// either), and there is no byte order mark: the file is plain ASCII. The tricky points are
// memory and speed at a million members: their identifiers are copied to a temporary table and
// read back a page at a time (key-pages), and each page is hashed in bounded batches whose
// digests run concurrently, so neither the rows nor the pending digests grow with the segment.
import type { Table, Vector } from 'apache-arrow';
import type { Db } from '../db';
import { customerColumns } from '../customer360/customer-list';
import type { ExportedFile } from '../customer360/export-360';
import { C360_TABLES } from '../customer360/tables';
import { CSV_LINE_END } from '../export/csv-cells';
import { concatBytes } from '../export/concat-bytes';
import { readPages, type ExportProgress, type KeyedTable } from '../export/key-pages';
import { ident, sql, type Sql } from '../sql/sql';
import { audienceEmail, audiencePhone, digestOrEmpty } from './audience-identifiers';
import { localDay, segmentFileName } from './member-export';

export const AUDIENCE_HEADER = 'email_sha256,phone_sha256';

/** Rows hashed at once: their digests are awaited together, then the next rows'. */
export const HASH_BATCH = 10_000;

const AUDIENCE: KeyedTable = {
	table: 'cc_segment_audience',
	key: 'customer_id',
	rowsAre: 'customers'
};

/** The golden columns the file is made from. */
const IDENTIFIERS = ['email', 'phone'] as const;

async function checkIdentifierColumns(db: Db): Promise<void> {
	const columns = new Set((await customerColumns(db)).map((c) => c.name));
	if (columns.size === 0) {
		throw new Error('There are no customers to export yet: build the 360° view first.');
	}
	const missing = IDENTIFIERS.filter((name) => !columns.has(name));
	if (missing.length > 0) {
		throw new Error(
			`The customer table has no ${missing.map((name) => `'${name}'`).join(' or ')} column: ` +
				'a hashed audience is made of the customers’ e-mail addresses and phone numbers. ' +
				'Run identity resolution and build the 360° view again, then export.'
		);
	}
}

const textOf = (value: unknown) => (value === null || value === undefined ? null : String(value));

/** The lines of rows [from, to) of a page: the digests of each row with an identifier. */
async function hashedLines(
	emails: Vector | null,
	phones: Vector | null,
	from: number,
	to: number
): Promise<string[]> {
	const cells: (Promise<string> | string)[] = [];
	for (let row = from; row < to; row++) {
		const email = audienceEmail(textOf(emails?.get(row)));
		const phone = audiencePhone(textOf(phones?.get(row)));
		if (email !== null || phone !== null) cells.push(digestOrEmpty(email), digestOrEmpty(phone));
	}
	const digests = await Promise.all(cells);
	const lines: string[] = [];
	for (let i = 0; i < digests.length; i += 2) lines.push(`${digests[i]},${digests[i + 1]}`);
	return lines;
}

export async function hashedAudience(
	db: Db,
	ids: Sql,
	name: string,
	options: { now?: Date; onProgress?: ExportProgress } = {}
): Promise<ExportedFile> {
	await checkIdentifierColumns(db);
	await db.exec(sql`CREATE OR REPLACE TEMP TABLE ${ident(AUDIENCE.table)} AS
		SELECT c.customer_id, CAST(c.email AS VARCHAR) AS email, CAST(c.phone AS VARCHAR) AS phone
		FROM ${ident(C360_TABLES.customer)} c
		WHERE c.customer_id IN (${ids}) AND (c.email IS NOT NULL OR c.phone IS NOT NULL)`);
	const encoder = new TextEncoder();
	const parts = [encoder.encode(AUDIENCE_HEADER + CSV_LINE_END)];
	// Progress within a page too: hashing, not reading, is what takes time.
	let [pageStart, total] = [0, 0];
	const onProgress: ExportProgress = (done, all) => {
		[pageStart, total] = [done, all];
		options.onProgress?.(done, all);
	};
	try {
		await readPages(
			db,
			AUDIENCE,
			(page) => sql`SELECT email, phone FROM ${page} ORDER BY customer_id`,
			async (page: Table) => {
				const [emails, phones] = [page.getChild('email'), page.getChild('phone')];
				for (let from = 0; from < page.numRows; from += HASH_BATCH) {
					const to = Math.min(page.numRows, from + HASH_BATCH);
					const lines = await hashedLines(emails, phones, from, to);
					if (lines.length > 0) parts.push(encoder.encode(lines.join(CSV_LINE_END) + CSV_LINE_END));
					if (to < page.numRows) options.onProgress?.(pageStart + to, total);
				}
				return page.numRows;
			},
			onProgress
		);
	} finally {
		await db.exec(sql`DROP TABLE IF EXISTS ${ident(AUDIENCE.table)}`);
	}
	return {
		bytes: concatBytes(parts),
		// The marker goes with the day, so that a long name's cut never drops it.
		fileName: segmentFileName(name, `hashed-${localDay(options.now ?? new Date())}`, 'csv'),
		mimeType: 'text/csv;charset=utf-8'
	};
}
