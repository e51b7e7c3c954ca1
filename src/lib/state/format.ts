// Number and size formatting for the UI: one locale-aware place, so every table aligns alike.

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
	return integer.format(n);
}

export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
	const units = ['B', 'KB', 'MB', 'GB', 'TB'];
	const power = Math.min(Math.floor(Math.log(bytes) / Math.log(1024)), units.length - 1);
	const value = bytes / 1024 ** power;
	return `${value.toFixed(value >= 100 || power === 0 ? 0 : 1)} ${units[power]}`;
}

/** A reading speed: "45 MB/s". */
export function formatRate(bytesPerSecond: number): string {
	return `${formatBytes(bytesPerSecond)}/s`;
}

/** How much of a file is read, and how fast: "120 MB of 1.0 GB · 45 MB/s". */
export function formatReading(done: number, total: number, bytesPerSecond: number): string {
	return `${formatBytes(done)} of ${formatBytes(total)} · ${formatRate(bytesPerSecond)}`;
}

export function formatSeconds(ms: number): string {
	return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
