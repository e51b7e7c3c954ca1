// How the Indicators area writes its numbers: amounts with two decimals (no currency sign, as in
// the Customers area), shares as percentages, scores and probabilities with two or three
// decimals, model parameters with four significant digits. A missing value is a dash.

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat('en-US', {
	minimumFractionDigits: 2,
	maximumFractionDigits: 2
});
const oneDecimal = new Intl.NumberFormat('en-US', {
	minimumFractionDigits: 1,
	maximumFractionDigits: 1
});
const percent = new Intl.NumberFormat('en-US', {
	style: 'percent',
	minimumFractionDigits: 1,
	maximumFractionDigits: 1
});

const missing = (n: number | null | undefined): n is null | undefined =>
	n === null || n === undefined || !Number.isFinite(n);

export function formatMoney(n: number | null | undefined): string {
	return missing(n) ? '—' : money.format(n);
}

export function formatInteger(n: number | null | undefined): string {
	return missing(n) ? '—' : integer.format(n);
}

export function formatOneDecimal(n: number | null | undefined): string {
	return missing(n) ? '—' : oneDecimal.format(n);
}

/** A share (0–1) as a percentage: 12.3%. */
export function formatShare(n: number | null | undefined): string {
	return missing(n) ? '—' : percent.format(n);
}

/** A score or probability (0–1) with `digits` decimals. */
export function formatProbability(n: number | null | undefined, digits = 2): string {
	return missing(n) ? '—' : n.toFixed(digits);
}

/** A fitted parameter: four significant digits, whatever its scale. */
export function formatParameter(n: number | null | undefined): string {
	if (missing(n)) return '—';
	return Math.abs(n) >= 1e5 || (n !== 0 && Math.abs(n) < 1e-3)
		? n.toExponential(3)
		: Number(n.toPrecision(4)).toString();
}
