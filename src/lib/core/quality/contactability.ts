// Contactability of profile records: who has a usable e-mail, a usable phone, a complete postal
// address, consent — per profile source and over all of them, in one query (GROUPING SETS).
// The tricky point: "usable" means valid and not junk, so a record whose only e-mail is
// test@test.com is not reachable by e-mail; and a figure whose roles are not mapped is null,
// not zero.
import type { Db } from '../db';
import { rowsOf, type Row } from '../sql/rows';
import { sql } from '../sql/sql';
import type { PlannedSource } from './plan';
import type { Scratch } from './scratch';
import type { Contactability, Share, SourceContactability } from './types';

const FIGURES = [
	'email',
	'phone',
	'address',
	'reachable',
	'emailConsent',
	'smsConsent',
	'anyConsent',
	'emailWithConsent'
] as const;

type Figure = (typeof FIGURES)[number];

function applicable(source: PlannedSource): Record<Figure, boolean> {
	const email = source.email.length > 0;
	const phone = source.phone.length > 0;
	const emailConsent = source.emailOptin !== null;
	const smsConsent = source.smsOptin !== null;
	return {
		email,
		phone,
		address: source.street !== null && source.postcode !== null && source.city !== null,
		reachable: email || phone,
		emailConsent,
		smsConsent,
		anyConsent: emailConsent || smsConsent,
		emailWithConsent: email && emailConsent
	};
}

function contactabilityOf(row: Row | undefined, uses: Record<Figure, boolean>): Contactability {
	const records = Number(row?.records ?? 0);
	const share = (figure: Figure): Share | null => {
		if (!uses[figure]) return null;
		const count = Number(row?.[figure] ?? 0);
		return { count, share: records > 0 ? count / records : 0 };
	};
	const result: Contactability = {
		records,
		email: null,
		phone: null,
		address: null,
		reachable: null,
		emailConsent: null,
		smsConsent: null,
		anyConsent: null,
		emailWithConsent: null
	};
	for (const figure of FIGURES) result[figure] = share(figure);
	return result;
}

/** Contactability per profile source (in input order) and overall. */
export async function readContactability(
	db: Db,
	scratch: Scratch,
	sources: readonly PlannedSource[]
): Promise<{ sources: SourceContactability[]; overall: Contactability }> {
	const profiles = sources.filter((source) => source.mapping.kind === 'profile');
	const rows = rowsOf(
		await db.query(sql`WITH contacts AS (
				SELECT source_no, record_no, bool_or(kind = 'email') AS e, bool_or(kind = 'phone') AS ph
				FROM ${scratch.clean} GROUP BY ALL
			), joined AS (
				SELECT r.source_no, coalesce(r.address, FALSE) AS address,
					coalesce(r.email_consent, FALSE) AS ec, coalesce(r.sms_consent, FALSE) AS sc,
					coalesce(c.e, FALSE) AS e, coalesce(c.ph, FALSE) AS ph
				FROM ${scratch.records} r LEFT JOIN contacts c USING (source_no, record_no)
			)
			SELECT source_no, count(*) AS records, count(*) FILTER (WHERE e) AS email,
				count(*) FILTER (WHERE ph) AS phone, count(*) FILTER (WHERE address) AS address,
				count(*) FILTER (WHERE e OR ph) AS reachable, count(*) FILTER (WHERE ec) AS "emailConsent",
				count(*) FILTER (WHERE sc) AS "smsConsent", count(*) FILTER (WHERE ec OR sc) AS "anyConsent",
				count(*) FILTER (WHERE e AND ec) AS "emailWithConsent"
			FROM joined GROUP BY GROUPING SETS ((source_no), ())`)
	);
	const bySource = new Map(
		rows.filter((r) => r.source_no !== null).map((r) => [Number(r.source_no), r])
	);
	const overallUses = Object.fromEntries(
		FIGURES.map((figure) => [figure, profiles.some((source) => applicable(source)[figure])])
	) as Record<Figure, boolean>;
	return {
		sources: profiles.map((source) => ({
			sourceId: source.mapping.sourceId,
			...contactabilityOf(bySource.get(source.no), applicable(source))
		})),
		overall: contactabilityOf(
			rows.find((r) => r.source_no === null),
			overallUses
		)
	};
}
