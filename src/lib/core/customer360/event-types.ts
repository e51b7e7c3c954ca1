// What an event's type says, read from the words exports use for it (English and French, any
// case): a cancelled or refunded order, a ticket still open, an e-mail sent, opened, clicked or
// unsubscribed from. Lower-case regular expressions matched ignoring case (Unicode case
// folding: RÉSOLU, REÇU), for DuckDB's regexp_matches; cheaper than lower() then matching, which
// made a copy of every type (these run over every event).
import { sql, type Sql } from '../sql/sql';

const CANCELLED = '(cancel|annul|refund|rembours|void|return|retour)';
/** A ticket status saying it is done; any other status is an open ticket. */
const CLOSED = '(solv|clos|resol|résol|ferm|done|termin|complete)';
const RECEIVED = '(sent|deliver|envoy|délivr|deliv|reçu|recu)';
const OPENED = '(open|ouvert|ouvr|view)';
const CLICKED = '(click|clic)';
const UNSUBSCRIBED = '(unsub|désinscri|desinscri|opt.?out|désabonn|desabonn)';

const matches = (type: Sql, pattern: string) =>
	sql`coalesce(regexp_matches(${type}, ${pattern}, 'i'), false)`;

export const isCancelled = (type: Sql) => matches(type, CANCELLED);
export const isOpenTicket = (type: Sql) =>
	sql`(${type} IS NOT NULL AND NOT ${matches(type, CLOSED)})`;
export const isReceived = (type: Sql) => matches(type, RECEIVED);
export const isOpened = (type: Sql) => matches(type, OPENED);
export const isClicked = (type: Sql) => matches(type, CLICKED);
export const isUnsubscribed = (type: Sql) => matches(type, UNSUBSCRIBED);
