// Buy-till-you-die models for the indicators: the repeat-purchase summary (and the SQL that
// builds it), BG/NBD, MBG/NBD, Pareto/NBD, Gamma–Gamma, CLV and diagnostics. Pure TypeScript:
// runs in the worker, in Node and in tests alike.
export {
	DAYS_PER_UNIT,
	makeSummary,
	summaryFromTable,
	summarySize,
	type CustomerSummary,
	type RepeatSummary,
	type TimeUnit
} from './summary';
export {
	dateReadabilitySql,
	invalidDay,
	purchaseDaysSql,
	purchaseDaysWith,
	repeatSummarySql,
	summaryBoundsSql,
	transactionDay,
	type SummaryRequest,
	type TransactionColumns
} from './summary-sql';
export { cohortBirthsSql, repeatPurchasesByPeriodSql } from './tracking-sql';
export {
	compressSummary,
	distinctValues,
	expand,
	groupRows,
	type CompressedSummary,
	type DistinctValues
} from './compress';
export type { FitOptions, FitResult } from './fit-result';
export { minimize, type MinimizeOptions, type MinimizeResult, type Objective } from './optimize';
export { nelderMead, type NelderMeadOptions, type NelderMeadResult } from './nelder-mead';
export {
	betaln,
	digamma,
	hyp2f1,
	lgamma,
	logAddExp,
	logHyp2f1,
	logSubExp,
	logSumExp
} from './special';
export {
	bgnbdLogLikelihood,
	bgnbdLogLikelihoods,
	fitBgnbd,
	type BgnbdFit,
	type BgnbdParams
} from './bgnbd';
export {
	bgnbdConditionalExpectedPurchases,
	bgnbdExpectedPurchases,
	bgnbdProbabilityAlive,
	bgnbdProbabilityNoPurchase,
	bgnbdProbabilityOfPurchases
} from './bgnbd-predict';
export {
	fitMbgnbd,
	mbgnbdLogLikelihood,
	mbgnbdLogLikelihoods,
	type MbgnbdFit,
	type MbgnbdParams
} from './mbgnbd';
export {
	mbgnbdConditionalExpectedPurchases,
	mbgnbdExpectedPurchases,
	mbgnbdProbabilityAlive,
	mbgnbdProbabilityNoPurchase,
	mbgnbdProbabilityOfPurchases
} from './mbgnbd-predict';
export {
	fitParetoNbd,
	paretoNbdConditionalExpectedPurchases,
	paretoNbdLogLikelihood,
	paretoNbdProbabilityAlive,
	paretoNbdTotalLogLikelihood,
	type ParetoNbdFit,
	type ParetoNbdParams
} from './pareto-nbd';
export {
	fitGammaGamma,
	gammaGammaExpectedSpend,
	gammaGammaLogLikelihood,
	gammaGammaMeanSpend,
	type GammaGammaFit,
	type GammaGammaParams
} from './gamma-gamma';
export {
	deciles,
	discountedPurchases,
	scoreCustomers,
	type ClvOptions,
	type CustomerScores,
	type ScoreOptions
} from './clv';
export {
	holdoutByFrequency,
	informationCriteria,
	trackingSeries,
	type Cohort,
	type HoldoutRow,
	type TrackingRow
} from './diagnostics';
export { fitCustomerModels, type CustomerModels, type ModelOptions } from './models';
export {
	gammaSample,
	seededRandom,
	simulateBgnbd,
	simulateSpend,
	type SimulationOptions
} from './simulate';
