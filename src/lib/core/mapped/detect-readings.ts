// What the data say about the date and number columns of a table, before anything is chosen:
// the day/month order or decimal separator of each, with the reason. Run on an inspection's
// sample, so the user can see and correct the reading before importing a file.
import type { Db } from '../db';
import { planColumn } from './column-reading';
import type { ReadingKind } from './reading-kind';
import { decisionOf } from './reading-report';
import type { ReadingDecision } from './types';

export async function detectReadings(
	db: Db,
	tableName: string,
	columns: readonly { column: string; kind: ReadingKind }[]
): Promise<ReadingDecision[]> {
	const decisions: ReadingDecision[] = [];
	for (const { column, kind } of columns) {
		decisions.push(decisionOf(column, await planColumn(db, tableName, column, kind)));
	}
	return decisions;
}
