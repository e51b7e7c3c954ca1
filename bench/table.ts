// The results as a plain-text table: one line per scenario and size, native and browser side by
// side. The ratio is browser ÷ native seconds; failures show as "failed" and are listed below.
import type { BenchEngine, BenchResult } from './result';

const count = new Intl.NumberFormat('en-US');
const HEADERS = [
	'scenario',
	'size',
	'native s',
	'browser s',
	'browser/native',
	'native MB',
	'browser MB'
];

function find(results: BenchResult[], key: string, engine: BenchEngine): BenchResult | undefined {
	return results.find((r) => `${r.scenario}:${r.size}` === key && r.engine === engine);
}

function cell(result: BenchResult | undefined, value: number | null | undefined, digits: number) {
	if (!result) return '—';
	if (result.error && (value === null || value === undefined)) return 'failed';
	return value === null || value === undefined ? '—' : value.toFixed(digits);
}

export function resultsTable(results: BenchResult[]): string {
	const keys = [...new Set(results.map((r) => `${r.scenario}:${r.size}`))];
	const rows = keys.map((key) => {
		const native = find(results, key, 'native');
		const browser = find(results, key, 'browser');
		const [scenario = '', size = ''] = key.split(':');
		const ratio =
			native?.seconds && browser?.seconds
				? `${(browser.seconds / native.seconds).toFixed(1)}×`
				: '—';
		return [
			scenario,
			count.format(Number(size)),
			cell(native, native?.seconds, 3),
			cell(browser, browser?.seconds, 3),
			ratio,
			cell(native, native?.peak_mb, 0),
			cell(browser, browser?.peak_mb, 0)
		];
	});
	const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (cells: string[]) =>
		cells
			.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
			.join('  ');
	const latencies = results
		.filter((r) => r.p50_ms !== undefined && r.p95_ms !== undefined)
		.map(
			(r) =>
				`  ${r.engine} ${r.scenario} ${count.format(r.size)}: p50 ${r.p50_ms} ms, p95 ${r.p95_ms} ms`
		);
	const failures = results
		.filter((r) => r.error)
		.map((r) => `  ${r.engine} ${r.scenario} ${count.format(r.size)}: ${r.error}`);
	return [
		line(HEADERS),
		line(widths.map((w) => '-'.repeat(w))),
		...rows.map(line),
		...(latencies.length ? ['', 'Request latencies:', ...latencies] : []),
		...(failures.length ? ['', 'Failed:', ...failures] : [])
	].join('\n');
}
