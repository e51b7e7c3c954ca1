// Fitting the customer models on one summary in one call, the way the app and the command line
// use them: the histories compressed once, BG/NBD always, Gamma–Gamma when there is spend to
// learn from, Pareto/NBD on request (its likelihood sums 2F1 series, so it is the slow one).
import { fitBgnbd, type BgnbdFit } from './bgnbd';
import { compressSummary, type CompressedSummary } from './compress';
import { fitGammaGamma, type GammaGammaFit } from './gamma-gamma';
import { fitParetoNbd, type ParetoNbdFit } from './pareto-nbd';
import type { RepeatSummary } from './summary';

export interface CustomerModels {
	compressed: CompressedSummary;
	bgnbd: BgnbdFit;
	/** Null when no customer has a repeat purchase of a positive amount. */
	gammaGamma: GammaGammaFit | null;
	paretoNbd: ParetoNbdFit | null;
}

export interface ModelOptions {
	/** L2 penalty of every fit; 0 by default. */
	penalizer?: number;
	paretoNbd?: boolean;
}

function hasSpend(summary: RepeatSummary): boolean {
	for (let i = 0; i < summary.frequency.length; i++) {
		if ((summary.frequency[i] as number) > 0 && (summary.monetary[i] as number) > 0) return true;
	}
	return false;
}

export function fitCustomerModels(
	summary: RepeatSummary,
	options: ModelOptions = {}
): CustomerModels {
	const compressed = compressSummary(summary);
	const penalizer = options.penalizer ?? 0;
	return {
		compressed,
		bgnbd: fitBgnbd(compressed, { penalizer }),
		gammaGamma: hasSpend(summary)
			? fitGammaGamma(summary.frequency, summary.monetary, { penalizer })
			: null,
		paretoNbd: options.paretoNbd ? fitParetoNbd(compressed, { penalizer }) : null
	};
}
