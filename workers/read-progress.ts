// How far the reading of an imported file is, in bytes of the file, with the rate since the
// import began: what the job bar shows. The tricky point: a file DuckDB reads in one go (gzip,
// UTF-16: it cannot be cut into pieces) tells nothing until it is read, so its bar moves without
// a share instead of standing still at zero.
import type { ProgressCallback } from '../src/lib/engine/api';

export class ReadProgress {
	private readonly started = performance.now();
	private bytesRead = 0;

	constructor(
		private readonly file: File,
		private readonly onProgress: ProgressCallback
	) {}

	/** The first report: an empty bar, or a moving one when no share of the file will be known. */
	begin(shareKnown: boolean): void {
		this.onProgress({
			done: 0,
			total: shareKnown ? this.file.size : 0,
			label: `Reading ${this.file.name}`
		});
	}

	/** Reports the bytes read so far; the bar never moves back. */
	report(bytesRead: number, label = `Reading ${this.file.name}`): void {
		this.bytesRead = Math.max(this.bytesRead, Math.min(bytesRead, this.file.size));
		const seconds = (performance.now() - this.started) / 1000;
		this.onProgress({
			done: this.bytesRead,
			total: this.file.size,
			label,
			bytesPerSecond: this.bytesRead > 0 && seconds > 0 ? this.bytesRead / seconds : undefined
		});
	}

	/** Reports the share of the file read (0 to 1), for a copy of the file that differs in size. */
	reportShare(share: number): void {
		this.report(Math.round(share * this.file.size));
	}
}
