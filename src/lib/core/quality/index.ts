// Data quality of mapped sources: contactability, validity, duplicates within and between
// sources, junk identifiers and freshness. Only this file is meant to be imported from outside.
export { assessQuality, type QualityOptions } from './assess';
export { DEFAULT_JUNK_THRESHOLDS, type JunkThresholds } from './junk';
export { identifierOf, placeholderOf, truthy, TRUTHY_WORDS } from './identifiers';
export { topicOf } from './column-checks';
export type * from './types';
export { IDENTIFIER_KINDS } from './types';
