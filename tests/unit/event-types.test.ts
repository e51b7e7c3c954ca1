// What an event's type says, in any case and with accents, on both engines: the words of
// English and French exports, written as exports write them.
import { describe, expect, it } from 'vitest';
import {
	isCancelled,
	isClicked,
	isOpenTicket,
	isOpened,
	isReceived,
	isUnsubscribed
} from '../../src/lib/core/customer360/event-types';
import { rowsOf } from '../../src/lib/core/sql/rows';
import { sql, type Sql } from '../../src/lib/core/sql/sql';
import { engines } from '../support/engines';

const CASES: [string, (type: Sql) => Sql, (string | null)[], (string | null)[]][] = [
	[
		'cancelled',
		isCancelled,
		['Cancelled', 'ANNULÉE', 'Remboursé', 'REFUND', 'retour'],
		['Order', 'Achat', null]
	],
	[
		'open ticket',
		isOpenTicket,
		['Open', 'EN COURS', 'nouveau'],
		['RÉSOLU', 'Closed', 'Fermé', 'DONE', null]
	],
	['received', isReceived, ['Sent', 'DÉLIVRÉ', 'Reçu', 'REÇU'], ['Bounce', null]],
	['opened', isOpened, ['OPEN', 'Ouvert', 'view'], ['Sent', null]],
	['clicked', isClicked, ['CLICK', 'Clic'], ['Open', null]],
	[
		'unsubscribed',
		isUnsubscribed,
		['Unsubscribe', 'DÉSINSCRIT', 'Opt-Out', 'désabonné'],
		['Subscribe', null]
	]
];

describe.each(engines)('event types ($name)', (engine) => {
	it.each(CASES)('reads %s in any case and with accents', async (_name, test, yes, no) => {
		const db = await engine.open();
		try {
			const read = async (value: string | null) =>
				rowsOf(await db.query(sql`SELECT ${test(sql`${value}::VARCHAR`)} AS hit`))[0]?.hit;
			for (const value of yes) expect([value, await read(value)]).toEqual([value, true]);
			for (const value of no) expect([value, await read(value)]).toEqual([value, false]);
		} finally {
			db.close();
		}
	});
});
