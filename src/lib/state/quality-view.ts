// Turning a quality report into the rows the Quality page's charts and tables show: source ids
// replaced by their names, shares laid out per channel. Pure functions, no engine.
import type { Contactability, QualityReport } from '$lib/core/quality';
import type { MonthPoint } from '$lib/charts/monthly-lines';
import type { PairCell } from '$lib/charts/pair-heatmap';
import type { RateBar } from '$lib/charts/rate-bars';
import type { ShareCell } from '$lib/charts/share-heatmap';

export const CHANNELS: readonly { key: keyof Contactability; label: string }[] = [
	{ key: 'email', label: 'E-mail' },
	{ key: 'phone', label: 'Phone' },
	{ key: 'address', label: 'Postal address' },
	{ key: 'reachable', label: 'Reachable' },
	{ key: 'anyConsent', label: 'Consent' },
	{ key: 'emailWithConsent', label: 'E-mail + consent' }
];

export type NameOf = (sourceId: string) => string;

export function contactabilityCells(report: QualityReport, nameOf: NameOf): ShareCell[] {
	const rows = [
		...report.contactability.sources.map((s) => ({
			name: nameOf(s.sourceId),
			c: s as Contactability
		})),
		{ name: 'All profiles', c: report.contactability.overall }
	];
	return rows.flatMap(({ name, c }) =>
		CHANNELS.flatMap(({ key, label }) => {
			const share = c[key];
			return share && typeof share === 'object'
				? [{ row: name, column: label, share: share.share, count: share.count, total: c.records }]
				: [];
		})
	);
}

export function duplicateBars(report: QualityReport, nameOf: NameOf): RateBar[] {
	return report.duplicates.sources.flatMap((s) =>
		s.stats.map((stat) => ({
			source: nameOf(s.sourceId),
			series: stat.kind === 'email' ? 'E-mail' : 'Phone',
			rate: stat.rate,
			count: stat.recordsSharing,
			total: stat.records
		}))
	);
}

export function overlapPairs(
	report: QualityReport,
	nameOf: NameOf,
	kind: 'email' | 'phone'
): PairCell[] {
	const overlap = report.overlaps.find((o) => o.kind === kind);
	return (overlap?.pairs ?? []).map((p) => ({ a: nameOf(p.a), b: nameOf(p.b), shared: p.shared }));
}

export function freshnessPoints(report: QualityReport, nameOf: NameOf): MonthPoint[] {
	return report.freshness.flatMap((f) =>
		f.months.map((m) => ({
			series: `${nameOf(f.sourceId)} · ${f.column}`,
			month: m.month,
			count: m.count
		}))
	);
}
