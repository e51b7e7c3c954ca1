// Peak memory of the browser: every ~100 ms, the summed resident set (VmRSS) of all processes
// descending from this Node process — that is Chromium's browser, GPU, utility and renderer
// processes, the renderer holding the page and the engine worker. The tricky point: a sum of
// RSS counts pages shared between those processes (libraries, shared memory) once per process,
// so it overstates the memory the browser really holds; it is comparable from run to run.
import { readFileSync, readdirSync } from 'node:fs';

function parentsByPid(): Map<number, number[]> {
	const children = new Map<number, number[]>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			// Fields after the command name, which is in parentheses and may hold spaces.
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
		} catch {
			// The process ended while we looked.
		}
	}
	return children;
}

function residentKb(pid: number): number {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		return Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? 0);
	} catch {
		return 0;
	}
}

/** Summed resident memory of the descendants of `root` (not `root` itself), in MiB. */
export function descendantsRssMb(root = process.pid): number {
	const children = parentsByPid();
	let total = 0;
	const pending = [...(children.get(root) ?? [])];
	while (pending.length > 0) {
		const pid = pending.pop() as number;
		total += residentKb(pid);
		pending.push(...(children.get(pid) ?? []));
	}
	return total / 1024;
}

export interface PeakSampler {
	/** Stops sampling and returns the highest sum seen, in MiB. */
	stop(): number;
}

export function samplePeak(intervalMs = 100): PeakSampler {
	let peak = descendantsRssMb();
	const timer = setInterval(() => {
		peak = Math.max(peak, descendantsRssMb());
	}, intervalMs);
	return {
		stop() {
			clearInterval(timer);
			return Math.max(peak, descendantsRssMb());
		}
	};
}
