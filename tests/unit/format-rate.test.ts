// The job bar's reading line: bytes read of the file and the rate, in the units of formatBytes.
import { describe, expect, it } from 'vitest';
import { formatRate, formatReading } from '../../src/lib/state/format';

const MB = 1024 ** 2;
const GB = 1024 ** 3;

describe('formatRate', () => {
	it.each([
		[0, '0 B/s'],
		[Number.NaN, '0 B/s'],
		[512, '512 B/s'],
		[1536, '1.5 KB/s'],
		[45 * MB, '45.0 MB/s'],
		[120.4 * MB, '120 MB/s'],
		[1.25 * GB, '1.3 GB/s']
	])('%d bytes a second reads as %s', (bytesPerSecond, expected) => {
		expect(formatRate(bytesPerSecond)).toBe(expected);
	});
});

describe('formatReading', () => {
	it.each([
		[120 * MB, GB, 45 * MB, '120 MB of 1.0 GB · 45.0 MB/s'],
		[0, 80 * MB, 0, '0 B of 80.0 MB · 0 B/s'],
		[80 * MB, 80 * MB, 52.5 * MB, '80.0 MB of 80.0 MB · 52.5 MB/s']
	])('%d of %d bytes at %d a second reads as %s', (done, total, rate, expected) => {
		expect(formatReading(done, total, rate)).toBe(expected);
	});
});
