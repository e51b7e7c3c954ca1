// Saved segments, kept in IndexedDB under a versioned key. Read back defensively: entries that
// are not segment definitions (an older release, a hand edit) are left out, not trusted. Every
// change reads the list again and writes it whole (as a plain copy), so a segment saved meanwhile
// by another page (the builder, the Indicators area) is kept.
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

/** Adds several segments (or replaces those of the same ids) in one write; returns the new list. */
export async function putSegments(
	added: readonly SegmentDefinition[]
): Promise<SegmentDefinition[]> {
	const ids = new Set(added.map((s) => s.id));
	const segments = [...(await loadSegments()).filter((s) => !ids.has(s.id)), ...added];
	await saveSegments(segments);
	return segments;
}

/** Removes a segment and returns the new list. */
export async function deleteSegment(id: string): Promise<SegmentDefinition[]> {
	const segments = (await loadSegments()).filter((s) => s.id !== id);
	await saveSegments(segments);
	return segments;
}
