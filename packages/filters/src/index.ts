export { FilterChain } from './filter-chain.js';
export type {
  FilterChainEvents,
  FilterChainOptions,
  FilterErrorEvent,
  FilterInput,
  FilterTimingEvent,
} from './filter-chain.js';
export { nameFilter } from './instance-filter.js';
export type { GenericInstanceFilter, InstanceFilter, NamedFilter } from './instance-filter.js';
export { FilterFailedError, InvalidFilterError } from './errors.js';
export { byStatus } from './built-ins/by-status.js';
export { byRegion, byZone } from './built-ins/by-location.js';
export { byMetadata } from './built-ins/by-metadata.js';
export { byPredicate } from './built-ins/by-predicate.js';
