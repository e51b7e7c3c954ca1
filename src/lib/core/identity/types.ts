// The settings identity resolution runs with and what it reports. Settings are plain data (kept
// in the workspace file and IndexedDB); everything here has a default that works unattended.

export interface EmailRules {
	/** john+news@x.com is john@x.com. */
	plusTags: boolean;
	/** j.o.hn@gmail.com is john@gmail.com (Gmail ignores dots; googlemail.com is gmail.com). */
	gmailDots: boolean;
}

export interface IdentitySettings {
	email: EmailRules;
	/**
	 * Pairs whose match probability is at least this are the same customer. 0.5 by default:
	 * "more likely the same person than not", the decision that is right most often when the
	 * probabilities are calibrated.
	 */
	threshold: number;
	/** An identifier held by more records than this is junk and not matched on. */
	junkRecords: number;
	/** A blocking key shared by more records than this generates no pairs (it is reported). */
	maxBlockSize: number;
	/** Deterministic rules by id, switched on or off; rules not listed are on. */
	rules: Record<string, boolean>;
	/** Comparisons by id, switched on or off; comparisons not listed are on. */
	comparisons: Record<string, boolean>;
}

export const DEFAULT_IDENTITY_SETTINGS: IdentitySettings = {
	email: { plusTags: true, gmailDots: true },
	threshold: 0.5,
	junkRecords: 10,
	maxBlockSize: 300,
	rules: {},
	comparisons: {}
};
