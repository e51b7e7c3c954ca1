// Saved segments, kept in IndexedDB under a versioned key. Read back defensively: entries that
// are not segment definitions (an older release, a hand edit) are left out, not trusted.
import { get, set } from 'idb-keyval';
import type { SegmentDefinition } from '$lib/core/segments/definition';
import { plainCopy } from './plain-copy';

export const SEGMENTS_KEY = 'concord:segments:v1';

function isSegment(value: unknown): value is SegmentDefinition {
	const s = value as Partial<SegmentDefinition> | null;
	return (
		typeof s === 'object' &&
		s !== null &&
		typeof s.id === 'string' &&
		typeof s.name === 'string' &&
		typeof s.description === 'string' &&
		typeof s.colour === 'string' &&
		typeof s.createdAt === 'number' &&
		typeof s.updatedAt === 'number' &&
		typeof s.rule === 'object' &&
		s.rule?.kind === 'group'
	);
}

export async function loadSegments(): Promise<SegmentDefinition[]> {
	try {
		const saved = await get<unknown[]>(SEGMENTS_KEY);
		return Array.isArray(saved) ? saved.filter(isSegment) : [];
	} catch {
		return [];
	}
}

export async function saveSegments(segments: SegmentDefinition[]): Promise<void> {
	await set(SEGMENTS_KEY, plainCopy(segments));
}

/** Adds a segment (or replaces the one of the same id) and returns the new list. */
export async function putSegment(segment: SegmentDefinition): Promise<SegmentDefinition[]> {
	const segments = (await loadSegments()).filter((s) => s.id !== segment.id);
	segments.push(segment);
	await saveSegments(segments);
	return segments;
}
