// Mapped views: a source's raw table read by role into canonical, typed columns.
export { buildMappedView } from './build-view';
export { mappedViewName } from './placement';
export type { MappedColumn, MappedOptions, MappedSpec, MappedType, MappedView } from './types';
