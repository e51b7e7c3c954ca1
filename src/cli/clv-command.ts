// `concord clv FILE --customer COL --date COL [--amount COL] [--calibration-end YYYY-MM-DD]
// [--time-unit days|weeks] --out PARAMS.json [--scores SCORES.csv]`: reads a transactions file
// the way the app imports one (sniffed, every value as text; files separated by runs of spaces
// too), summarises each customer's repeat purchases in SQL on native DuckDB, fits BG/NBD and
// Gamma–Gamma (and Pareto/NBD on request) with the app's core and writes the parameters and,
// optionally, one score row per customer. A file without a header has columns column0,
// column1, …; a column may also be given by its 1-based position (`--date 3`).
import { existsSync, writeFileSync } from 'node:fs';
import {
	dateReadabilitySql,
	fitCustomerModels,
	holdoutByFrequency,
	invalidDay,
	repeatSummarySql,
	scoreCustomers,
	summaryBoundsSql,
	summaryFromTable,
	DAYS_PER_UNIT,
	type CustomerModels,
	type CustomerScores,
	type CustomerSummary,
	type SummaryRequest,
	type TimeUnit
} from '../lib/core/indicators/btyd';
import { offlineSettings } from '../lib/core/engine-settings';
import { importCsv } from '../lib/core/sources/import-csv';
import { sniffCsv } from '../lib/core/sources/sniff';
import { rowsOf } from '../lib/core/sql/rows';
import { ident } from '../lib/core/sql/sql';
import { NativeDb } from './native-db';
import { UsageError } from './usage-error';

export const CLV_USAGE = `Usage: npm run cli -- clv FILE --customer COL --date COL --out PARAMS.json [options]

  FILE                    transactions: CSV, or text with fields separated by spaces
  --customer COL          the customer column: its name, or its 1-based position (headerless files)
  --date COL              the purchase date column: dates, timestamps, YYYY-MM-DD or YYYYMMDD
  --amount COL            the amount column (spend model and CLV need it)
  --calibration-end DAY   fit on purchases up to this day (YYYY-MM-DD); the last purchase day by default
  --time-unit days|weeks  unit of recency, T and the model's parameters (default weeks)
  --out PARAMS.json       where to write the fitted parameters
  --scores SCORES.csv     where to write one row per customer: P(alive), expected purchases, CLV
  --months N              CLV horizon in 30-day months (default 12)
  --discount-rate D       CLV discount rate per month (default 0.01)
  --pareto-nbd            also fit Pareto/NBD (slower) and report its parameters`;

export interface ClvOptions {
	files: string[];
	customer?: string;
	date?: string;
	amount?: string;
	'calibration-end'?: string;
	'time-unit'?: string;
	out?: string;
	scores?: string;
	months?: string;
	'discount-rate'?: string;
	'pareto-nbd'?: boolean;
}

const TABLE = 'clv_transactions';
/** Expected purchases are reported for these horizons, in days. */
const HORIZON_DAYS = [30, 90, 365] as const;

/** A column by name (exact, then ignoring case) or by 1-based position. */
function resolveColumn(columns: string[], reference: string, flag: string): string {
	const exact = columns.find((c) => c === reference);
	if (exact) return exact;
	const loose = columns.find((c) => c.toLowerCase() === reference.toLowerCase());
	if (loose) return loose;
	if (/^\d+$/.test(reference)) {
		const column = columns[Number(reference) - 1];
		if (column) return column;
	}
	throw new UsageError(
		`${flag} '${reference}' is not a column of the file. Its columns are ${columns.map((c, i) => `${i + 1}: ${c}`).join(', ')}.`
	);
}

function positiveNumber(text: string | undefined, fallback: number, flag: string): number {
	if (text === undefined) return fallback;
	const value = Number(text);
	if (!Number.isFinite(value) || value < 0) throw new UsageError(`${flag} must be a number ≥ 0`);
	return value;
}

function csvField(value: string): string {
	return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function scoresCsv(summary: CustomerSummary, scores: CustomerScores): string {
	const header = [
		'customer',
		'frequency',
		'recency',
		'T',
		'monetary',
		'p_alive',
		...HORIZON_DAYS.map((d) => `expected_purchases_${d}d`),
		'clv'
	];
	const lines = [header.join(',')];
	const round = (v: number) => String(Math.round(v * 1e6) / 1e6);
	for (let i = 0; i < summary.customers.length; i++) {
		lines.push(
			[
				csvField(summary.customers[i] ?? ''),
				round(summary.frequency[i] as number),
				round(summary.recency[i] as number),
				round(summary.T[i] as number),
				round(summary.monetary[i] as number),
				round(scores.pAlive[i] as number),
				...scores.expectedPurchases.map((column) => round(column[i] as number)),
				round(scores.clv[i] as number)
			].join(',')
		);
	}
	return `${lines.join('\n')}\n`;
}

function paramsJson(
	models: CustomerModels,
	summary: CustomerSummary,
	context: Record<string, unknown>
): string {
	const { bgnbd, gammaGamma, paretoNbd } = models;
	return `${JSON.stringify(
		{
			bgnbd: { ...bgnbd.params },
			gammagamma: gammaGamma ? { ...gammaGamma.params } : null,
			paretonbd: paretoNbd ? { ...paretoNbd.params } : undefined,
			customers: summary.customers.length,
			...context,
			logLikelihood: {
				bgnbd: bgnbd.logLikelihood,
				gammagamma: gammaGamma?.logLikelihood,
				paretonbd: paretoNbd?.logLikelihood
			},
			converged: {
				bgnbd: bgnbd.converged,
				gammagamma: gammaGamma?.converged,
				paretonbd: paretoNbd?.converged
			}
		},
		null,
		2
	)}\n`;
}

async function readTransactions(db: NativeDb, file: string): Promise<string[]> {
	const compression = /\.gz$/i.test(file) ? 'gzip' : 'none';
	const displayName = file.split(/[\\/]/).pop() ?? file;
	const options = await sniffCsv(db, file, 'utf-8', compression);
	const imported = await importCsv(db, { fileName: file, displayName, tableName: TABLE, options });
	return imported.columns;
}

async function checkDates(db: NativeDb, request: SummaryRequest): Promise<void> {
	const [row] = rowsOf(await db.query(dateReadabilitySql(request)));
	const filled = Number(row?.filled ?? 0);
	const readable = Number(row?.readable ?? 0);
	if (readable === 0) {
		throw new Error(
			`Column '${request.date}' holds no dates${row?.example ? ` (for example '${row.example}')` : ''}: dates must be YYYY-MM-DD, YYYYMMDD or timestamps.`
		);
	}
	if (readable < filled) {
		process.stderr.write(
			`${filled - readable} values of column '${request.date}' are not dates (for example '${row?.example}'): their rows are left out.\n`
		);
	}
}

export async function clvCommand(options: ClvOptions): Promise<void> {
	const { out } = options;
	if (options.files.length !== 1) throw new UsageError('clv needs exactly one FILE');
	if (!out) throw new UsageError('clv needs --out PARAMS.json');
	if (!options.customer) throw new UsageError('clv needs --customer COL');
	if (!options.date) throw new UsageError('clv needs --date COL');
	const timeUnit = (options['time-unit'] ?? 'weeks') as TimeUnit;
	if (!(timeUnit in DAYS_PER_UNIT)) throw new UsageError('--time-unit must be days or weeks');
	const calibrationEnd = options['calibration-end'];
	const dayProblem = calibrationEnd ? invalidDay(calibrationEnd) : null;
	if (dayProblem) throw new UsageError(`--calibration-end: ${dayProblem}`);
	const months = positiveNumber(options.months, 12, '--months');
	const discountRate = positiveNumber(options['discount-rate'], 0.01, '--discount-rate');
	const file = options.files[0] as string;
	if (!existsSync(file)) throw new Error(`The file ${file} does not exist.`);

	const db = await NativeDb.open(':memory:');
	try {
		for (const statement of offlineSettings()) await db.exec(statement);
		const columns = await readTransactions(db, file);
		const request: SummaryRequest = {
			from: ident(TABLE),
			customer: resolveColumn(columns, options.customer, '--customer'),
			date: resolveColumn(columns, options.date, '--date'),
			amount: options.amount ? resolveColumn(columns, options.amount, '--amount') : undefined,
			calibrationEnd,
			timeUnit
		};
		await checkDates(db, request);
		const [bounds] = rowsOf(await db.query(summaryBoundsSql(request)));
		if (!bounds || Number(bounds.calibration_days ?? 0) === 0) {
			throw new Error(
				calibrationEnd
					? `No transactions on or before ${calibrationEnd}: choose a later --calibration-end.`
					: 'The file has no transactions with a customer and a date.'
			);
		}
		const summary = summaryFromTable(await db.query(repeatSummarySql(request)));
		process.stderr.write(
			`${summary.customers.length} customers, calibration ${bounds.first_day} .. ${bounds.calibration_end}\n`
		);
		const models = fitCustomerModels(summary, { paretoNbd: options['pareto-nbd'] === true });
		if (!models.gammaGamma) {
			process.stderr.write(
				'No repeat purchase with a positive amount: no spend model, CLV is left at 0.\n'
			);
		}
		const daysPerUnit = DAYS_PER_UNIT[timeUnit];
		const holdoutDays =
			(Date.parse(String(bounds.holdout_end)) - Date.parse(String(bounds.calibration_end))) /
			86_400_000;
		const context = {
			calibrationEnd: bounds.calibration_end,
			timeUnit,
			clv: { months, discountRate, monthDays: 30 },
			holdout:
				holdoutDays > 0
					? {
							end: bounds.holdout_end,
							byFrequency: holdoutByFrequency(
								models.bgnbd.params,
								summary,
								summary.holdoutFrequency ?? new Float64Array(summary.customers.length),
								holdoutDays / daysPerUnit
							)
						}
					: undefined
		};
		writeFileSync(out, paramsJson(models, summary, context));
		if (options.scores) {
			const scores = scoreCustomers(
				summary,
				models.bgnbd.params,
				models.gammaGamma?.params ?? null,
				{
					horizons: HORIZON_DAYS.map((d) => d / daysPerUnit),
					daysPerUnit,
					periods: months,
					discountRate
				},
				models.compressed
			);
			writeFileSync(options.scores, scoresCsv(summary, scores));
		}
		const { r, alpha, a, b } = models.bgnbd.params;
		process.stderr.write(
			`BG/NBD r=${r.toFixed(4)} alpha=${alpha.toFixed(4)} a=${a.toFixed(4)} b=${b.toFixed(4)}; written to ${out}${options.scores ? ` and ${options.scores}` : ''}\n`
		);
	} finally {
		db.close();
	}
}
