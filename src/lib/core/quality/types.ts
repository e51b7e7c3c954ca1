// What the data quality computations take and give. The input is each source's table and its
// column → role mapping; the output is per source and overall, every share with the count it
// comes from. The tricky point: a figure that cannot be computed because a role is not
// mapped is null, never 0 — "no phone column" and "no valid phone" read very differently.
import type { ValueCount } from '../profile/types';
import type { RoleId, SourceKind } from '../roles/vocabulary';

export interface SourceMapping {
	sourceId: string;
	tableName: string;
	kind: SourceKind;
	columns: readonly { column: string; role: RoleId }[];
}

/** The identifiers normalised and compared between records and sources. */
export type IdentifierKind = 'email' | 'phone';
export const IDENTIFIER_KINDS: readonly IdentifierKind[] = ['email', 'phone'];

export interface Share {
	count: number;
	/** count / records, 0 when there are no records. */
	share: number;
}

export interface Contactability {
	records: number;
	/** A valid e-mail address that is not a placeholder or shared by implausibly many records. */
	email: Share | null;
	phone: Share | null;
	/** A street, a valid postcode and a city. */
	address: Share | null;
	/** A valid e-mail or phone. */
	reachable: Share | null;
	emailConsent: Share | null;
	smsConsent: Share | null;
	/** Either consent. */
	anyConsent: Share | null;
	/** A valid e-mail and e-mail consent: who can be sent a newsletter. */
	emailWithConsent: Share | null;
}

export interface SourceContactability extends Contactability {
	sourceId: string;
}

export type ValidityTopic = 'email' | 'phone' | 'date' | 'postcode';

export interface ColumnValidity {
	sourceId: string;
	column: string;
	role: RoleId;
	topic: ValidityTopic;
	rule: string;
	checked: number;
	invalid: number;
	examples: ValueCount[];
}

export interface ValidityTotal {
	topic: ValidityTopic;
	checked: number;
	invalid: number;
	/** The most frequent failures over all sources, with where they are. */
	examples: (ValueCount & { sourceId: string; column: string })[];
}

export interface DuplicateStats {
	kind: IdentifierKind;
	/** Records with at least one usable identifier of this kind. */
	records: number;
	/** Different identifiers. */
	identifiers: number;
	/** Identifiers held by two records or more. */
	sharedIdentifiers: number;
	/** Records holding an identifier another record also holds. */
	recordsSharing: number;
	/** recordsSharing / records. */
	rate: number;
}

export interface SourceDuplicates {
	sourceId: string;
	stats: DuplicateStats[];
}

export interface VennCell {
	/** The sources holding these identifiers, in input order. */
	sources: string[];
	count: number;
}

export interface SourcePair {
	a: string;
	b: string;
	shared: number;
}

export interface IdentifierOverlap {
	kind: IdentifierKind;
	/** Every combination of sources that holds identifiers, largest first. */
	venn: VennCell[];
	/** Identifiers held by both sources, for every pair of sources with this kind. */
	pairs: SourcePair[];
}

export type JunkReason = 'placeholder' | 'shared';

export interface JunkIdentifier {
	kind: IdentifierKind;
	/** The normalised identifier. */
	value: string;
	/** Records (or events) holding it, over all sources. */
	records: number;
	sources: string[];
	/** 'placeholder': test@test.com, 0000000000; 'shared': held by implausibly many records. */
	reason: JunkReason;
}

export interface MonthCount {
	/** 'YYYY-MM'. */
	month: string;
	count: number;
}

export interface Freshness {
	sourceId: string;
	column: string;
	role: 'created_at' | 'updated_at';
	months: MonthCount[];
	dated: number;
	/** Non-empty values that are not dates. */
	undated: number;
	first: string | null;
	last: string | null;
}

export interface QualityMessage {
	sourceId: string;
	message: string;
}

export interface QualityReport {
	contactability: { sources: SourceContactability[]; overall: Contactability };
	validity: { columns: ColumnValidity[]; overall: ValidityTotal[] };
	duplicates: { sources: SourceDuplicates[]; overall: DuplicateStats[] };
	overlaps: IdentifierOverlap[];
	junk: JunkIdentifier[];
	freshness: Freshness[];
	/** Sources or columns left out, and why. */
	messages: QualityMessage[];
	elapsedMs: number;
}
