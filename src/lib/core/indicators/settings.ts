// The indicator settings a user can change, their defaults and their validation. Validation
// returns messages a marketer understands; a build never starts on settings that do not hold.

/** Four ascending cut points: they split a measure into the five scores 1–5. */
export type Cuts = [number, number, number, number];

export interface RfmSettings {
	/**
	 * 'quintiles': each score is a fifth of the scored customers, ranked (ties share the lower
	 * score); 'thresholds': fixed cut points, the same meaning from one data set to the next.
	 */
	method: 'quintiles' | 'thresholds';
	/** Days since the last purchase: up to cuts[0] scores 5, above cuts[3] scores 1. */
	recencyDays: Cuts;
	/** Orders: up to cuts[0] scores 1, above cuts[3] scores 5. */
	frequency: Cuts;
	/** Revenue: up to cuts[0] scores 1, above cuts[3] scores 5. */
	monetary: Cuts;
}

export const PURCHASE_MODELS = {
	mbgnbd: 'MBG/NBD',
	bgnbd: 'BG/NBD',
	paretonbd: 'Pareto/NBD'
} as const;

export type PurchaseModelName = keyof typeof PURCHASE_MODELS;

export function isPurchaseModel(value: unknown): value is PurchaseModelName {
	return typeof value === 'string' && Object.hasOwn(PURCHASE_MODELS, value);
}

export interface LifecycleStage {
	id: string;
	label: string;
	/** Orders up to the date, inclusive bounds; null: no bound. */
	minOrders: number | null;
	maxOrders: number | null;
	/** Days from the last purchase to the date, inclusive bounds; null: no bound. */
	minDaysSinceLast: number | null;
	maxDaysSinceLast: number | null;
}

export interface IndicatorSettings {
	rfm: RfmSettings;
	/**
	 * The purchase model behind P(alive) and expected purchases: MBG/NBD (default: a customer
	 * may drop out after any purchase, the first included), BG/NBD or Pareto/NBD.
	 */
	model: PurchaseModelName;
	/** Propensity to buy = P(at least one purchase within this many days). */
	propensityDays: number;
	/** Predicted CLV over this many months, discounted at `discountRate` a year. */
	clvMonths: number;
	discountRate: number;
	/** The holdout of the fit diagnostics: the last days before the as-of date. */
	holdoutDays: number;
	/** Stages in evaluation order: a customer is in the first stage whose bounds hold. */
	lifecycle: LifecycleStage[];
}

export const DEFAULT_LIFECYCLE: LifecycleStage[] = [
	stage('lapsed', 'Lapsed', 1, null, 366, null),
	stage('loyal', 'Loyal', 4, null, null, null),
	stage('repeat', 'Repeat customer', 2, null, null, null),
	stage('one-time', 'One-time customer', 1, 1, null, null),
	stage('prospect', 'Visitor / prospect', 0, 0, null, null)
];

function stage(
	id: string,
	label: string,
	minOrders: number | null,
	maxOrders: number | null,
	minDaysSinceLast: number | null,
	maxDaysSinceLast: number | null
): LifecycleStage {
	return { id, label, minOrders, maxOrders, minDaysSinceLast, maxDaysSinceLast };
}

export const DEFAULT_INDICATOR_SETTINGS: IndicatorSettings = {
	rfm: {
		method: 'quintiles',
		recencyDays: [30, 90, 180, 365],
		frequency: [1, 2, 4, 8],
		monetary: [50, 150, 400, 1000]
	},
	model: 'mbgnbd',
	propensityDays: 90,
	clvMonths: 12,
	discountRate: 0.1,
	holdoutDays: 180,
	lifecycle: DEFAULT_LIFECYCLE
};

function cutsProblem(name: string, cuts: readonly number[]): string | null {
	if (cuts.length !== 4 || cuts.some((c) => !Number.isFinite(c))) {
		return `${name} needs four numbers.`;
	}
	for (let i = 1; i < 4; i += 1) {
		if ((cuts[i] ?? 0) <= (cuts[i - 1] ?? 0))
			return `${name}: each cut must be above the one before.`;
	}
	return null;
}

function boundsProblem(label: string, what: string, min: number | null, max: number | null) {
	for (const bound of [min, max]) {
		if (bound !== null && (!Number.isInteger(bound) || bound < 0)) {
			return `${label}: ${what} must be whole numbers from 0.`;
		}
	}
	if (min !== null && max !== null && min > max)
		return `${label}: ${what} — the minimum is above the maximum.`;
	return null;
}

/** The problems of the settings, in words; empty when they can be used. */
export function indicatorSettingsProblems(settings: IndicatorSettings): string[] {
	const problems: string[] = [];
	const { rfm } = settings;
	if (rfm.method === 'thresholds') {
		for (const [name, cuts] of [
			['Recency cuts (days)', rfm.recencyDays],
			['Frequency cuts (orders)', rfm.frequency],
			['Monetary cuts (revenue)', rfm.monetary]
		] as const) {
			const problem = cutsProblem(name, cuts);
			if (problem) problems.push(problem);
		}
	}
	const whole = (value: number, min: number, max: number) =>
		Number.isInteger(value) && value >= min && value <= max;
	if (!whole(settings.propensityDays, 1, 3650)) {
		problems.push('The propensity window must be 1 to 3,650 days.');
	}
	if (!whole(settings.clvMonths, 1, 120)) problems.push('The CLV horizon must be 1 to 120 months.');
	if (!(settings.discountRate >= 0 && settings.discountRate < 1)) {
		problems.push('The yearly discount rate must be from 0 to 0.99 (0.1 is 10 %).');
	}
	if (!whole(settings.holdoutDays, 7, 3650)) problems.push('The holdout must be 7 to 3,650 days.');
	if (settings.lifecycle.length === 0) problems.push('Define at least one lifecycle stage.');
	const ids = new Set<string>();
	for (const s of settings.lifecycle) {
		const label = s.label.trim() || '(unnamed stage)';
		if (!s.label.trim()) problems.push('Every lifecycle stage needs a name.');
		if (ids.has(s.id)) problems.push(`Two lifecycle stages share the id '${s.id}'.`);
		ids.add(s.id);
		for (const problem of [
			boundsProblem(label, 'orders', s.minOrders, s.maxOrders),
			boundsProblem(label, 'days since the last purchase', s.minDaysSinceLast, s.maxDaysSinceLast)
		]) {
			if (problem) problems.push(problem);
		}
	}
	return problems;
}
