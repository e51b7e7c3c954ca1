// The Indicators area's settings, kept in IndexedDB under a versioned key. Read back
// defensively, field by field: a value saved by an older release or edited by hand keeps what
// is well-formed and takes the default for the rest. Whether the values make sense (cuts in
// order, bounds from 0) is not judged here: the settings panel shows those problems.
import { get, set } from 'idb-keyval';
import {
	DEFAULT_INDICATOR_SETTINGS,
	isPurchaseModel,
	type Cuts,
	type IndicatorSettings,
	type LifecycleStage
} from '$lib/core/indicators/settings';
import { plainCopy } from './plain-copy';

export const INDICATORS_KEY = 'concord:indicators:v1';

type Loose = Record<string, unknown> | null | undefined;

const asRecord = (value: unknown): Loose =>
	typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;

const finite = (value: unknown, fallback: number): number =>
	typeof value === 'number' && Number.isFinite(value) ? value : fallback;

const bound = (value: unknown): number | null =>
	typeof value === 'number' && Number.isFinite(value) ? value : null;

function cuts(value: unknown, fallback: Cuts): Cuts {
	return Array.isArray(value) && value.length === 4 && value.every((v) => Number.isFinite(v))
		? ([...value] as Cuts)
		: [...fallback];
}

function stage(value: unknown): LifecycleStage | null {
	const s = asRecord(value);
	if (!s || typeof s.id !== 'string' || typeof s.label !== 'string') return null;
	return {
		id: s.id,
		label: s.label,
		minOrders: bound(s.minOrders),
		maxOrders: bound(s.maxOrders),
		minDaysSinceLast: bound(s.minDaysSinceLast),
		maxDaysSinceLast: bound(s.maxDaysSinceLast)
	};
}

/** Settings from whatever was stored: well-formed fields kept, the defaults for the rest. */
export function readIndicatorSettings(value: unknown): IndicatorSettings {
	const d = DEFAULT_INDICATOR_SETTINGS;
	const saved = asRecord(value);
	if (!saved) return plainCopy(d);
	const rfm = asRecord(saved.rfm);
	const stages = Array.isArray(saved.lifecycle)
		? saved.lifecycle.map(stage).filter((s): s is LifecycleStage => s !== null)
		: [];
	return {
		rfm: {
			method: rfm?.method === 'thresholds' ? 'thresholds' : 'quintiles',
			recencyDays: cuts(rfm?.recencyDays, d.rfm.recencyDays),
			frequency: cuts(rfm?.frequency, d.rfm.frequency),
			monetary: cuts(rfm?.monetary, d.rfm.monetary)
		},
		model: isPurchaseModel(saved.model) ? saved.model : DEFAULT_INDICATOR_SETTINGS.model,
		propensityDays: finite(saved.propensityDays, d.propensityDays),
		clvMonths: finite(saved.clvMonths, d.clvMonths),
		discountRate: finite(saved.discountRate, d.discountRate),
		holdoutDays: finite(saved.holdoutDays, d.holdoutDays),
		lifecycle: stages.length > 0 ? stages : plainCopy(d.lifecycle)
	};
}

export async function loadIndicatorSettings(): Promise<IndicatorSettings> {
	try {
		return readIndicatorSettings(await get<unknown>(INDICATORS_KEY));
	} catch {
		return plainCopy(DEFAULT_INDICATOR_SETTINGS);
	}
}

export async function saveIndicatorSettings(settings: IndicatorSettings): Promise<void> {
	await set(INDICATORS_KEY, plainCopy(settings));
}
