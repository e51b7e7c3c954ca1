// The tables of the indicators, kept in the workspace beside the 360° view.
export const INDICATOR_TABLES = {
	/** One row per customer of the 360° view: RFM, model scores and lifecycle stage. */
	customer: 'cc_indicator',
	/** What the last indicator build used and found (settings, fitted models, diagnostics). */
	run: 'cc_indicator_run',
	/** Model scores per distinct repeat-purchase summary (temporary, during a build). */
	scores: 'cc_indicator_scores'
} as const;
