// The definitions file the library downloads: the chosen segments with every segment their rules
// refer to (followed through references of references), so the file imports on its own, and a
// file name from the segment's name when there is one segment, or the day for several.
import type { Rule, SegmentDefinition } from '$lib/core/segments/definition';
import { segmentsJson } from '$lib/core/segments/definition-json';
import { localDay, segmentFileName } from '$lib/core/segments/member-export';

/** The ids of the segments a rule refers to. */
export function referencedIds(rule: Rule): string[] {
	if (rule.kind === 'group') return rule.children.flatMap(referencedIds);
	return rule.kind === 'segment' ? [rule.segmentId] : [];
}

export function definitionsFile(
	segments: readonly SegmentDefinition[],
	ids: readonly string[],
	now = new Date()
): { text: string; fileName: string } {
	const byId = new Map(segments.map((s) => [s.id, s]));
	const wanted = new Set(ids.filter((id) => byId.has(id)));
	// A set visits what is added while it is walked: references of references are followed.
	for (const id of wanted) {
		for (const ref of referencedIds(byId.get(id)!.rule)) if (byId.has(ref)) wanted.add(ref);
	}
	const day = localDay(now);
	const single = ids.length === 1 ? byId.get(ids[0]!) : undefined;
	return {
		text: segmentsJson(segments.filter((s) => wanted.has(s.id))),
		fileName: single ? segmentFileName(single.name, day, 'json') : `concord-segments-${day}.json`
	};
}
