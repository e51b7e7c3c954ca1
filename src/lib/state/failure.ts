// What went wrong, as a state object shows it under its area: the message of what was thrown.
// The tricky point: JavaScript can throw any value, not only an Error, so whatever was thrown
// is turned into text.

/** The message of a thrown value. */
export function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Runs `work`: null when it succeeded, else the message of what it threw. */
export async function failureOf(work: () => Promise<void>): Promise<string | null> {
	try {
		await work();
		return null;
	} catch (error) {
		return messageOf(error);
	}
}
